/**
 * The gateway under load: a front-office page (20 employees with department, tickets, document count
 * and year-to-date payroll cost: hr, it, documents, accounting) and an hr-only page, through
 *   (a) the hr subgraph directly (signed identity headers), (b) our gateway, (c) Hive Gateway on the
 *   same supergraph file and the same subgraphs (plain; with its router runtime when installed),
 * each with in-flight de-duplication off and on (the same setting on both sides).
 *   pnpm bench:gateway [--duration 10] [--runs 3] [--connections 10] [--employees 20] [--cluster] [--smoke]
 * Starts the five subgraphs as processes (own databases and stream), seeds through the graph, warms
 * up, runs autocannon (fixed connections and duration) with repetitions interleaved across
 * configurations, reports medians and peak RSS under load, then stops everything and drops the data.
 * Pinning: the load generator (this process) on CPU 1, every gateway on CPU 0, subgraphs and
 * Postgres unpinned. The last line is the headline figure.
 */
import { bodyDigest, type Identity, SERVICE_NAMES, type ServiceName, signIdentity } from '@backoffice/kit';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  mintToken,
  startPlatform,
  testEnv,
  testGatewayKeyring,
  uniqueRunId,
} from '@backoffice/testkit';
import fs from 'node:fs';
import { checkAnswer, FEDERATED_QUERY, SINGLE_QUERY, seedFrontOffice, YEAR } from './lib/front-office.js';
import {
  hasHiveRouterRuntime,
  type RunningGateway,
  startHiveGateway,
  startOurGateway,
  tempDir,
  writeSupergraph,
} from './lib/gateways.js';
import { argNumber, hasFlag, type LoadResult, load, median, pin, printTable, sampleRss } from './lib/load.js';
import { writeResult } from './lib/report.js';

const SMOKE = hasFlag('smoke');
const DURATION = argNumber('duration', SMOKE ? 1 : 10);
const RUNS = argNumber('runs', SMOKE ? 1 : 3);
const CONNECTIONS = argNumber('connections', 10);
const EMPLOYEES = argNumber('employees', 20);
const WARMUP = SMOKE ? 1 : 3;
const CLUSTER = hasFlag('cluster');
const GATEWAY_CPU = '0';
const LOAD_CPU = '1';

const runId = uniqueRunId();
const env = testEnv(runId);
const names: readonly ServiceName[] = SERVICE_NAMES;
const ports = await Promise.all(Array.from({ length: names.length + 7 }, () => freePort()));
const servicePorts = Object.fromEntries(names.map((n, i) => [n, ports[i]])) as Record<ServiceName, number>;
const dir = tempDir();
const gateways: RunningGateway[] = [];
let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;

/** The front-office user: hr and it_agent see every field of the page. */
const viewer: Identity = { userId: 'bench-front-office', roles: ['hr', 'it_agent'], employeeId: null };

interface Target {
  name: string;
  url: string;
  pid: number | undefined;
  /** Headers for every request of a run (a user token). */
  headers: () => Record<string, string>;
  /** For a body: identity headers made afresh per request, as the gateway signs them (good once). */
  signed?: (body: string) => () => Record<string, string>;
  queries: ('federated' | 'single')[];
}

try {
  console.log(`run ${runId}: starting the subgraphs`);
  platform = await startPlatform({
    env,
    servicePorts,
    gateway: false,
    log: 'silent',
    readyTimeoutMs: 120_000,
  });
  const supergraphPath = writeSupergraph(dir, servicePorts);
  let next = names.length;
  const ours = (name: string, dedupe: boolean, workers = 1) =>
    startOurGateway({
      name,
      port: ports[next++],
      cpus: GATEWAY_CPU,
      env,
      servicePorts,
      supergraphPath,
      dedupe,
      workers,
    });
  const hive = (name: string, dedupe: boolean, routerRuntime = false) =>
    startHiveGateway({
      name,
      port: ports[next++],
      cpus: GATEWAY_CPU,
      dir,
      supergraphPath,
      dedupe,
      routerRuntime,
      identity: viewer,
    });

  gateways.push(await ours('ours, dedup off', false));
  gateways.push(await hive('hive, dedup off', false));
  gateways.push(await ours('ours, dedup on', true));
  gateways.push(await hive('hive, dedup on (its default)', true));
  const routerRuntime = hasHiveRouterRuntime();
  if (routerRuntime) {
    gateways.push(await hive('hive router runtime, dedup on', true, true));
    // The smoke run only keeps the harness working: one router-runtime gateway is enough there.
    if (!SMOKE) gateways.push(await hive('hive router runtime, dedup off', false, true));
  }
  if (CLUSTER) gateways.push(await ours('ours, dedup on, 2 workers', true, 2));

  console.log(`seeding ${EMPLOYEES} employees through the graph`);
  const admin = graphqlClient(gateways[0].url, await mintToken({ sub: 'bench-admin', roles: ['admin'] }));
  await seedFrontOffice(admin, EMPLOYEES);

  const token = await mintToken({ sub: viewer.userId as string, roles: viewer.roles });
  const hrUrl = `http://127.0.0.1:${servicePorts.hr}/graphql`;
  const targets: Target[] = [
    {
      name: 'hr subgraph directly',
      url: hrUrl,
      pid: platform.processes.find((p) => p.name === 'hr')?.managed.pid,
      headers: () => ({}),
      signed: (body) => {
        const request = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(body) };
        return () => signIdentity(viewer, request, testGatewayKeyring());
      },
      queries: ['single'],
    },
    ...gateways.map(
      (g): Target => ({
        name: g.name,
        url: g.url,
        pid: g.managed.pid,
        // Ours verifies the token and signs; Hive signs for the viewer in its onFetch hook.
        headers: () => ({ authorization: `Bearer ${token}` }),
        queries: ['federated', 'single'],
      }),
    ),
  ];
  const bodies = {
    federated: JSON.stringify({ query: FEDERATED_QUERY, variables: { first: EMPLOYEES, year: YEAR } }),
    single: JSON.stringify({ query: SINGLE_QUERY, variables: { first: EMPLOYEES } }),
  };
  for (const t of targets)
    for (const q of t.queries)
      await checkAnswer(t.url, bodies[q], { ...t.headers(), ...t.signed?.(bodies[q])() }, EMPLOYEES);

  // From here on the load generator keeps to its own core.
  const pinned = pin(process.pid, LOAD_CPU);
  const subgraphPids = Object.fromEntries(platform.processes.map((p) => [p.name, p.managed.pid]));
  const results = new Map<string, LoadResult[]>();
  const rss = new Map<string, number>();
  const subgraphRss: Record<string, number> = {};
  for (const t of targets)
    for (const q of t.queries)
      await load({
        url: t.url,
        body: bodies[q],
        headers: t.headers(),
        perRequest: t.signed?.(bodies[q]),
        connections: CONNECTIONS,
        durationSec: WARMUP,
      });
  for (let run = 0; run < RUNS; run++) {
    for (const q of ['federated', 'single'] as const) {
      for (const t of targets) {
        if (!t.queries.includes(q)) continue;
        const stop = sampleRss({ gateway: t.pid, ...subgraphPids });
        const r = await load({
          url: t.url,
          body: bodies[q],
          headers: t.headers(),
          perRequest: t.signed?.(bodies[q]),
          connections: CONNECTIONS,
          durationSec: DURATION,
        });
        const peak = stop();
        rss.set(t.name, Math.max(rss.get(t.name) ?? 0, peak.gateway ?? 0));
        for (const n of names) subgraphRss[n] = Math.max(subgraphRss[n] ?? 0, peak[n] ?? 0);
        const key = `${q}|${t.name}`;
        results.set(key, [...(results.get(key) ?? []), r]);
        console.log(
          `run ${run + 1} ${q.padEnd(9)} ${t.name.padEnd(30)} ${String(r.requestsPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.failures ? `  FAILURES ${r.failures}` : ''}`,
        );
      }
    }
  }
  pin(process.pid, '0-1');

  const rows = [...results.entries()].map(([key, list]) => {
    const [query, name] = key.split('|');
    return {
      query,
      configuration: name,
      'req/s': median(list.map((r) => r.requestsPerSec)),
      'p50 ms': median(list.map((r) => r.p50)),
      'p95 ms': median(list.map((r) => r.p95)),
      'p99 ms': median(list.map((r) => r.p99)),
      failures: list.reduce((s, r) => s + r.failures, 0),
      'peak RSS MiB': name === 'hr subgraph directly' ? '' : (rss.get(name) ?? ''),
      runs: list.map((r) => r.requestsPerSec).join(' / '),
    };
  });
  printTable(rows);
  console.log('peak RSS of the subgraphs under load (MiB):', JSON.stringify(subgraphRss));
  const rps = (q: string, name: string) =>
    rows.find((r) => r.query === q && r.configuration === name)?.['req/s'] ?? NaN;
  const ratio = rps('federated', 'ours, dedup on') / rps('federated', 'hive, dedup on (its default)');
  const ratios = {
    oursVsHiveFederatedDedupOn: round(ratio),
    oursVsHiveFederatedDedupOff: round(
      rps('federated', 'ours, dedup off') / rps('federated', 'hive, dedup off'),
    ),
    oursVsHiveSingleDedupOn: round(
      rps('single', 'ours, dedup on') / rps('single', 'hive, dedup on (its default)'),
    ),
    oursVsHiveSingleDedupOff: round(rps('single', 'ours, dedup off') / rps('single', 'hive, dedup off')),
    oursDedupOnVsOff: round(rps('federated', 'ours, dedup on') / rps('federated', 'ours, dedup off')),
    oursVsHiveRouterRuntimeFederatedDedupOn: round(
      rps('federated', 'ours, dedup on') / rps('federated', 'hive router runtime, dedup on'),
    ),
    oursVsHiveRouterRuntimeFederatedDedupOff: round(
      rps('federated', 'ours, dedup off') / rps('federated', 'hive router runtime, dedup off'),
    ),
    oursVsHiveRouterRuntimeSingleDedupOn: round(
      rps('single', 'ours, dedup on') / rps('single', 'hive router runtime, dedup on'),
    ),
    oursVsHiveRouterRuntimeSingleDedupOff: round(
      rps('single', 'ours, dedup off') / rps('single', 'hive router runtime, dedup off'),
    ),
    oursSingleVsDirectHr: round(rps('single', 'ours, dedup off') / rps('single', 'hr subgraph directly')),
  };
  console.log('ratios:', JSON.stringify(ratios));
  writeResult(SMOKE ? 'gateway-smoke' : 'gateway', {
    command: process.argv.slice(2).join(' '),
    connections: CONNECTIONS,
    durationSec: DURATION,
    runs: RUNS,
    employees: EMPLOYEES,
    pinning: pinned
      ? `load generator on CPU ${LOAD_CPU}, gateways on CPU ${GATEWAY_CPU}, subgraphs and Postgres unpinned`
      : 'none (taskset missing)',
    hiveRouterRuntime: routerRuntime
      ? 'measured'
      : 'not installed (@graphql-hive/router-runtime); the CLI falls back to the default runtime',
    rows,
    subgraphPeakRssMiB: subgraphRss,
    ratios,
  });
  console.log(`ratio: gateway=${round(ratio)}`);
} finally {
  for (const g of gateways) await g.managed.terminate(10_000).catch(() => undefined);
  await platform?.stop();
  await dropTestDatabases(runId).catch((e) => console.error('drop databases:', (e as Error).message));
  await deleteTestStream(env.EVENTS_STREAM).catch((e) =>
    console.error('delete stream:', (e as Error).message),
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
