/**
 * Documents at scale (issue 5), through the documents subgraph as the graph calls it:
 *   1. `searchDocuments` p50/p95 at 8 concurrent clients over 100,000 indexed documents, as a
 *      compliance_officer (reads everything) and as an employee (the access filter in SQL bites);
 *      then, side by side, the search service against the statement it replaced (the access rule as
 *      a filter after the text match, every match ranked), request by request from the same clients;
 *   2. upload throughput of 1 MiB text files through the streaming route `POST /documents`;
 *   3. resident memory of the service while one 200 MiB upload streams in (service in a child
 *      process so its RSS is its own), sampled every 100 ms; 4. text extraction of ordinary PDFs.
 *   pnpm bench:documents [--documents 100000] [--clients 8] [--duration 15] [--upload-seconds 10] [--pdfs 100]
 *                        [--big-mib 200] [--smoke] [--s3]
 *   --s3: blobs in a local S3-compatible server (s3rver) through the S3 store instead of on disk, for
 *   the upload figures (search does not touch blobs): e.g. `pnpm bench:documents --s3 --documents 2000`.
 * Data is generated set-wise in SQL; the run's databases, stream and temp folders are removed at the end.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { pdfExtractionThroughput, withoutUploadQuota } from './lib/extraction.js';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { Identity, RunningSubgraph } from '@backoffice/kit';
import {
  callSubgraph,
  dropRunDatabases,
  newTestRun,
  signedForRoute,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/kit/test-harness';
import { config, parseDocumentsConfig } from '../services/documents/src/config.js';
import { readableSql } from '../services/documents/src/documents/document.access.js';
import { Document } from '../services/documents/src/documents/document.entity.js';
import { documentsSubgraphWith } from '../services/documents/src/documents.subgraph.js';
import type { DocumentsServices } from '../services/documents/src/services.js';
import { startLocalS3 } from '../services/documents/test/local-s3.js';
import { argNumber, exitOf, hasFlag, median, percentile, printTable, rssMiB } from './lib/load.js';
import { writeResult } from './lib/report.js';

const SMOKE = hasFlag('smoke');
const S3 = hasFlag('s3');
const DOCUMENTS = argNumber('documents', SMOKE ? 500 : 100_000);
const CLIENTS = argNumber('clients', 8);
const DURATION_SEC = argNumber('duration', SMOKE ? 1 : 15);
const UPLOAD_SEC = argNumber('upload-seconds', SMOKE ? 1 : 10);
const UPLOADERS = argNumber('uploaders', 4);
const BIG_MIB = argNumber('big-mib', SMOKE ? 8 : 200);
const EMPLOYEES = Math.max(10, Math.round(DOCUMENTS / 50));
const TARGET_P95_MS = 50;
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The parent: data, load, report.

async function main(): Promise<void> {
  const run = newTestRun();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-documents-'));
  let child: ChildProcess | undefined;
  let childRunId: string | undefined;
  const s3 = S3 ? await startLocalS3('bench-documents') : undefined;
  try {
    const docs = await startTestSubgraph(run, {
      ...documentsSubgraphWith({
        ...withoutUploadQuota(config),
        ...(s3 ? parseDocumentsConfig(s3.env) : {}),
        DOCUMENTS_DIR: dir,
      }),
      jobs: undefined,
    });
    console.log(`blobs: ${s3 ? `S3 store, local s3rver at ${s3.endpoint}` : 'filesystem store'}`);
    const db = docs.deps.db;
    const origin = new URL(docs.url).origin;

    console.log(`seeding ${DOCUMENTS} documents set-wise (${EMPLOYEES} owners)`);
    const t = performance.now();
    await seed(db, DOCUMENTS, EMPLOYEES);
    const seedMs = performance.now() - t;
    const [{ indexed }] = await db.query(
      `SELECT count(*)::int AS indexed FROM document WHERE search_vector <> ''::tsvector`,
    );
    console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s, ${indexed} with a search vector`);

    // How many documents each query matches (before the access rule): what ranking has to go through.
    const matches: Record<string, number> = {};
    for (const q of QUERIES) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM document
          WHERE search_vector @@ (websearch_to_tsquery('english', $1) || websearch_to_tsquery('dutch', $1))`,
        [q],
      );
      matches[q] = n;
    }
    const counts = Object.values(matches).sort((a, b) => a - b);
    console.log(
      `matches per query: min ${counts[0]}, median ${median(counts)}, max ${counts.at(-1)} of ${DOCUMENTS}`,
    );

    // 1. Search.
    const officer = testIdentity(['compliance_officer'], { userId: 'bench-officer' });
    const owners: string[] = (await db.query('SELECT id FROM known_employee ORDER BY id LIMIT 16')).map(
      (r: { id: string }) => r.id,
    );
    const employeeOf = (i: number) =>
      testIdentity(['employee'], { userId: `user-${i}`, employeeId: owners[i % owners.length] });
    const searchRows: Record<string, unknown>[] = [];
    const searchResults: Record<string, SearchLoad> = {};
    for (const [who, identity] of [
      ['compliance_officer', () => officer],
      ['employee', (i: number) => employeeOf(i)],
    ] as const) {
      await searchLoad(docs.url, identity, 2, SMOKE ? 0.5 : 2); // warm-up: plans and caches
      const r = await searchLoad(docs.url, identity, CLIENTS, DURATION_SEC);
      searchResults[who] = r;
      searchRows.push({
        caller: who,
        clients: CLIENTS,
        requests: r.total,
        'req/s': Math.round(r.total / DURATION_SEC),
        'p50 ms': r.p50,
        'p95 ms': r.p95,
        'p99 ms': r.p99,
        'mean hits': r.meanHits,
        errors: r.errors,
      });
    }
    const plans = {
      compliance_officer: await explainSearch(docs, officer, 'contract'),
      employee: await explainSearch(docs, employeeOf(0), 'contract'),
    };
    const sideBySideRows: Record<string, unknown>[] = [];
    const sideBySide: Record<string, { now: SearchLoad; before: SearchLoad }> = {};
    for (const [who, identity] of [
      ['compliance_officer', () => officer],
      ['employee', (i: number) => employeeOf(i)],
    ] as const) {
      const r = await sideBySideLoad(docs, identity, CLIENTS, DURATION_SEC);
      sideBySide[who] = r;
      for (const [statement, l] of [
        ['before (filter after match, rank all)', r.before],
        ['now (access branches, capped ranking)', r.now],
      ] as const) {
        sideBySideRows.push({
          caller: who,
          statement,
          requests: l.total,
          'p50 ms': l.p50,
          'p95 ms': l.p95,
          'mean hits': l.meanHits,
        });
      }
    }

    const extraction = await pdfExtractionThroughput(docs, config, argNumber('pdfs', SMOKE ? 10 : 100));
    // 2. Upload throughput, 1 MiB files (4. above: before their text files queue for extraction).
    const uploads = await uploadLoad(origin, officer, UPLOADERS, UPLOAD_SEC);
    const uploadRows = [
      {
        uploaders: UPLOADERS,
        'file MiB': 1,
        uploads: uploads.count,
        'uploads/s': round(uploads.count / uploads.seconds),
        'MiB/s': round(uploads.count / uploads.seconds),
        'p50 ms': uploads.p50,
        'p95 ms': uploads.p95,
        errors: uploads.errors,
      },
    ];

    // 3. One big upload, the service in a child process of its own.
    const big = await bigUpload(
      dir,
      (c, id) => {
        child = c;
        childRunId = id;
      },
      s3?.env,
    );

    console.log('\nsearchDocuments (through the subgraph, GraphQL)');
    printTable(searchRows);
    console.log(
      `\nplan of "contract": officer ${plans.compliance_officer.summary}; employee ${plans.employee.summary}`,
    );
    console.log(
      `\nsearch service side by side with the statement it replaced, ${CLIENTS} clients, interleaved`,
    );
    printTable(sideBySideRows);
    console.log('\nPOST /documents, 1 MiB text files');
    printTable(uploadRows);
    console.log(`\nPOST /documents, one ${BIG_MIB} MiB text file, service RSS sampled every 100 ms`);
    printTable([
      {
        'MiB sent': BIG_MIB,
        status: big.status,
        seconds: big.seconds,
        'MiB/s': round(BIG_MIB / big.seconds),
        'RSS before': big.before,
        'RSS min': big.min,
        'RSS max': big.max,
        'RSS after': big.after,
        'max - before': round(big.max - big.before),
        samples: big.samples,
      },
    ]);

    const p95 = Math.max(searchResults.compliance_officer.p95, searchResults.employee.p95);
    writeResult(`${SMOKE ? 'documents-smoke' : 'documents'}${S3 ? '-s3' : ''}`, {
      documents: DOCUMENTS,
      employees: EMPLOYEES,
      blobs: S3 ? 's3 (s3rver)' : 'filesystem',
      seedSeconds: round(seedMs / 1000),
      matchesPerQuery: matches,
      loadAverage: os.loadavg().map(round),
      search: searchRows,
      searchPlans: plans,
      searchSideBySide: sideBySideRows,
      upload: uploadRows,
      extraction,
      bigUpload: { mib: BIG_MIB, ...big, rssTimeline: undefined },
      bigUploadRssTimeline: big.timeline,
    });
    const p95Before = Math.max(sideBySide.compliance_officer.before.p95, sideBySide.employee.before.p95);
    const p95Now = Math.max(sideBySide.compliance_officer.now.p95, sideBySide.employee.now.p95);
    console.log(`side by side: search_p95_now_vs_before=${round(p95Now / p95Before)}`);
    console.log(`ratio: search_p95_vs_target=${round(p95 / TARGET_P95_MS)}`);
  } finally {
    if (child?.connected) child.send('stop');
    if (child) await exitOf(child, 15_000);
    if (childRunId) await dropRunDatabases(childRunId).catch(() => undefined);
    await run.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
    await s3?.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Data, set-wise.

/** A Dutch/English back-office vocabulary; a few words are common, most are rare (Zipf-like). */
const WORDS = [
  'contract',
  'overeenkomst',
  'invoice',
  'factuur',
  'salary',
  'salaris',
  'leave',
  'verlof',
  'policy',
  'beleid',
  'employee',
  'medewerker',
  'payment',
  'betaling',
  'annual',
  'jaarlijks',
  'review',
  'beoordeling',
  'holiday',
  'vakantie',
  'pension',
  'pensioen',
  'travel',
  'reiskosten',
  'expense',
  'declaratie',
  'approval',
  'goedkeuring',
  'termination',
  'ontslag',
  'probation',
  'proeftijd',
  'insurance',
  'verzekering',
  'laptop',
  'telefoon',
  'office',
  'kantoor',
  'remote',
  'thuiswerken',
  'budget',
  'begroting',
  'audit',
  'controle',
  'compliance',
  'privacy',
  'gegevens',
  'security',
  'beveiliging',
  'training',
  'opleiding',
  'bonus',
  'toeslag',
  'allowance',
  'vergoeding',
  'tax',
  'belasting',
  'quarter',
  'kwartaal',
  'supplier',
  'leverancier',
  'amsterdam',
  'rotterdam',
  'utrecht',
];

async function seed(db: RunningSubgraph<unknown>['deps']['db'], documents: number, employees: number) {
  await db.query(
    `INSERT INTO known_employee (id)
     SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid FROM generate_series(1, $1) g`,
    [employees],
  );
  // A word of the list drawn with a skew (index = n * u^1.5): the commonest is in about 40 % of the
  // documents, the rarest in well under 1 %.
  const word = (seedExpr: string) =>
    `(w)[1 + floor(${WORDS.length} * power(((abs(hashtext(${seedExpr})) % 100000) / 100000.0), 1.5))::int]`;
  // Filler: 512 Dutch/English-ish made-up words from three syllables, each in a few % of documents.
  const filler = (h: string) =>
    `(ARRAY['ver','be','ont','re','pro','con','over','in'])[1 + ${h} % 8] ||
     (ARRAY['werk','deel','stand','gang','port','tract','form','plan'])[1 + (${h} >> 3) % 8] ||
     (ARRAY['ing','en','er','heid','tion','s','ment','ie'])[1 + (${h} >> 6) % 8]`;
  // Two statements at a time: the trigger's six to_tsvector calls per row are the cost, on 2 cores.
  // In slices of 5,000: one statement must finish within the data source's query timeout.
  const SLICE = 5_000;
  const slices: [number, number][] = [];
  for (let from = 1; from <= documents; from += SLICE)
    slices.push([from, Math.min(documents, from + SLICE - 1)]);
  const batch = (from: number, to: number) =>
    db.query(
      `WITH v AS (SELECT $3::text[] AS w)
       INSERT INTO document (title, document_type, classification, owner_employee_id, tags, search_text,
                             created_by, created_at, updated_at)
       SELECT initcap(${word("g || 't1'")} || ' ' || ${word("g || 't2'")} || ' ' || ${word("g || 't3'")}) || ' ' || g,
              (ARRAY['contract','policy','invoice','payslip','personnel_file','memo', NULL])[1 + g % 7],
              CASE WHEN g % 20 = 0 THEN 'STRICTLY_CONFIDENTIAL' WHEN g % 4 = 1 THEN 'CONFIDENTIAL'
                   WHEN g % 5 = 2 THEN 'PUBLIC' ELSE 'INTERNAL' END,
              CASE WHEN g % 10 < 8 THEN ('00000000-0000-4000-8000-' || lpad(to_hex(1 + g % $4), 12, '0'))::uuid END,
              ARRAY[${word("g || 'a'")}, ${word("g || 'b'")}],
              (SELECT string_agg(CASE WHEN i % 9 = 0 THEN ${word("g || '-' || i")} ELSE ${filler('hh.h')} END, ' ')
                 FROM generate_series(1, 40) i, LATERAL (SELECT abs(hashtext(g || '-' || i)) AS h) hh),
              'uploader-' || (g % 25),
              now() - (g % 1000) * interval '8 hours',
              now()
         FROM v, generate_series($1::int, $2::int) g`,
      [from, to, WORDS, employees],
    );
  const worker = async () => {
    for (let next = slices.shift(); next; next = slices.shift()) await batch(next[0], next[1]);
  };
  await Promise.all([worker(), worker()]);
  await db.query(
    `INSERT INTO blob (sha256, size)
     SELECT encode(sha256(id::text::bytea), 'hex'), 1000 + length(search_text) FROM document`,
  );
  await db.query(
    `INSERT INTO document_version (document_id, number, sha256, size, mime_type, file_name, created_by)
     SELECT id, 1, encode(sha256(id::text::bytea), 'hex'), 1000 + length(search_text), 'text/plain', 'file.txt', created_by
       FROM document`,
  );
  // The uploader's own grant on strictly confidential documents, as filing records it; and a few
  // grants to the employees the search load runs as.
  await db.query(
    `INSERT INTO document_grant (document_id, user_id, granted_by)
     SELECT id, created_by, created_by FROM document WHERE classification = 'STRICTLY_CONFIDENTIAL'
     UNION ALL
     SELECT id, 'user-' || (abs(hashtext(id::text)) % 8), 'bench' FROM document
      WHERE abs(hashtext(id::text || 'g')) % 500 = 0`,
  );
  await db.query('VACUUM ANALYZE document');
  await db.query('ANALYZE');
}

// ---------------------------------------------------------------------------------------------
// 1. Search load.

const SEARCH = `query($q: String!, $first: Int) {
  searchDocuments(query: $q, first: $first) { rank snippet document { id title classification } }
}`;

/** What people type: single common and rare words, two words, Dutch and English, a phrase, an OR. */
const QUERIES = [
  'contract',
  'salaris',
  'verlof',
  'invoice approval',
  'factuur betaling',
  'annual review',
  'pensioen',
  'thuiswerken vergoeding',
  '"travel expense"',
  'leverancier or supplier',
  'utrecht',
  'privacy gegevens',
  'laptop',
  'belasting kwartaal',
  'termination',
  'beveiliging training',
];

interface SearchLoad {
  total: number;
  p50: number;
  p95: number;
  p99: number;
  meanHits: number;
  errors: number;
}

async function searchLoad(
  url: string,
  identity: (client: number) => Identity,
  clients: number,
  seconds: number,
): Promise<SearchLoad> {
  const times: number[] = [];
  let errors = 0;
  let hits = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; performance.now() < deadline; i += clients) {
        const t = performance.now();
        const r = await callSubgraph(url, SEARCH, { q: QUERIES[i % QUERIES.length], first: 20 }, identity(c));
        times.push(performance.now() - t);
        if (r.errors) {
          if (++errors === 1) console.error(`search answered: ${JSON.stringify(r.errors).slice(0, 300)}`);
        } else hits += r.data.searchDocuments.length;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    total: times.length,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    meanHits: round(hits / Math.max(1, times.length - errors)),
    errors,
  };
}

/** The search statement exactly as the service sends it (captured), then EXPLAIN ANALYZE of it. */
async function explainSearch(
  docs: Awaited<ReturnType<typeof startTestSubgraph<any>>>,
  identity: Identity,
  q: string,
): Promise<{ summary: string; plan: string[] }> {
  const db = docs.deps.db;
  const captured: [string, unknown[]][] = [];
  const original = db.driver.createQueryRunner.bind(db.driver);
  (db.driver as any).createQueryRunner = (mode: any) => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = (sql: string, params?: unknown[], ...rest: unknown[]) => {
      if (/search_vector @@/.test(sql)) captured.push([sql, params ?? []]);
      return (query as any)(sql, params, ...rest);
    };
    return runner;
  };
  try {
    await callSubgraph(docs.url, SEARCH, { q, first: 20 }, identity);
  } finally {
    (db.driver as any).createQueryRunner = original;
  }
  if (!captured[0]) return { summary: 'statement not captured', plan: [] };
  const rows: { 'QUERY PLAN': string }[] = await db.query(
    `EXPLAIN (ANALYZE, BUFFERS) ${captured[0][0]}`,
    captured[0][1],
  );
  const plan = rows.map((r) => r['QUERY PLAN']);
  const exec = plan.find((l) => l.startsWith('Execution Time')) ?? '';
  const scan = (plan.find((l) => /Bitmap Heap Scan|Seq Scan|Index Scan/.test(l)) ?? '')
    .replace(/^\s*->\s*/, '')
    .replace(/\s+\(cost.*$/, '');
  const removed = plan.find((l) => /Rows Removed by Filter/.test(l))?.trim() ?? '';
  return { summary: `${exec.trim()} (${scan}${removed ? `; ${removed}` : ''})`, plan };
}

/**
 * The search statement as it was before the access branches (kept here as the baseline): the access
 * rule as a filter after the text match, and every match ranked and headlined before the LIMIT.
 */
async function previousSearch(db: RunningSubgraph<unknown>['deps']['db'], identity: Identity, q: string) {
  const readable = readableSql({ identity });
  const en = "websearch_to_tsquery('english', :q)";
  const nl = "websearch_to_tsquery('dutch', :q)";
  const { entities } = await db
    .getRepository(Document)
    .createQueryBuilder('d')
    .addSelect(`ts_rank_cd(d.search_vector, ${en} || ${nl})`, 'rank')
    .addSelect(
      `CASE WHEN to_tsvector('english', d.search_text) @@ ${en}
            THEN ts_headline('english', d.search_text, ${en}, :options)
            WHEN to_tsvector('dutch', d.search_text) @@ ${nl}
            THEN ts_headline('dutch', d.search_text, ${nl}, :options)
            ELSE NULL END`,
      'headline',
    )
    .where(`d.search_vector @@ (${en} || ${nl})`)
    .andWhere(readable.sql, readable.params)
    .setParameters({ q, options: PREVIOUS_HEADLINE_OPTIONS })
    .orderBy('rank', 'DESC')
    .addOrderBy('d.created_at', 'DESC')
    .addOrderBy('d.id', 'ASC')
    .limit(20)
    .getRawAndEntities();
  return entities;
}
const PREVIOUS_HEADLINE_OPTIONS =
  'StartSel=\u0001, StopSel=\u0002, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * The search service and `previousSearch`, called in-process from the same clients, alternating
 * which goes first each round: both see the same load, so their ratio is fair on a busy machine.
 */
async function sideBySideLoad(
  docs: Awaited<ReturnType<typeof startTestSubgraph<DocumentsServices>>>,
  identity: (client: number) => Identity,
  clients: number,
  seconds: number,
): Promise<{ now: SearchLoad; before: SearchLoad }> {
  const times = { now: [] as number[], before: [] as number[] };
  const hits = { now: 0, before: 0 };
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c, turn = c; performance.now() < deadline; i += clients, turn++) {
        const q = QUERIES[i % QUERIES.length];
        const who = identity(c);
        const order = turn % 2 === 0 ? (['now', 'before'] as const) : (['before', 'now'] as const);
        for (const which of order) {
          const t = performance.now();
          const found =
            which === 'now'
              ? await docs.services.search.search({ identity: who } as never, q, 20)
              : await previousSearch(docs.deps.db, who, q);
          times[which].push(performance.now() - t);
          hits[which] += found.length;
        }
      }
    }),
  );
  const summary = (which: 'now' | 'before'): SearchLoad => {
    const sorted = [...times[which]].sort((a, b) => a - b);
    return {
      total: sorted.length,
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      meanHits: round(hits[which] / Math.max(1, sorted.length)),
      errors: 0,
    };
  };
  return { now: summary('now'), before: summary('before') };
}

// ---------------------------------------------------------------------------------------------
// 2. Upload throughput.

/** Signed for this one upload, as the gateway's passthrough does: each statement is good once. */
async function uploadHeaders(
  origin: string,
  identity: Identity,
  title: string,
  length: number,
): Promise<Record<string, string>> {
  return {
    ...(await signedForRoute(`${origin}/documents`, identity, 'POST')),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(length),
    'x-document-title': encodeURIComponent(title),
    'x-document-type': 'memo',
    'x-document-tags': 'bench,upload',
    'x-document-file-name': 'bench.txt',
  };
}

/** A line of words, repeated: plain text a search would index. */
function textBlock(bytes: number, salt: string): Buffer {
  const line = `${salt} ${WORDS.join(' ')}\n`;
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes), 'utf8');
}

/** POSTs a body (Buffer or stream) and resolves with the status and the answer. */
function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer | Readable,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

async function uploadLoad(origin: string, identity: Identity, uploaders: number, seconds: number) {
  const base = textBlock(MiB, 'bench');
  const times: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: uploaders }, async () => {
      while (performance.now() < deadline) {
        // Distinct content each time: identical bytes would be stored once (content-addressed).
        const file = Buffer.from(base);
        file.write(`upload-${++n}-${process.pid}`.padEnd(40, ' '), 0, 'utf8');
        const t = performance.now();
        const headers = await uploadHeaders(origin, identity, `Upload ${n}`, MiB);
        const r = await post(`${origin}/documents`, headers, file);
        times.push(performance.now() - t);
        if (r.status !== 201) {
          errors++;
          if (errors === 1) console.error(`upload answered ${r.status}: ${r.body.slice(0, 200)}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    count: times.length - errors,
    seconds: elapsed,
    errors,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. One big upload, memory of the service process.

async function bigUpload(
  dir: string,
  started: (child: ChildProcess, runId: string) => void,
  storeEnv: Record<string, string> = {},
) {
  const bigDir = path.join(dir, 'big');
  // The store's settings reach the child through its environment, as a deployment's would.
  const child = fork(new URL(import.meta.url).pathname, ['--serve-child', bigDir, String(BIG_MIB + 16)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...storeEnv },
  });
  const ready = await new Promise<{ url: string; runId: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; runId: string }));
    child.once('exit', (code) => reject(new Error(`the service child exited (${code}) before it was ready`)));
  });
  started(child, ready.runId);
  const origin = new URL(ready.url).origin;
  const identity = testIdentity(['compliance_officer'], { userId: 'bench-big' });
  // Settle after start-up, then a baseline.
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssMiB(child.pid);
  const timeline: number[] = [];
  const timer = setInterval(() => timeline.push(rssMiB(child.pid)), 100);
  const t = performance.now();
  const total = BIG_MIB * MiB;
  const r = await post(
    `${origin}/documents`,
    await uploadHeaders(origin, identity, `Big upload of ${BIG_MIB} MiB`, total),
    generatedText(total),
  );
  const seconds = round((performance.now() - t) / 1000);
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(timer);
  const after = rssMiB(child.pid);
  if (r.status !== 201) console.error(`big upload answered ${r.status}: ${r.body.slice(0, 200)}`);
  const samples = timeline.filter(Number.isFinite);
  return {
    status: r.status,
    seconds,
    before,
    min: Math.min(...samples),
    max: Math.max(...samples),
    after,
    samples: samples.length,
    timeline: samples,
  };
}

/** `total` bytes of text made on the fly, 64 KiB at a time: never held whole on this side either. */
function generatedText(total: number): Readable {
  const chunk = textBlock(64 * 1024, 'big');
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** The child: the documents subgraph alone in this process, with a raised size limit. */
async function serveChild(): Promise<void> {
  const i = process.argv.indexOf('--serve-child');
  const dir = process.argv[i + 1];
  const maxMiB = Number(process.argv[i + 2]);
  const run = newTestRun();
  const docs = await startTestSubgraph(run, {
    ...documentsSubgraphWith({ ...config, DOCUMENTS_DIR: dir, DOCUMENTS_MAX_BYTES: maxMiB * MiB }),
    jobs: undefined,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await run.cleanup().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m) => m === 'stop' && void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ url: docs.url, runId: run.id });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// Last, so every constant above is initialised before either side runs.
if (hasFlag('serve-child')) await serveChild();
else await main();
