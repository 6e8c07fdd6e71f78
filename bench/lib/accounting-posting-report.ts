import { median } from './load.js';
import type { PostingRun } from './accounting-posting.js';

const ms = (x: number) => Math.round(x * 10) / 10;
type Batch = { writeMs: number; commitMs: number }[];

/** The posting part of bench/accounting.ts's report: its table rows and its JSON, from the runs. */
export function postingReport(o: {
  runs: Record<string, PostingRun[]>;
  batches: { setWise: Batch; each: Batch };
  clients: number;
  duration: number;
  rounds: number;
}) {
  const rate = (way: string) => median(o.runs[way].map((r) => r.perSec));
  const p95 = (way: string) => median(o.runs[way].map((r) => r.p95));
  const batchMs = (xs: Batch, k: 'writeMs' | 'commitMs') => ms(median(xs.map((x) => x[k])));
  const cpu = (w: string) => {
    const node = median(o.runs[w].map((r) => r.nodeCpuUs));
    const pg = o.runs[w].every((r) => r.postgresCpuUs !== null)
      ? median(o.runs[w].map((r) => r.postgresCpuUs as number))
      : null;
    return { node: Math.round(node), postgres: pg === null ? null : Math.round(pg) };
  };
  const cpuRow = (measure: string, w: string) => ({
    measure,
    median: `${cpu(w).node} + ${cpu(w).postgres ?? '?'} µs`,
    p95: '',
    aim: '',
  });
  const way = (measure: string, w: string, aim = '') => ({
    measure,
    median: `${Math.round(rate(w))} entries/s`,
    p95: `${ms(p95(w))} ms per call`,
    aim,
  });
  const batch = (measure: string, xs: Batch) => ({
    measure,
    median: `${batchMs(xs, 'writeMs')} + ${batchMs(xs, 'commitMs')} ms`,
    p95: '',
    aim: '',
  });
  const rows = [
    way(
      `posting, service layer, ${o.clients} clients, ${o.duration} s x ${o.rounds}`,
      'serviceLayer',
      '>= 1,000 entries/s',
    ),
    cpuRow('  CPU per entry, Node (clients, service, relay) + Postgres (medians)', 'serviceLayer'),
    way('  side by side: next batch as soon as a posting waits (before 2026-12-05)', 'arrival'),
    cpuRow('  CPU per entry, same, next batch on arrival (before)', 'arrival'),
    way(
      '  side by side: group commit, each entry into the books on its own (before set-wise)',
      'groupPerEntry',
    ),
    way('  side by side: one transaction per posting (before group commit)', 'alone'),
    way('  side by side: counter locked from the start (before)', 'numberFirst'),
    batch('  one batch of 64 entries alone: write + commit, set-wise', o.batches.setWise),
    batch('  side by side: each entry into the books on its own (before)', o.batches.each),
    way(`postJournalEntry through GraphQL, ${o.clients} clients`, 'graphql', '>= 500 entries/s'),
    cpuRow('  CPU per entry, Node (clients signing as the gateway, HTTP, GraphQL) + Postgres', 'graphql'),
  ];
  const json = {
    medianPerSec: Object.fromEntries(Object.keys(o.runs).map((w) => [w, Math.round(rate(w))])),
    medianCpuPerEntryUs: Object.fromEntries(Object.keys(o.runs).map((w) => [w, cpu(w)])),
    runs: Object.fromEntries(
      Object.entries(o.runs).map(([w, runs]) => [
        w,
        runs.map((r) => ({
          posted: r.posted,
          failed: r.failed,
          seconds: Math.round(r.seconds * 10) / 10,
          perSec: Math.round(r.perSec),
          p50Ms: ms(r.p50),
          p95Ms: ms(r.p95),
          nodeCpuUsPerEntry: r.nodeCpuUs,
          postgresCpuUsPerEntry: r.postgresCpuUs,
          averageActiveSessionsByWait: r.waits,
        })),
      ]),
    ),
    batchOf64: {
      setWise: {
        writeMs: batchMs(o.batches.setWise, 'writeMs'),
        commitMs: batchMs(o.batches.setWise, 'commitMs'),
      },
      eachOnItsOwn: {
        writeMs: batchMs(o.batches.each, 'writeMs'),
        commitMs: batchMs(o.batches.each, 'commitMs'),
      },
    },
  };
  return { rows, json };
}
