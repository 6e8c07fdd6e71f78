/**
 * Cold start of the whole platform to ready, and idle memory per process.
 *   pnpm bench:startup [--runs 3]
 * Starts the five subgraphs and the gateway as `pnpm start` does (own databases per run, loopback
 * ports), times each run from launch until every process answers /ready, waits for the processes to
 * settle, reads each one's resident memory from /proc, stops everything and drops the databases.
 * Reports medians over the runs; the last line is the headline figure.
 */
import fs from 'node:fs';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  startPlatform,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt === -1 ? 3 : Number(process.argv[runsAt + 1]);
const settleMs = 5_000;

function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const startups: number[] = [];
const memory = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  const runId = uniqueRunId();
  const env = testEnv(runId);
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const t0 = performance.now();
  const platform = await startPlatform({
    env,
    gatewayPort: ports[0],
    servicePorts: {
      hr: ports[1],
      accounting: ports[2],
      documents: ports[3],
      compliance: ports[4],
      it: ports[5],
    },
    log: 'silent',
    readyTimeoutMs: 120_000,
  });
  startups.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, settleMs));
  for (const p of platform.processes) {
    const list = memory.get(p.name) ?? [];
    list.push(rssMiB(p.managed.pid));
    memory.set(p.name, list);
  }
  await platform.stop();
  await dropTestDatabases(runId);
  await deleteTestStream(env.EVENTS_STREAM);
}

const rows = [...memory.entries()].map(([name, values]) => ({
  process: name,
  idleRssMiB: Number(median(values).toFixed(1)),
}));
const total = rows.reduce((s, r) => s + r.idleRssMiB, 0);
console.table(rows);
const result = {
  runs,
  startupMsMedian: Math.round(median(startups)),
  startupMs: startups.map(Math.round),
  idleRssMiB: rows,
  totalIdleRssMiB: Number(total.toFixed(1)),
};
fs.mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
fs.writeFileSync(new URL('./out/startup.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `cold start to ready (median of ${runs}): ${result.startupMsMedian} ms; idle RSS total ${result.totalIdleRssMiB} MiB`,
);
console.log(`ratio: startup_seconds=${(result.startupMsMedian / 1000).toFixed(1)}`);
