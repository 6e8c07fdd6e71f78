import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { bodyDigest, type Identity, type Role, STREAMED_BODY, signIdentity } from './auth/identity.js';
import {
  createKeyring,
  devSigningKey,
  devTrustedKeys,
  generateSigningKey,
  type Keyring,
} from './auth/keys.js';
import { type RunningSubgraph, type SubgraphDefinition, startSubgraph } from './subgraph/index.js';
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
  audiences.set(new URL(running.url).origin, definition.name);
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
 * The gateway's dev keyring: what test runs' subgraphs (dev mode, no TRUSTED_KEYS) believe the
 * gateway signs with. A bench started from a shell uses it too.
 */
export function testGatewayKeyring(): Keyring {
  gatewayKeyring ??= createKeyring('gateway', devSigningKey('gateway'), devTrustedKeys());
  return gatewayKeyring;
}
let gatewayKeyring: Keyring | undefined;

/**
 * A fresh gateway key pair as the gateway's env (SIGNING_KEY, TRUSTED_KEYS naming only it), for a
 * gateway a test starts outside dev mode, where the dev key is refused.
 */
export function generateGatewayKeys(): {
  env: { SIGNING_KEY: string; TRUSTED_KEYS: string };
  publicKey: string;
} {
  const { signingKey, publicKey } = generateSigningKey();
  return {
    env: { SIGNING_KEY: signingKey, TRUSTED_KEYS: JSON.stringify({ gateway: [publicKey] }) },
    publicKey,
  };
}

/** Subgraph name by origin: filled by startTestSubgraph, else asked of the subgraph's /health once. */
const audiences = new Map<string, string>();

/** The name a subgraph answers to, which a forwarded identity must be addressed to. */
export async function subgraphAudience(url: string): Promise<string> {
  const origin = new URL(url).origin;
  let name = audiences.get(origin);
  if (!name) {
    const health = (await (await fetch(`${origin}/health`)).json()) as { service?: unknown };
    if (typeof health.service !== 'string') throw new Error(`${origin}/health names no service`);
    name = health.service;
    audiences.set(origin, name);
  }
  return name;
}

/**
 * The identity headers the gateway would send with this exact request: addressed to the subgraph at
 * `url`, bound to `body`, good once.
 */
export async function signedAsGateway(
  url: string,
  identity: Identity,
  body: string,
  method = 'POST',
): Promise<Record<string, string>> {
  const target = new URL(url);
  return signIdentity(
    identity,
    {
      audience: await subgraphAudience(url),
      method,
      path: target.pathname + target.search,
      body: bodyDigest(body),
    },
    testGatewayKeyring(),
  );
}

/**
 * For a subgraph's plain routes, as the gateway's passthrough signs them: a GET by its (empty) body,
 * an upload as streamed.
 */
export async function signedForRoute(
  url: string,
  identity: Identity,
  method = 'GET',
): Promise<Record<string, string>> {
  const target = new URL(url);
  const bodiless = method === 'GET' || method === 'HEAD';
  return signIdentity(
    identity,
    {
      audience: await subgraphAudience(url),
      method,
      path: target.pathname + target.search,
      body: bodiless ? bodyDigest('') : STREAMED_BODY,
    },
    testGatewayKeyring(),
  );
}

/** Calls a subgraph as the gateway would: with a freshly signed identity (none: anonymous). */
export async function callSubgraph<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity?: Identity,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const body = JSON.stringify({ query, variables });
  const signed = identity ? await signedAsGateway(url, identity, body) : {};
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...headers },
    body,
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
