import { mkdtemp, rm, symlink, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ServiceName } from '@backoffice/kit';
import { composeSupergraph } from '../../../gateway/src/compose.js';
import { REPO_ROOT } from '../../../scripts/lib/repo.js';
import {
  type BusLogin,
  type BusLogins,
  busLoginEnv,
  provisionStream,
} from '../../../scripts/lib/bus-access.js';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  type GraphQLClient,
  graphqlClient,
  mintToken,
  type Platform,
  startPlatform,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { startOwnNats } from './nats.js';

/**
 * One isolated platform for a scenario file: hr, it (or the subgraphs asked for) and the gateway as
 * real processes on their own run id (databases, stream, subjects), with the handles the scenarios
 * need to hurt it: SIGKILL a subgraph, start a fresh one (or a second replica) on the same
 * databases, cut database connections, and talk to the databases directly to count what happened.
 */

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SHARED_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** What most scenarios need: hires in hr, onboarding tickets in it. */
type Core = 'hr' | 'it';

export interface Rig<S extends ServiceName = Core> {
  runId: string;
  env: Record<string, string>;
  gatewayUrl: string;
  ports: Record<'gateway' | S, number>;
  /** An hr user at the gateway. */
  hr: GraphQLClient;
  /** Direct connections to the run's databases, for counting. */
  db: Record<S, pg.Pool>;
  departmentId: string;
  /** SIGKILLs every running process of a subgraph (first instance and any started later). */
  kill(name: ServiceName): Promise<void>;
  /** Starts one more process of a subgraph with the run's environment, on its usual port unless given. */
  startService(name: ServiceName, port?: number): Promise<Platform>;
  /** Pids of the running processes of a subgraph (or the gateway). */
  pids(name: ServiceName | 'gateway'): number[];
  /** Terminates every server connection to the run's databases (pg_terminate_backend). */
  dropConnections(): Promise<number>;
  /** Hires `count` people through the gateway at once; returns their ids (failed hires are omitted). */
  hire(count: number, label: string, options?: { concurrency?: number }): Promise<HireOutcome>;
  /** With `ownNats`: the ops user's login, for the test's own NATS clients. */
  natsOps?: BusLogin;
  cleanup(): Promise<void>;
}

export interface HireOutcome {
  ids: string[];
  /** Error codes of hires that were refused or failed. */
  failures: string[];
  /** Their messages, to check nothing internal leaks. */
  messages: string[];
}

/** A supergraph of the rig's subgraphs only, so the gateway never waits for one that is not started. */
async function supergraphOf(services: readonly ServiceName[]): Promise<{ file: string; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'reliability-supergraph-'));
  await mkdir(path.join(dir, 'services'));
  for (const name of services)
    await symlink(path.join(REPO_ROOT, 'services', name), path.join(dir, 'services', name));
  const file = path.join(dir, 'supergraph.graphql');
  await writeFile(file, composeSupergraph(dir).supergraphSdl);
  return { file, dir };
}

export interface RigOptions<S extends ServiceName> {
  natsUrl?: string;
  label?: string;
  /** The subgraphs to run besides hr and it (default: hr and it only). */
  services?: readonly S[];
  /** Extra environment for every process (thresholds, intervals). */
  env?: Record<string, string>;
  /** The run's id, when the NATS server was made for it first (its users' permissions name the stream). */
  runId?: string;
  /** The NATS server's users: each service connects as its own, the stream is provisioned as ops. */
  natsLogins?: BusLogins;
  /**
   * A nats-server of the rig's own, as deployed: a user per service with its permissions. The test's
   * own clients connect as `rig.natsOps` (the ops user may do anything).
   */
  ownNats?: boolean;
}

export async function startRig<S extends ServiceName = Core>(
  options: RigOptions<S> = {},
): Promise<Rig<S | Core>> {
  const services = [...new Set<S | Core>(['hr', 'it', ...(options.services ?? [])])];
  const runId = options.runId ?? uniqueRunId();
  const runEnv = testEnv(runId);
  const ownNats = options.ownNats
    ? await startOwnNats({ users: { stream: runEnv.EVENTS_STREAM, prefix: runEnv.EVENTS_SUBJECT_PREFIX } })
    : undefined;
  const supergraph = await supergraphOf(services);
  const env: Record<string, string> = {
    ...testEnv(runId),
    LOG_LEVEL: 'error',
    DATABASE_URL,
    NATS_URL: ownNats?.url ?? options.natsUrl ?? SHARED_NATS_URL,
    SUPERGRAPH_PATH: supergraph.file,
    ...options.env,
  };
  const logins = ownNats?.logins ?? options.natsLogins;
  // With users, services only read the stream's settings: ops creates it first, as in a deployment.
  if (logins)
    await provisionStream(
      env.NATS_URL,
      { stream: env.EVENTS_STREAM, prefix: env.EVENTS_SUBJECT_PREFIX },
      logins.ops,
      7,
    );
  const processEnv = logins
    ? Object.fromEntries(services.map((name) => [name, busLoginEnv(logins[name])]))
    : undefined;
  const gateway = await freePort();
  const servicePorts = {} as Record<S | Core, number>;
  for (const name of services) servicePorts[name] = await freePort();
  const ports = { gateway, ...servicePorts };
  const platforms: Platform[] = [];
  const startOne = (
    names: ServiceName[],
    withGateway: boolean,
    extraPorts: Partial<Record<ServiceName, number>> = {},
  ) =>
    startPlatform({
      env,
      processEnv,
      gatewayPort: gateway,
      servicePorts: { ...servicePorts, ...extraPorts },
      services: names,
      gateway: withGateway,
      log: process.env.RELIABILITY_LOG ? 'prefix' : 'silent',
      readyTimeoutMs: 90_000,
      stopTimeoutMs: 5_000,
    }).then((p) => {
      platforms.push(p);
      return p;
    });

  const cleanupData = async () => {
    await dropTestDatabases(runId, DATABASE_URL).catch(() => undefined);
    await deleteTestStream(env.EVENTS_STREAM, env.NATS_URL).catch(() => undefined);
    await rm(supergraph.dir, { recursive: true, force: true });
  };
  const cleanupAll = async () => {
    await cleanupData();
    await ownNats?.dispose();
  };
  try {
    await startOne(services, true);
  } catch (e) {
    await cleanupAll();
    throw e;
  }
  const pool = (name: string) => {
    const url = new URL(DATABASE_URL);
    url.pathname = `/backoffice_${name}${env.DATABASE_SUFFIX}`;
    const p = new pg.Pool({
      connectionString: url.toString(),
      max: 3,
      application_name: 'reliability-counter',
    });
    p.on('error', () => undefined);
    return p;
  };
  const db = {} as Record<S | Core, pg.Pool>;
  for (const name of services) db[name] = pool(name);
  const hrClient = graphqlClient(
    `http://127.0.0.1:${gateway}/graphql`,
    await mintToken({ sub: `reliability-${options.label ?? 'hr'}`, roles: ['hr'] }),
  );
  const dept = await hrClient.query(
    'mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }',
    { input: { name: 'Reliability', costCenter: `REL-${runId}` } },
  );
  if (dept.errors) throw new Error(`createDepartment: ${JSON.stringify(dept.errors)}`);
  const departmentId = dept.data.createDepartment.id as string;
  let hired = 0;

  const hireOne = async (label: string): Promise<{ id?: string; error?: string; message?: string }> => {
    const n = ++hired;
    try {
      const r = await hrClient.query(
        'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
        {
          input: {
            givenName: `Rel${n}`,
            familyName: label,
            email: `rel${n}.${label.toLowerCase().replace(/[^a-z0-9]/g, '')}.${runId}@example.com`,
            departmentId,
            startDate: '2027-03-01',
            workLocation: 'OFFICE',
            contract: { monthlySalary: '4000.00', currency: 'EUR', fte: 1 },
          },
        },
      );
      if (r.data?.hireEmployee?.id) return { id: r.data.hireEmployee.id };
      return {
        error: r.errors?.[0]?.extensions?.code ?? `HTTP ${r.status}`,
        message: r.errors?.[0]?.message,
      };
    } catch (e) {
      return { error: 'transport', message: (e as Error).message };
    }
  };

  return {
    runId,
    env,
    gatewayUrl: `http://127.0.0.1:${gateway}/graphql`,
    ports,
    hr: hrClient,
    db,
    departmentId,
    async kill(name) {
      const victims = platforms
        .flatMap((p) => p.processes)
        .filter((p) => p.name === name && p.managed.isRunning());
      for (const v of victims) if (v.managed.pid) process.kill(v.managed.pid, 'SIGKILL');
      await Promise.all(victims.map((v) => v.managed.exited));
    },
    pids(name) {
      return platforms
        .flatMap((p) => p.processes)
        .filter((p) => p.name === name && p.managed.isRunning())
        .map((p) => p.managed.pid as number);
    },
    async startService(name, port) {
      return startOne([name], false, port ? { [name]: port } : {});
    },
    async dropConnections() {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      try {
        const r = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = ANY($1) AND pid <> pg_backend_pid() AND application_name <> 'reliability-counter'`,
          [services.map((s) => `backoffice_${s}${env.DATABASE_SUFFIX}`)],
        );
        return r.rowCount ?? 0;
      } finally {
        await admin.end();
      }
    },
    async hire(count, label, { concurrency = 8 } = {}) {
      const outcome: HireOutcome = { ids: [], failures: [], messages: [] };
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, count) }, async () => {
          while (next < count) {
            next++;
            const r = await hireOne(label);
            if (r.id) outcome.ids.push(r.id);
            else {
              outcome.failures.push(r.error ?? 'unknown');
              outcome.messages.push(r.message ?? '');
            }
          }
        }),
      );
      return outcome;
    },
    async cleanup() {
      await Promise.all(platforms.map((p) => p.stop()));
      await Promise.all(Object.values<pg.Pool>(db).map((p) => p.end().catch(() => undefined)));
      await cleanupAll();
    },
    natsOps: logins?.ops,
  };
}

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value either way. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await read();
      if (done(value)) return value;
    } catch {
      // a database being cut off mid-scenario: try again
    }
    if (Date.now() > deadline) {
      if (value === undefined) return read();
      return value;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export { uniqueRunId };
