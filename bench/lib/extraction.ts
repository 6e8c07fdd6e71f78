import { deflateSync } from 'node:zlib';
import type { RunningSubgraph } from '@backoffice/kit';
import { callSubgraph, testIdentity } from '@backoffice/testkit';
import {
  assemblePdf,
  type DocumentsConfig,
  type DocumentsServices,
  ExtractionPool,
  MAX_INDEXED_CHARS,
} from '@backoffice/testkit/services/documents';
import { printTable } from './load.js';

/**
 * Text extraction throughput for ordinary PDFs (issue 20): `files` PDFs of `pages` pages of prose
 * each, read by a pool of threads as configured (DOCUMENTS_EXTRACTION_*), warm; then filed through
 * the service, from the first upload until every one is searchable (textStatus DONE).
 */
export async function pdfExtractionThroughput(
  docs: RunningSubgraph<DocumentsServices>,
  settings: DocumentsConfig,
  files: number,
  pages = 4,
): Promise<Record<string, unknown>> {
  const pdfs = Array.from({ length: files }, (_, i) => ordinaryPdf(i, pages));
  // The threads alone, warm: what a pool of this size reads per second.
  const pool = new ExtractionPool({
    workers: settings.DOCUMENTS_EXTRACTION_WORKERS,
    timeoutMs: settings.DOCUMENTS_EXTRACTION_TIMEOUT_MS,
    memoryMb: settings.DOCUMENTS_EXTRACTION_MEMORY_MB,
    maxChars: MAX_INDEXED_CHARS,
  });
  await Promise.all(
    pdfs.slice(0, settings.DOCUMENTS_EXTRACTION_WORKERS).map((pdf) => pool.run('application/pdf', pdf)),
  );
  let started = performance.now();
  const replies = await Promise.all(pdfs.map((pdf) => pool.run('application/pdf', pdf)));
  const poolSeconds = (performance.now() - started) / 1000;
  await pool.close();

  // Through the service: filed 8 at a time, until every one is searchable.
  const officer = testIdentity(['compliance_officer'], { userId: 'bench-extraction' });
  started = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < files; i = next++) {
        const input = {
          title: `Rapport ${i}`,
          mimeType: 'application/pdf',
          contentBase64: pdfs[i].toString('base64'),
        };
        const r = await callSubgraph(docs.url, UPLOAD, { input }, officer);
        if (r.errors) throw new Error(`upload refused: ${r.errors[0].message}`);
        ids.push(r.data.uploadDocument.id);
      }
    }),
  );
  let outcome: Record<string, number> = {};
  for (;;) {
    const rows: { text_status: string; n: number }[] = await docs.deps.db.query(
      'SELECT text_status, count(*)::int AS n FROM document WHERE id = ANY($1) GROUP BY text_status',
      [ids],
    );
    outcome = Object.fromEntries(rows.map((r) => [r.text_status, r.n]));
    if (!outcome.PENDING) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = [
    { path: 'pool alone', seconds: poolSeconds, done: replies.filter((r) => r.status === 'DONE').length },
    { path: 'upload to searchable', seconds, done: outcome.DONE ?? 0 },
  ].map((r) => ({
    path: r.path,
    PDFs: files,
    pages: files * pages,
    'KiB each': Math.round(pdfs[0].length / 1024),
    threads: settings.DOCUMENTS_EXTRACTION_WORKERS,
    seconds: round(r.seconds),
    'PDFs/s': round(files / r.seconds),
    'pages/s': round((files * pages) / r.seconds),
    DONE: r.done,
  }));
  console.log('\ntext extraction of ordinary PDFs');
  printTable(rows);
  console.log(`extraction: pdf_pages_per_s=${rows[0]['pages/s']}`);
  return { rows };
}

/** Settings for benchmarks that upload far more as one user than the hourly quota lets a person. */
export const withoutUploadQuota = (settings: DocumentsConfig): DocumentsConfig => ({
  ...settings,
  DOCUMENTS_UPLOADS_PER_HOUR: Number.MAX_SAFE_INTEGER,
  DOCUMENTS_UPLOAD_BYTES_PER_HOUR: Number.MAX_SAFE_INTEGER,
});

const UPLOAD = 'mutation($input: UploadDocumentInput!) { uploadDocument(input: $input) { id } }';
const PROSE = [
  'De medewerker ontvangt een thuiswerkvergoeding volgens het beleid van de afdeling.',
  'Employees travelling abroad book flights through the office and keep their receipts.',
  'Het verzuimprotocol beschrijft wie de leidinggevende wanneer informeert bij ziekte.',
  'Invoices above the approval threshold wait for a second signature before payment.',
];

/** A PDF as office software writes one: a page tree, a font, and a deflated content stream per page. */
function ordinaryPdf(seed: number, pages: number): Buffer {
  // 1 catalog, 2 page tree, 3 font, then each page (4 + 2p) followed by its content stream.
  const kids = Array.from({ length: pages }, (_, p) => `${4 + 2 * p} 0 R`).join(' ');
  const objects: Buffer[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ].map((o) => Buffer.from(o));
  for (let p = 0; p < pages; p++) {
    const lines = Array.from(
      { length: 45 },
      (_, l) => `(${PROSE[(seed + p + l) % PROSE.length]} ${seed}.${p}.${l}) Tj T*`,
    );
    const stream = deflateSync(Buffer.from(`BT /F1 10 Tf 12 TL 50 800 Td ${lines.join(' ')} ET`, 'latin1'));
    objects.push(
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * p} 0 R >>`,
      ),
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
        stream,
        Buffer.from('\nendstream'),
      ]),
    );
  }
  return assemblePdf(objects);
}

const round = (x: number) => Math.round(x * 100) / 100;
