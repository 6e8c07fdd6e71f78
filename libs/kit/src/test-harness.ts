import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Identity, type Role, signIdentity } from './auth/identity.js';
import { platformConfig } from './config.js';
import { type RunningSubgraph, type SubgraphDefinition, startSubgraph } from './subgraph.js';
import { deleteTestStream } from './testing.js';

/**
 * Runs subgraphs in-process for integration tests against the real Postgres and NATS, isolated per
 * run: their own databases (`backoffice_<service>_t<run>`), their own stream and subject prefix.
 * Subgraphs started with the same `run` share the stream, so they exchange events as in production.
 */
export interface TestRun {
  id: string;
  env: NodeJS.ProcessEnv;
  started: RunningSubgraph<any>[];
  /** Stops every subgraph of the run, drops its databases and deletes its stream. */
  cleanup(): Promise<void>;
}

export function newTestRun(extraEnv: NodeJS.ProcessEnv = {}): TestRun {
  const id = randomBytes(4).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    // Tests run on the repo's dev keys, which every process refuses unless dev mode is said explicitly.
    BACKOFFICE_DEV: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_SUFFIX: `_t${id}`,
    EVENTS_STREAM: `T${id.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `t${id}.`,
    ...extraEnv,
  };
  const run: TestRun = {
    id,
    env,
    started: [],
    async cleanup() {
      for (const s of run.started.reverse()) await s.stop().catch(() => undefined);
      await dropRunDatabases(id, env.DATABASE_URL);
      await deleteTestStream(env.EVENTS_STREAM as string, env.NATS_URL).catch(() => undefined);
    },
  };
  return run;
}

export async function startTestSubgraph<S>(
  run: TestRun,
  definition: SubgraphDefinition<S>,
): Promise<RunningSubgraph<S>> {
  const running = await startSubgraph({ ...definition, env: run.env, port: 0 });
  run.started.push(running);
  return running;
}

export async function dropRunDatabases(
  runId: string,
  serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'backoffice\\_%\\_t' || $1`,
      [runId],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function testIdentity(
  roles: Role[],
  options: { userId?: string; employeeId?: string | null } = {},
): Identity {
  return {
    userId: options.userId ?? `user-${roles.join('-') || 'none'}`,
    roles,
    employeeId: options.employeeId ?? null,
  };
}

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

/**
 * The key test runs' subgraphs verify with: INTERNAL_SIGNING_KEY when set, else the dev key, as
 * newTestRun's dev mode lets them use (a bench started from a shell need not say BACKOFFICE_DEV=1).
 */
export function testSigningKey(env: NodeJS.ProcessEnv = process.env): string {
  return platformConfig({ NODE_ENV: 'test', ...env, BACKOFFICE_DEV: '1' }).internalSigningKey;
}

/** Calls a subgraph as the gateway would: with a freshly signed identity (none: anonymous). */
export async function callSubgraph<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity?: Identity,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const signed = identity ? signIdentity(identity, testSigningKey()) : {};
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResult<T>;
}

/** Polls until `ok(value)` or the deadline; returns the last value (assert on it). */
export async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
