/**
 * Cold start, first request and memory of the whole platform, compiled against TypeScript through tsx.
 *   pnpm bench:startup [--runs 3]
 * For each runtime (`source`: every process under tsx, the way the platform ran before it was compiled,
 * the baseline; `compiled`: plain node on `dist/`, as `pnpm start` runs it), in the same run and
 * alternating, starts the five subgraphs and the gateway as processes on loopback ports with their own
 * databases, and measures:
 * - start to ready: launch until every process answers /ready; the first start creates and migrates
 *   the databases, the later ones find them (what `pnpm start` meets on a developer's machine);
 * - the first request: the front-office page across hr, it, documents and the payroll cost, signed in,
 *   right after ready (the planner, the connections and the resolvers' first call);
 * - resident memory of each process after the end-to-end flow: the first start hires 20 employees
 *   through the graph (onboarding tickets over the bus), files their contracts, and runs and books a
 *   payroll; every start then serves 300 pages and hires three more people.
 * Medians over the runs; the last lines are the headline figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import {
  deleteTestStream,
  dropTestDatabases,
  graphqlClient,
  mintToken,
  type Platform,
  type Runtime,
  startPlatformOnFreePorts,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { FEDERATED_QUERY, SINGLE_QUERY, seedFrontOffice, YEAR } from './lib/front-office.js';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt === -1 ? 3 : Number(process.argv[runsAt + 1]);
const EMPLOYEES = 20;
const PAGES = 300;
const RUNTIMES: Runtime[] = ['source', 'compiled'];

function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Sample {
  runtime: Runtime;
  run: number;
  startMs: number;
  firstRequestMs: number;
  rss: Record<string, number>;
}

async function startOnce(runtime: Runtime, env: Record<string, string>): Promise<[Platform, number]> {
  const t0 = performance.now();
  const platform = await startPlatformOnFreePorts(env, { runtime, readyTimeoutMs: 120_000 });
  return [platform, performance.now() - t0];
}

async function measure(runtime: Runtime, run: number, runId: string): Promise<Sample> {
  // What `pnpm start` runs with: a developer's machine (dev keys, dev login), this run's databases.
  const env = { ...testEnv(runId), NODE_ENV: 'development' };
  const [platform, startMs] = await startOnce(runtime, env);
  try {
    const admin = graphqlClient(
      platform.gatewayUrl,
      await mintToken({ sub: 'bench-admin', roles: ['admin'] }),
    );
    const t0 = performance.now();
    const first = await admin.query(FEDERATED_QUERY, { first: EMPLOYEES, year: YEAR });
    const firstRequestMs = performance.now() - t0;
    if (first.errors?.length) throw new Error(`first request: ${JSON.stringify(first.errors)}`);
    if (run === 0) await seedFrontOffice(admin, EMPLOYEES);
    for (let i = 0; i < PAGES; i++) {
      const r = await admin.query(i % 2 ? SINGLE_QUERY : FEDERATED_QUERY, { first: EMPLOYEES, year: YEAR });
      if (r.errors?.length) throw new Error(`page: ${JSON.stringify(r.errors)}`);
    }
    const departments = await admin.query<{ departments: { id: string }[] }>('{ departments { id } }');
    for (let i = 0; i < 3; i++) {
      const hired = await admin.query(
        'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
        {
          input: {
            givenName: 'Later',
            familyName: `Hire${run}${i}`,
            email: `later.${runtime}.${run}.${i}@example.com`,
            departmentId: departments.data?.departments[0]?.id,
            startDate: `${YEAR}-02-01`,
            workLocation: 'OFFICE',
            contract: { monthlySalary: '3500', currency: 'EUR', fte: 1 },
          },
        },
      );
      if (hired.errors?.length) throw new Error(`hire: ${JSON.stringify(hired.errors)}`);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const rss = Object.fromEntries(platform.processes.map((p) => [p.name, rssMiB(p.managed.pid)]));
    return { runtime, run, startMs, firstRequestMs, rss };
  } finally {
    await platform.stop();
  }
}

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadBefore = load();
const runIds = Object.fromEntries(RUNTIMES.map((r) => [r, uniqueRunId()])) as Record<Runtime, string>;
const samples: Sample[] = [];
try {
  for (let run = 0; run < runs; run++) {
    for (const runtime of RUNTIMES) {
      const sample = await measure(runtime, run, runIds[runtime]);
      samples.push(sample);
      console.log(
        `${runtime} run ${run + 1}: ready in ${(sample.startMs / 1000).toFixed(1)} s, first request ${Math.round(sample.firstRequestMs)} ms, RSS ${Object.entries(
          sample.rss,
        )
          .map(([n, v]) => `${n} ${v.toFixed(0)}`)
          .join(', ')} MiB`,
      );
    }
  }
} finally {
  for (const runtime of RUNTIMES) {
    await dropTestDatabases(runIds[runtime]);
    await deleteTestStream(testEnv(runIds[runtime]).EVENTS_STREAM);
  }
}

const summary = RUNTIMES.map((runtime) => {
  const mine = samples.filter((s) => s.runtime === runtime);
  const later = mine.filter((s) => s.run > 0);
  const names = Object.keys(mine[0].rss);
  const rssByProcess = Object.fromEntries(
    names.map((n) => [n, Number(median(mine.map((s) => s.rss[n])).toFixed(1))]),
  );
  return {
    runtime,
    startCreatingDatabasesMs: Math.round(mine[0].startMs),
    startDatabasesExistMs: later.length ? Math.round(median(later.map((s) => s.startMs))) : null,
    firstRequestMs: Math.round(
      median(later.length ? later.map((s) => s.firstRequestMs) : [mine[0].firstRequestMs]),
    ),
    rssByProcess,
    medianRssMiB: Number(median(Object.values(rssByProcess)).toFixed(1)),
    totalRssMiB: Number(
      Object.values(rssByProcess)
        .reduce((a, b) => a + b, 0)
        .toFixed(1),
    ),
  };
});
console.table(summary.map(({ rssByProcess, ...rest }) => ({ ...rest, ...rssByProcess })));
const result = { date: new Date().toISOString(), runs, loadBefore, loadAfter: load(), summary, samples };
fs.mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
fs.writeFileSync(new URL('./out/startup.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
const compiled = summary.find((s) => s.runtime === 'compiled');
console.log(`load average before ${loadBefore}, after ${result.loadAfter}`);
console.log(
  `ratio: start_seconds=${((compiled?.startDatabasesExistMs ?? compiled?.startCreatingDatabasesMs ?? 0) / 1000).toFixed(1)} first_request_ms=${compiled?.firstRequestMs} median_rss_mib=${compiled?.medianRssMiB}`,
);
