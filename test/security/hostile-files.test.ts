import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  callSubgraph,
  deleteTestStream,
  dropTestDatabases,
  freePort,
  signedForRoute,
  startPlatform,
  testEnv,
  testIdentity,
  uniqueRunId,
} from '@backoffice/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../services/documents/src/content/minimal-pdf.fixture.js';
import { docx, xlsx, zip } from '../../services/documents/src/content/ooxml.fixture.js';

/**
 * Files made to stall or exhaust the documents service, uploaded by an ordinary employee to the
 * service running as its own process (`tsx`, as `pnpm start` runs it, so its extraction threads load
 * as they do there). Each upload must be answered at once, other requests must keep being answered
 * while the files are read, the process's memory must stay bounded, and each file must end with the
 * text status its nature calls for. Timings are printed, never asserted.
 */
const runId = uniqueRunId();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-files-'));
const MiB = 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const employeeId = '5f0c2a1e-3b4d-4c6e-8f90-123456789abc';
const asEmployee = testIdentity(['employee'], { userId: 'user-hostile', employeeId });
const asCompliance = testIdentity(['compliance_officer'], { userId: 'user-hostile-officer' });

let platform: Awaited<ReturnType<typeof startPlatform>>;
let origin: string;
let graphql: string;
let pid: number;

beforeAll(async () => {
  const port = await freePort();
  platform = await startPlatform({
    services: ['documents'],
    gateway: false,
    servicePorts: { documents: port },
    log: 'silent',
    readyTimeoutMs: 90_000,
    env: {
      ...testEnv(runId),
      DOCUMENTS_DIR: dir,
      DOCUMENTS_EXTRACTION_WORKERS: '2',
      DOCUMENTS_EXTRACTION_MEMORY_MB: '128',
      DOCUMENTS_EXTRACTION_TIMEOUT_MS: '10000',
      DOCUMENTS_EXTRACTION_POLL_MS: '500',
    },
  });
  origin = `http://127.0.0.1:${port}`;
  graphql = `${origin}/graphql`;
  pid = platform.processes[0].managed.child.pid as number;
  // The employee as documents learns of them from hr's events, which this run has no hr to send.
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/backoffice_documents_t${runId}`;
  const db = new pg.Client({ connectionString: server.href });
  await db.connect();
  await db.query('INSERT INTO known_employee (id) VALUES ($1)', [employeeId]);
  await db.end();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await dropTestDatabases(runId).catch(() => undefined);
  await deleteTestStream(`T${runId.toUpperCase()}`).catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Resident memory of the service process, from /proc (Linux, as CI). */
const rssMiB = () =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

/** Streams a file through POST /documents as the employee, for themself; the answer and its time. */
async function upload(title: string, type: string, body: Buffer) {
  const url = `${origin}/documents`;
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      ...(await signedForRoute(url, asEmployee, 'POST')),
      'content-type': type,
      'x-document-title': encodeURIComponent(title),
      'x-document-owner': employeeId,
    },
    body,
  });
  const answer = (await res.json()) as { id?: string; code?: string };
  return { status: res.status, ...answer, ms: Math.round(performance.now() - started) };
}

const STATUS = 'query($id: ID!) { document(id: $id) { textStatus } }';
async function textStatuses(ids: string[]): Promise<string[]> {
  return Promise.all(
    ids.map(
      async (id) => (await callSubgraph(graphql, STATUS, { id }, asCompliance)).data?.document?.textStatus,
    ),
  );
}

/** Polls until no document is PENDING (or a minute passed); the statuses. */
async function settled(ids: string[]): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const statuses = await textStatuses(ids);
    if (!statuses.includes('PENDING') || Date.now() > deadline) return statuses;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const searchIds = async (q: string) => {
  const r = await callSubgraph(
    graphql,
    'query($q: String!) { searchDocuments(query: $q) { document { id } } }',
    { q },
    asCompliance,
  );
  expect(r.errors).toBeUndefined();
  return (r.data.searchDocuments as { document: { id: string } }[]).map((h) => h.document.id);
};

// Hostile files, each made here, and the text status its nature calls for.
const flateBomb = minimalPdf({ deflated: deflateSync(Buffer.alloc(200 * MiB, 0x20), { level: 9 }) });
const HOSTILE: [string, string, Buffer, string][] = [
  ['Flate bomb: 200 MiB of page content in a PDF', 'application/pdf', flateBomb, 'TOO_COMPLEX'],
  [
    'Zip bomb: a Word document of 100 MiB of XML',
    DOCX,
    docx([], [], { name: 'word/document.xml', data: Buffer.alloc(100 * MiB, 0x20) }),
    'TOO_COMPLEX',
  ],
  [
    'Zip bomb: a Word document of 5,000 parts',
    DOCX,
    docx(
      ['x'],
      Array.from({ length: 5_000 }, (_, i) => ({ name: `word/media/p${i}.xml`, data: '' })),
    ),
    'TOO_COMPLEX',
  ],
  [
    'Repeated stream/endstream',
    'application/pdf',
    Buffer.from(`%PDF-1.4\n${'stream\nx\nendstream\n'.repeat(70_000)}`),
    'FAILED',
  ],
  [
    'Nested arrays in a page',
    'application/pdf',
    minimalPdf(`BT ${'['.repeat(300_000)}${']'.repeat(300_000)} ET`),
    'DONE',
  ],
  [
    'Nested dictionaries',
    'application/pdf',
    Buffer.from(
      `%PDF-1.4\n1 0 obj\n${'<< /A '.repeat(100_000)}1${' >>'.repeat(100_000)}\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF`,
    ),
    'FAILED',
  ],
  ['Runs of <script', 'text/html', Buffer.from(`<p>Hallo</p>${'<script'.repeat(80_000)}`), 'DONE'],
  ['Nested tags', 'text/html', Buffer.from(`${'<div><span>'.repeat(150_000)}diep`), 'DONE'],
  [
    'Polyglot: a PDF with a ZIP behind it',
    'application/pdf',
    Buffer.concat([minimalPdf('BT (polyglot) Tj ET'), docx(['verstopt'])]),
    'DONE',
  ],
];

describe('hostile files uploaded to documents', () => {
  it('answers each upload at once, keeps answering others, bounds memory, and marks what it could not read', async () => {
    const before = rssMiB();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB());
    }, 50);
    // Reads from another user's screen, one after another, from the first upload until all is read.
    const answered: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const started = performance.now();
        const r = await callSubgraph(
          graphql,
          'query { documents(first: 5) { totalCount } }',
          {},
          asCompliance,
        );
        expect(r.errors).toBeUndefined();
        answered.push(performance.now() - started);
      }
    })();
    try {
      const uploads: Awaited<ReturnType<typeof upload>>[] = [];
      for (const [title, type, body] of HOSTILE) uploads.push(await upload(title, type, body));
      console.table(
        HOSTILE.map(([title, , body], i) => ({
          title,
          KiB: body.length >> 10,
          status: uploads[i].status,
          'answer ms': uploads[i].ms,
        })),
      );
      for (const u of uploads) expect(u.status, JSON.stringify(u)).toBe(201);
      const ids = uploads.map((u) => u.id as string);
      const statuses = await settled(ids);
      reading = false;
      await reader;
      expect(answered.length).toBeGreaterThan(0);
      console.log(
        `answered ${answered.length} reads meanwhile, slowest ${Math.round(Math.max(0, ...answered))} ms; RSS ${Math.round(before)} -> peak ${Math.round(peak)} MiB`,
      );
      expect(statuses).toEqual(HOSTILE.map(([, , , expected]) => expected));
      // Two threads of 128 MiB heap and 128 MiB buffers each, and room to spare: the flate bomb alone
      // took 600 MB in the request thread before.
      expect(peak - before).toBeLessThan(768);
      // What could not be read is still found by its title.
      expect(await searchIds('flate bomb')).toContain(ids[0]);
      // Operators see the same on /metrics: nothing left waiting, and what was too complex counted.
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      expect(metrics).toMatch(/^backoffice_documents_text_pending(\{[^}]*\})? 0$/m);
      const tooComplex = [
        ...metrics.matchAll(
          /^backoffice_documents_text_extractions\{[^}]*outcome="TOO_COMPLEX[^"]*"[^}]*\} (\d+)$/gm,
        ),
      ];
      const expectedTooComplex = HOSTILE.filter(([, , , expected]) => expected === 'TOO_COMPLEX').length;
      expect(tooComplex.reduce((n, m) => n + Number(m[1]), 0)).toBeGreaterThanOrEqual(expectedTooComplex);
    } finally {
      reading = false;
      clearInterval(sampler);
    }
  }, 120_000);

  it('refuses a plain ZIP, and the polyglot, declared as a Word document', async () => {
    for (const body of [
      zip([{ name: 'a.txt', data: 'geen document' }]),
      Buffer.concat([minimalPdf('BT (x) Tj ET'), docx(['x'])]),
    ]) {
      const answer = await upload('Niet wat het zegt', DOCX, body);
      expect(answer).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    }
  });

  it('still finds ordinary PDF, Word, Excel, HTML and text files in Dutch and English once read', async () => {
    const ordinary: [string, string, Buffer, string][] = [
      [
        'Geheimhouding',
        'application/pdf',
        minimalPdf('BT /F1 12 Tf 72 720 Td (Geheimhoudingsverklaring voor leveranciers) Tj ET', true),
        'geheimhoudingsverklaring',
      ],
      ['Thuiswerken', DOCX, docx(['De medewerkers ontvangen een thuiswerkvergoeding.']), 'medewerker'],
      ['Kwartaal', XLSX, xlsx(['Quarterly travel expenses', 'Reiskosten per kwartaal']), 'expense'],
      [
        'Reisbeleid',
        'text/html',
        Buffer.from('<h1>Travel</h1><p>Employees travelling abroad book flights.</p>'),
        'flight',
      ],
      ['Verzuim', 'text/plain', Buffer.from('Het verzuimprotocol geldt bij ziekte.'), 'verzuimprotocol'],
    ];
    const ids: string[] = [];
    for (const [title, type, body] of ordinary) {
      const answer = await upload(title, type, body);
      expect(answer.status).toBe(201);
      ids.push(answer.id as string);
    }
    expect(await settled(ids)).toEqual(ordinary.map(() => 'DONE'));
    for (const [i, [, , , word]] of ordinary.entries()) expect(await searchIds(word), word).toContain(ids[i]);
  }, 90_000);
});
