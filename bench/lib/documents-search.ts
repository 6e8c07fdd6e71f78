import pg from 'pg';
import { performance } from 'node:perf_hooks';
import type { Identity } from '@backoffice/kit';
import { callSubgraph, startTestSubgraph } from '@backoffice/testkit';
import { type DocumentsServices, SearchService } from '@backoffice/testkit/services/documents';
import { percentile, round } from './load.js';

/** 1. Search load through the subgraph, its plans, and side by side with the statement it replaced. */

export const SEARCH = `query($q: String!, $first: Int) {
  searchDocuments(query: $q, first: $first) { rank snippet document { id title classification } }
}`;

/** What people type: single common and rare words, two words, Dutch and English, a phrase, an OR. */
export const QUERIES = [
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

export interface SearchLoad {
  total: number;
  p50: number;
  p95: number;
  p99: number;
  meanHits: number;
  errors: number;
}

/** A load's latencies summed up: percentiles of `times` (ms), hits per answered search. */
function searchLoadOf(times: number[], hits: number, errors: number): SearchLoad {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    total: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    meanHits: round(hits / Math.max(1, sorted.length - errors)),
    errors,
  };
}

export async function searchLoad(
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
  return searchLoadOf(times, hits, errors);
}

/** Every statement the service sends to answer one search, in order, exactly as sent (captured). */
export async function statementsOf(
  docs: Awaited<ReturnType<typeof startTestSubgraph<any>>>,
  identity: Identity,
  q: string,
): Promise<[string, unknown[]][]> {
  const db = docs.deps.db;
  const captured: [string, unknown[]][] = [];
  const original = db.driver.createQueryRunner.bind(db.driver);
  (db.driver as any).createQueryRunner = (mode: any) => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = (sql: string, params?: unknown[], ...rest: unknown[]) => {
      captured.push([sql, params ?? []]);
      return (query as any)(sql, params, ...rest);
    };
    return runner;
  };
  try {
    await callSubgraph(docs.url, SEARCH, { q, first: 20 }, identity);
  } finally {
    (db.driver as any).createQueryRunner = original;
  }
  return captured;
}

/** The search statement exactly as the service sends it (captured), then EXPLAIN ANALYZE of it. */
export async function explainSearch(
  docs: Awaited<ReturnType<typeof startTestSubgraph<any>>>,
  identity: Identity,
  q: string,
): Promise<{ summary: string; plan: string[] }> {
  const db = docs.deps.db;
  const captured = (await statementsOf(docs, identity, q)).filter(([sql]) => /search_vector @@/.test(sql));
  if (!captured[0]) return { summary: 'statement not captured', plan: [] };
  const rows: { 'QUERY PLAN': string }[] = await db.query(
    `EXPLAIN (ANALYZE, BUFFERS) ${captured[0][0]}`,
    captured[0][1],
  );
  const plan = rows.map((r) => r['QUERY PLAN']);
  const exec = plan.find((l) => l.startsWith('Execution Time')) ?? '';
  // The scan of the documents themselves (a broad reader's plan first reads the kept words' rows).
  const scan = (
    plan.find((l) => /(Bitmap Heap Scan|Seq Scan|Index Scan using \S+) on document /.test(l)) ??
    plan.find((l) => /Bitmap Heap Scan|Seq Scan|Index Scan/.test(l)) ??
    ''
  )
    .replace(/^\s*->\s*/, '')
    .replace(/\s+\(cost.*$/, '');
  const removed = plan.find((l) => /Rows Removed by Filter/.test(l))?.trim() ?? '';
  return { summary: `${exec.trim()} (${scan}${removed ? `; ${removed}` : ''})`, plan };
}

/**
 * The search service and the statement before kept best matches (the same service without a keeper:
 * every readable match ranked), called in-process from the same clients, alternating which goes
 * first each round: both see the same load, so their ratio is fair on a busy machine.
 */
export async function sideBySideLoad(
  docs: Awaited<ReturnType<typeof startTestSubgraph<DocumentsServices>>>,
  identity: (client: number) => Identity,
  clients: number,
  seconds: number,
): Promise<{ now: SearchLoad; before: SearchLoad }> {
  const times = { now: [] as number[], before: [] as number[] };
  const hits = { now: 0, before: 0 };
  const everyMatchRanked = new SearchService(docs.deps.db);
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
              : await everyMatchRanked.search({ identity: who } as never, q, 20);
          times[which].push(performance.now() - t);
          hits[which] += found.length;
        }
      }
    }),
  );
  return { now: searchLoadOf(times.now, hits.now, 0), before: searchLoadOf(times.before, hits.before, 0) };
}

/**
 * The database's floor under the search: for each query of the mix, the statements the service sent
 * for it (`statementsOf`: the page, its documents and headlines), replayed from `clients` connections
 * of their own at once, with nothing else in the way (no HTTP, GraphQL, TypeORM or service code). A
 * request through GraphQL runs these statements and more, so its p95 cannot be lower than this one's
 * on the same machine at the same concurrency.
 */
export async function databaseFloorLoad(
  databaseUrl: string,
  statements: ReadonlyMap<string, [string, unknown[]][]>,
  clients: number,
  seconds: number,
): Promise<SearchLoad> {
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (let i = c; performance.now() < deadline; i += clients) {
          const sent = statements.get(QUERIES[i % QUERIES.length]) ?? [];
          const t = performance.now();
          for (const [sql, params] of sent) await client.query(sql, params as unknown[]);
          times.push(performance.now() - t);
        }
      } finally {
        await client.end();
      }
    }),
  );
  return searchLoadOf(times, 0, 0);
}

/**
 * The profile under the floor: each query's statements (as `statementsOf` captured them) on one
 * connection with nothing else running, the median of `repeats`, in ms.
 */
export async function statementCosts(
  databaseUrl: string,
  statements: ReadonlyMap<string, [string, unknown[]][]>,
  repeats = 7,
): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const costs: Record<string, number> = {};
    for (const [q, sent] of statements) {
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const t = performance.now();
        for (const [sql, params] of sent) await client.query(sql, params as unknown[]);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      costs[q] = round(times[Math.floor(times.length / 2)]);
    }
    return costs;
  } finally {
    await client.end();
  }
}
