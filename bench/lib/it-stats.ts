/**
 * ticketStats before and after issue 26, side by side in one run (bench/it.ts): "before" is the
 * statement the service sent until then (every duration computed and sorted over the range's
 * tickets, kept here verbatim), run on the same database; "after" is `ticketStats` through the
 * subgraph (GraphQL) as it answers now (daily rollup, p90s from the duration indexes). Per case the
 * two alternate call by call, so both see the same load; each run gives a median per case and the
 * report is the median of the runs.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { median, percentile } from './load.js';

type Sql = { query(sql: string, params?: unknown[]): Promise<any> };

export interface StatsCase {
  name: string;
  range: { from: Date; to: Date };
  by: string[];
}

const COLUMNS: Record<string, string> = {
  STATUS: 'status',
  PRIORITY: 'priority',
  CATEGORY: 'category',
  ASSIGNEE: 'assignee_id',
};

/** The statement of services/it/src/reports/ticket-stats.service.ts at 101b6ec, unchanged. */
export function statementBefore(from: Date, to: Date, by: string[]): [string, unknown[]] {
  const cols = by.map((d) => COLUMNS[d]);
  const keys = cols.length
    ? `${cols.join(', ')}, GROUPING(${cols.join(', ')}) <> 0 AS is_total`
    : 'true AS is_total';
  const grouping = cols.length ? `GROUP BY GROUPING SETS ((${cols.join(', ')}), ())` : '';
  const response =
    '(extract(epoch FROM coalesce(first_responded_at, resolved_at) - created_at) / 60)::float8';
  const resolution = '(extract(epoch FROM resolved_at - created_at) / 60)::float8';
  const minutes = (sql: string) => `round((${sql})::numeric, 2)::float8`;
  return [
    `SELECT ${keys},
            count(*)::int AS count,
            count(resolved_at)::int AS resolved,
            ${minutes('100.0 * count(*) FILTER (WHERE resolved_at <= resolution_due_at) / nullif(count(resolved_at), 0)')} AS compliance,
            ${minutes(`avg(${response})`)} AS mean_response,
            ${minutes(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${response})`)} AS p90_response,
            ${minutes(`avg(${resolution})`)} AS mean_resolution,
            ${minutes(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${resolution})`)} AS p90_resolution
       FROM ticket
      WHERE created_at >= $1 AND created_at < $2
      ${grouping}
      ORDER BY ${cols.length ? `${cols.join(', ')}` : '1'}`,
    [from, to],
  ];
}

export interface StatsRun {
  run: number;
  loadAverage: number[];
  cases: { name: string; tickets: number; groups: number; beforeMs: number[]; afterMs: number[] }[];
}

/**
 * `runs` runs of every case: `beforeCalls` old statements and `afterCalls` ticketStats calls,
 * interleaved (the old statement is 5-10 times slower, so it gets fewer calls).
 */
export async function statsSideBySide(
  db: Sql,
  after: (c: StatsCase) => Promise<{ count: number; groups: number }>,
  cases: StatsCase[],
  opts: { runs: number; beforeCalls: number; afterCalls: number; warmup: number },
): Promise<StatsRun[]> {
  const runs: StatsRun[] = [];
  for (let run = 1; run <= opts.runs; run++) {
    const out: StatsRun = { run, loadAverage: os.loadavg().map(round), cases: [] };
    for (const c of cases) {
      for (let i = 0; i < opts.warmup; i++) await after(c);
      const [sql, params] = statementBefore(c.range.from, c.range.to, c.by);
      const beforeMs: number[] = [];
      const afterMs: number[] = [];
      let shape = { count: 0, groups: 0 };
      for (let i = 0; i < Math.max(opts.beforeCalls, opts.afterCalls); i++) {
        if (i < opts.beforeCalls) {
          const s = performance.now();
          await db.query(sql, params);
          beforeMs.push(performance.now() - s);
        }
        if (i < opts.afterCalls) {
          const s = performance.now();
          shape = await after(c);
          afterMs.push(performance.now() - s);
        }
      }
      out.cases.push({ name: c.name, tickets: shape.count, groups: shape.groups, beforeMs, afterMs });
    }
    console.log(
      `run ${run}: ${out.cases.map((c) => `${c.name} ${round(median(c.afterMs))} ms (before ${round(median(c.beforeMs))})`).join('; ')}`,
    );
    runs.push(out);
  }
  return runs;
}

/** One row per case: the median over runs of each run's median (and p95 of all after-calls). */
export function statsTable(runs: StatsRun[]): Record<string, unknown>[] {
  return runs[0].cases.map((c, i) => {
    const perRun = (pick: (x: StatsRun['cases'][number]) => number[]) =>
      runs.map((r) => median([...pick(r.cases[i])].sort((a, b) => a - b)));
    const afterAll = runs.flatMap((r) => r.cases[i].afterMs).sort((a, b) => a - b);
    return {
      ticketStats: c.name,
      tickets: c.tickets,
      groups: c.groups,
      'before median ms': round(median(perRun((x) => x.beforeMs))),
      'after median ms': round(median(perRun((x) => x.afterMs))),
      'after per run': perRun((x) => x.afterMs)
        .map(round)
        .join(' / '),
      'after p95 ms': round(percentile(afterAll, 95)),
      'after / before': round(median(perRun((x) => x.afterMs)) / median(perRun((x) => x.beforeMs))),
    };
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
