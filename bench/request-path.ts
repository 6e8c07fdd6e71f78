/**
 * What one page costs on the request path, measured side by side in the same run:
 *   (a) the hr subgraph directly (identity headers signed per request, as the gateway signs them),
 *   (b) the baseline: a plain Apollo Server subgraph over `pg`, no kit (bench/lib/plain-subgraph.ts),
 *       on hr's own database,
 *   (c) the gateway, against its own `{ __typename }` floor.
 * The page is 20 employees with their department (bench/lib/front-office.ts SINGLE_QUERY).
 *   pnpm bench:request-path [--duration 8] [--runs 3] [--connections 10] [--employees 40] [--smoke]
 *     [--profile <dir>] [--node-env production|test]
 * NODE_ENV is production by default, for every process measured (hr, the gateway and the baseline):
 * hr and the gateway then run with real settings the bench generates (request-path-setup.ts,
 * productionSettings); `--node-env test` runs them in test mode on the repo's dev keys instead.
 * Every process runs compiled, as `pnpm start` and the image run them: hr and the gateway from their
 * `dist/` (`pnpm build:dist` first, done here) with the compiled flags, the baseline compiled by esbuild
 * to plain JavaScript and run with node's defaults (stock, as its authors would run it).
 * Starts hr and the gateway as processes (own databases and stream), seeds through the graph, warms
 * up, runs autocannon with repetitions interleaved across targets, reports medians, then stops
 * everything and drops the data. Pinning: the load generator on CPU 1, hr, the baseline and the
 * gateway on CPU 0, Postgres unpinned. The last line is the headline figure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { bodyDigest, createIdentitySigner, type Identity } from '@backoffice/kit';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  mintToken,
  spawnManaged,
  startPlatform,
  testEnv,
  testGatewayKeyring,
  uniqueRunId,
} from '@backoffice/testkit';
import { checkAnswer, SINGLE_QUERY } from './lib/front-office.js';
import {
  argNumber,
  hasFlag,
  type LoadResult,
  load,
  median,
  pin,
  pinnedCommand,
  printTable,
  round,
} from './lib/load.js';
import { writeResult } from './lib/report.js';
import { cpuMs, productionSettings, seedEmployees, waitForHealth } from './lib/request-path-setup.js';

const SMOKE = hasFlag('smoke');
const DURATION = argNumber('duration', SMOKE ? 1 : 8);
const RUNS = argNumber('runs', SMOKE ? 1 : 3);
const CONNECTIONS = argNumber('connections', 10);
const EMPLOYEES = argNumber('employees', SMOKE ? 25 : 40);
const PAGE = 20;
const PROFILE_DIR = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : '';
// The profiled processes write into it; they do not make it.
if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
const WARMUP = SMOKE ? 1 : 3;
const NODE_ENV = process.argv.includes('--node-env')
  ? process.argv[process.argv.indexOf('--node-env') + 1]
  : 'production';
if (NODE_ENV !== 'production' && NODE_ENV !== 'test') throw new Error('--node-env: production or test');
const SERVER_CPU = '0';
/** More than hr answers per second on this machine: what a run's identities are signed ahead for. */
const PRESIGNED_PER_SECOND = 6_000;
const LOAD_CPU = '1';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
/** The baseline as JavaScript (bench/out is git-ignored); its packages resolve from the repository root. */
const PLAIN_SCRIPT = new URL('./out/plain-subgraph.mjs', import.meta.url).pathname;
await build({
  entryPoints: [new URL('./lib/plain-subgraph.ts', import.meta.url).pathname],
  outfile: PLAIN_SCRIPT,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
});
const PROFILER = new URL('./lib/cpu-profiler.mjs', import.meta.url).href;
const runId = uniqueRunId();
const isolated = testEnv(runId);
const production =
  NODE_ENV === 'production'
    ? await productionSettings({ stream: isolated.EVENTS_STREAM, prefix: isolated.EVENTS_SUBJECT_PREFIX })
    : undefined;
const env: Record<string, string> = { ...isolated, ...production?.env };
const [hrPort, gatewayPort, plainPort] = await Promise.all([freePort(), freePort(), freePort()]);
/** hr's role sees every field of the page. */
const viewer: Identity = { userId: 'bench-request-path', roles: ['hr'], employeeId: null };
/** Profiles each process has written so far (with --profile), by pid. */
const snapshots = new Map<number, number>();
let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
let plain: ReturnType<typeof spawnManaged> | undefined;

interface Target {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  perRequest?: () => Record<string, string>;
  /** Work before each run of `durationSec`, outside its measurement (signing identities ahead). */
  prepare?: (durationSec: number) => void;
  /** The processes that serve it, whose CPU time a run charges to its requests. */
  servers: (number | undefined)[];
}

try {
  console.log(`run ${runId}: starting hr and the gateway (NODE_ENV=${NODE_ENV})`);
  // --profile <dir>: hr and the gateway profile from start; each run's profile is written there per
  // process (summarise it with bench/lib/cpu-profile.ts). Node refuses --cpu-prof in NODE_OPTIONS.
  const profiled = PROFILE_DIR
    ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROFILER}`, CPU_PROFILE_DIR: PROFILE_DIR }
    : {};
  platform = await startPlatform({
    env,
    services: ['hr'],
    servicePorts: { hr: hrPort },
    gatewayPort,
    // One user at thousands of requests per second: the per-user limit would answer 429.
    processEnv: {
      gateway: { ...production?.processEnv.gateway, RATE_LIMIT_PER_MINUTE: '0', ...profiled },
      hr: { ...production?.processEnv.hr, ...profiled },
    },
    log: 'silent',
    readyTimeoutMs: 120_000,
    runtime: 'compiled',
  });
  const tokenOptions = production ? production.jwt : {};
  const admin = graphqlClient(
    platform.gatewayUrl,
    await mintToken({ sub: 'bench-admin', roles: ['admin'] }, tokenOptions),
  );
  console.log(`seeding ${EMPLOYEES} employees through the graph`);
  await seedEmployees(admin, EMPLOYEES);

  const hrDatabase = `backoffice_hr${env.DATABASE_SUFFIX}`;
  const databaseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  databaseUrl.pathname = `/${hrDatabase}`;
  const [command, args] = pinnedCommand(SERVER_CPU, process.execPath, [PLAIN_SCRIPT]);
  plain = spawnManaged({
    name: 'plain apollo',
    command,
    args,
    cwd: process.cwd(),
    // The NODE_ENV hr runs with here (graphql-js checks more outside production): same conditions.
    env: { ...process.env, PORT: String(plainPort), DATABASE_URL: databaseUrl.href, NODE_ENV: env.NODE_ENV },
    tailSize: 40,
  });
  const plainUrl = `http://127.0.0.1:${plainPort}/graphql`;
  await waitForHealth(plainUrl, plain);
  const pids = Object.fromEntries(platform.processes.map((p) => [p.name, p.managed.pid]));
  pin(pids.hr, SERVER_CPU);
  pin(pids.gateway, SERVER_CPU);

  const token = await mintToken({ sub: viewer.userId as string, roles: viewer.roles }, tokenOptions);
  const gatewayKeyring = production?.keyring ?? testGatewayKeyring();
  const hrUrl = `http://127.0.0.1:${hrPort}/graphql`;
  const page = JSON.stringify({ query: SINGLE_QUERY, variables: { first: PAGE } });
  const floor = JSON.stringify({ query: '{ __typename }' });
  // As the gateway signs: a MAC per request under its signed session with hr.
  const signIdentity = createIdentitySigner(gatewayKeyring);
  const signedFor = (body: string) => {
    const request = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(body) };
    return presigned(() => signIdentity(viewer, request));
  };
  const bearer = { authorization: `Bearer ${token}` };
  const targets: Target[] = [
    // In pairs compared with each other, back to back.
    { name: 'plain apollo floor', url: plainUrl, body: floor, headers: {}, servers: [plain.pid] },
    {
      name: 'hr floor',
      url: hrUrl,
      body: floor,
      headers: {},
      ...signedFor(floor),
      servers: [pids.hr],
    },
    { name: 'plain apollo page', url: plainUrl, body: page, headers: {}, servers: [plain.pid] },
    { name: 'hr page', url: hrUrl, body: page, headers: {}, ...signedFor(page), servers: [pids.hr] },
    {
      name: 'gateway floor',
      url: platform.gatewayUrl,
      body: floor,
      headers: bearer,
      servers: [pids.gateway],
    },
    {
      name: 'gateway page',
      url: platform.gatewayUrl,
      body: page,
      headers: bearer,
      servers: [pids.gateway, pids.hr],
    },
  ];
  for (const t of targets.filter((x) => x.body === page))
    await checkAnswer(t.url, t.body, { ...t.headers, ...t.perRequest?.() }, PAGE);

  const pinned = pin(process.pid, LOAD_CPU);
  const run = (t: Target, durationSec: number) => load({ ...t, connections: CONNECTIONS, durationSec });
  for (const t of targets) {
    t.prepare?.(WARMUP);
    await run(t, WARMUP);
  }
  const results = new Map<string, LoadResult[]>();
  const cpuPerRequest = new Map<string, number[]>();
  const cpuOf = (t: Target) => t.servers.reduce((sum: number, pid) => sum + cpuMs(pid), 0);
  for (let r = 0; r < RUNS; r++) {
    for (const t of targets) {
      t.prepare?.(DURATION);
      await profileSnapshots(pids, '');
      const cpuBefore = cpuOf(t);
      const result = await run(t, DURATION);
      const cpu = round((cpuOf(t) - cpuBefore) / result.total);
      cpuPerRequest.set(t.name, [...(cpuPerRequest.get(t.name) ?? []), cpu]);
      await profileSnapshots(pids, `${t.name.replaceAll(' ', '-')}-${r + 1}`);
      results.set(t.name, [...(results.get(t.name) ?? []), result]);
      console.log(
        `run ${r + 1} ${t.name.padEnd(20)} ${String(result.requestsPerSec).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  cpu ${cpu} ms/req${result.failures ? `  FAILURES ${result.failures}` : ''}`,
      );
    }
  }
  pin(process.pid, '0-1');

  const rows = targets.map((t) => {
    const list = results.get(t.name) ?? [];
    return {
      target: t.name,
      'req/s': median(list.map((r) => r.requestsPerSec)),
      'p50 ms': median(list.map((r) => r.p50)),
      'p99 ms': median(list.map((r) => r.p99)),
      'cpu ms/req': median(cpuPerRequest.get(t.name) ?? []),
      failures: list.reduce((s, r) => s + r.failures, 0),
      runs: list.map((r) => r.requestsPerSec).join(' / '),
    };
  });
  printTable(rows);
  const failures = rows.reduce((s, r) => s + r.failures, 0);
  // Each ratio is the median of the per-run ratios: the two sides of a run ran back to back, so a
  // load swing from other work on the machine moves both (the headline's figures).
  const perRun = (a: string, b: string) =>
    round(
      median(
        (results.get(a) ?? []).map((r, i) => r.requestsPerSec / (results.get(b)?.[i]?.requestsPerSec ?? NaN)),
      ),
    );
  const ratios = {
    hrPageVsPlainPage: perRun('hr page', 'plain apollo page'),
    gatewayPageVsGatewayFloor: perRun('gateway page', 'gateway floor'),
    hrFloorVsPlainFloor: perRun('hr floor', 'plain apollo floor'),
    hrPageVsHrFloor: perRun('hr page', 'hr floor'),
    plainPageVsPlainFloor: perRun('plain apollo page', 'plain apollo floor'),
  };
  // The same comparisons by CPU time per request (the baseline's over the subject's): what the
  // throughput ratio would be with a core each and nothing else running.
  const cpu = (name: string) => median(cpuPerRequest.get(name) ?? []);
  const cpuRatios = {
    hrPageVsPlainPage: round(cpu('plain apollo page') / cpu('hr page')),
    gatewayPageVsGatewayFloor: round(cpu('gateway floor') / cpu('gateway page')),
    hrFloorVsPlainFloor: round(cpu('plain apollo floor') / cpu('hr floor')),
  };
  console.log('ratios:', JSON.stringify(ratios));
  console.log('ratios by CPU per request:', JSON.stringify(cpuRatios));
  writeResult(SMOKE ? 'request-path-smoke' : 'request-path', {
    command: process.argv.slice(2).join(' '),
    nodeEnv: NODE_ENV,
    node: process.version,
    connections: CONNECTIONS,
    durationSec: DURATION,
    runs: RUNS,
    employees: EMPLOYEES,
    page: PAGE,
    loadAverage: (await import('node:os')).loadavg().map(round),
    pinning: pinned
      ? `load generator on CPU ${LOAD_CPU}; hr, baseline and gateway on CPU ${SERVER_CPU}; Postgres unpinned`
      : 'none (taskset missing)',
    rows,
    ratios,
    cpuRatios,
  });
  if (failures) throw new Error(`${failures} requests failed`);
  console.log(
    `ratio: hr_vs_plain=${ratios.hrPageVsPlainPage} gateway_page_vs_floor=${ratios.gatewayPageVsGatewayFloor}`,
  );
} finally {
  await plain?.terminate(10_000).catch(() => undefined);
  await platform?.stop();
  await dropTestDatabases(runId).catch((e) => console.error('drop databases:', (e as Error).message));
  if (production) await production.stop();
  else
    await deleteTestStream(env.EVENTS_STREAM).catch((e) =>
      console.error('delete stream:', (e as Error).message),
    );
}

/**
 * Identity headers made ahead of each run, one per request, so the load generator's own work stays
 * off hr's figures (with Ed25519 per request, before the gateway's sessions, signing inline capped
 * hr's requests per second; now a MAC, cheap either way). Each statement is still used once, as its nonce requires, and well within its 30 s
 * (IDENTITY_MAX_AGE_MS): signed just before the run, and signed inline past 20 s or when used up.
 */
function presigned(sign: () => Record<string, string>) {
  let ahead: Record<string, string>[] = [];
  let signedAt = 0;
  return {
    prepare(durationSec: number) {
      signedAt = Date.now();
      ahead = Array.from({ length: Math.min(durationSec, 20) * PRESIGNED_PER_SECOND }, sign);
    },
    perRequest: () => (Date.now() - signedAt < 20_000 && ahead.pop()) || sign(),
  };
}

/**
 * With --profile, asks hr and the gateway to write their CPU profiles since the last snapshot
 * (bench/lib/cpu-profiler.mjs) and keeps them as `<process>-<label>.cpuprofile`, or drops them when
 * the label is empty (what came between runs).
 */
async function profileSnapshots(pids: Record<string, number | undefined>, label: string): Promise<void> {
  if (!PROFILE_DIR) return;
  await Promise.all(
    (['hr', 'gateway'] as const).map(async (name) => {
      const pid = pids[name];
      if (!pid) return;
      const n = (snapshots.get(pid) ?? 0) + 1;
      snapshots.set(pid, n);
      process.kill(pid, 'SIGUSR2');
      const file = path.join(PROFILE_DIR, `${pid}-${n}.cpuprofile`);
      const deadline = Date.now() + 30_000;
      while (!fs.existsSync(file)) {
        if (Date.now() > deadline) throw new Error(`${name} wrote no profile ${file}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      if (label) fs.renameSync(file, path.join(PROFILE_DIR, `${name}-${label}.cpuprofile`));
      else fs.rmSync(file);
    }),
  );
}
