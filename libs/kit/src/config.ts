import { z } from 'zod';
import { weakSecretReason } from './secret-strength.js';

/**
 * Configuration every process shares, parsed once from the environment. Each service adds its own
 * settings in its `config.ts` with `parseEnv`; `process.env` is read nowhere else.
 */
export const SERVICE_PORTS = {
  hr: 4001,
  accounting: 4002,
  documents: 4003,
  compliance: 4004,
  it: 4005,
  catalog: 4006,
} as const;
export type ServiceName = keyof typeof SERVICE_PORTS;
export const SERVICE_NAMES = Object.keys(SERVICE_PORTS) as ServiceName[];
export const GATEWAY_PORT = 4000;

export const DEV_JWT_SECRET = 'dev-jwt-secret-not-for-production';
/** The longest a user token may live (exp - iat) unless JWT_MAX_TTL says otherwise: 12 h. */
export const DEFAULT_JWT_MAX_TTL_SECONDS = 12 * 3600;

export class ConfigError extends Error {}

/** Parses `env` with a zod object schema and fails fast with every problem named. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return result.data;
}

/** Reads `NAME_FILE` (a mounted secret) in preference to `NAME`. */
export function secretFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    // Imported lazily so the config module stays usable in tests without fs access.
    const { readFileSync } = require_fs();
    return readFileSync(file, 'utf8').trim();
  }
  return env[name] || undefined;
}

function require_fs(): typeof import('node:fs') {
  return process.getBuiltinModule('node:fs') as typeof import('node:fs');
}

const platformSchema = z.object({
  /** Unset is not development: without NODE_ENV=production or BACKOFFICE_DEV=1 no dev key is used. */
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  /** `1` on a developer's machine or in tests: the repo's dev keys may stand in, the dev login works. */
  BACKOFFICE_DEV: z
    .enum(['1', '0', ''], { message: 'expected 1 (dev mode) or 0' })
    .optional()
    .transform((v) => v === '1'),
  /** The interface to listen on: every interface in production (containers), loopback elsewhere. */
  LISTEN_HOST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** This process's NATS user (its password in NATS_PASSWORD or NATS_PASSWORD_FILE); one per service. */
  NATS_USER: z.string().min(1).optional(),
  /** A NATS credentials file (user JWT and nkey seed), instead of NATS_USER, for servers in operator mode. */
  NATS_CREDS: z.string().min(1).optional(),
  /** The CA that signed the NATS servers' certificates: set, the connection is TLS and the server verified. */
  NATS_TLS_CA_FILE: z.string().min(1).optional(),
  /** A client certificate and its key, for servers that require mutual TLS (`verify: true`). */
  NATS_TLS_CERT_FILE: z.string().min(1).optional(),
  NATS_TLS_KEY_FILE: z.string().min(1).optional(),
  /** The JetStream stream and the subject prefix: `BACKOFFICE` and none in production; tests isolate runs with their own. */
  EVENTS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('BACKOFFICE'),
  EVENTS_SUBJECT_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\.)*$/)
    .default(''),
  /**
   * Postgres itself, for what must keep one server connection for a session: the outbox relay's
   * LISTEN, job leadership's advisory locks, the migration lock. DATABASE_URL by default; set it when
   * DATABASE_URL goes through PgBouncer in transaction mode, which breaks all three.
   */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  /**
   * Every connection this process may open to Postgres: its pool plus the relay's LISTEN and job
   * leadership (DEDICATED_CONNECTIONS). 12 keeps six processes at 72, under Postgres's default 100.
   */
  DATABASE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(12),
  /** The pool's size; by default whatever DATABASE_MAX_CONNECTIONS leaves after the dedicated connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  /** Appended to every database name (`backoffice_hr<suffix>`), so test runs never share a database. */
  DATABASE_SUFFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/)
    .default(''),
  /** How long published events stay in the outbox to repair what the bus lost (Postgres is the record). */
  OUTBOX_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(7),
  /** How long a hole in an event sequence may stay open (redeliveries arrive out of order) before it is a loss. */
  SEQUENCE_GAP_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /** How often a replica that does not lead a scheduled job tries to take it (and the leader checks it still does). */
  JOB_LEADER_RETRY_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  /** How often a service announces the last sequence it published per event type. */
  WATERMARK_EVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
});

/**
 * How a process runs. `production`: NODE_ENV=production, every secret required and checked.
 * `development` and `test`: BACKOFFICE_DEV=1 said explicitly (with NODE_ENV=test for the suites, whose
 * errors look as in production); the dev keys may stand in. `unmarked`: neither, as when NODE_ENV was
 * forgotten; no dev key and no dev convenience, so a forgotten setting fails closed.
 */
export type RunMode = 'production' | 'development' | 'test' | 'unmarked';

/** Where the repo's dev keys may stand in for real ones, and the dev login may sign tokens. */
export function isDevMode(mode: RunMode): boolean {
  return mode === 'development' || mode === 'test';
}

/** Connections a process holds outside its pool: the outbox relay's LISTEN and job leadership. */
export const DEDICATED_CONNECTIONS = 2;

export type PlatformConfig = Omit<
  z.infer<typeof platformSchema>,
  'DATABASE_POOL_SIZE' | 'DATABASE_DIRECT_URL'
> & {
  /** DATABASE_POOL_SIZE, or the budget less the dedicated connections. */
  DATABASE_POOL_SIZE: number;
  /** DATABASE_DIRECT_URL, or DATABASE_URL. */
  DATABASE_DIRECT_URL: string;
  mode: RunMode;
  /** LISTEN_HOST, or its default for the mode. */
  listenHost: string;
  /** Who this process is on the bus, and how the connection is secured (none: an open dev server). */
  natsCredentials: NatsCredentials;
};

/** How a process proves itself to NATS: a user and password, or a creds file; TLS files when set. */
export interface NatsCredentials {
  user?: string;
  password?: string;
  credsFile?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

export function platformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const parsed = parseEnv(platformSchema, env);
  const mode = runMode(parsed.NODE_ENV, parsed.BACKOFFICE_DEV);
  // The signing keys are not read here: each process loads its own with loadKeyring (auth/keys.ts),
  // which refuses missing, dev and weak keys outside dev mode.
  // Loopback unless production or LISTEN_HOST: a dev-mode process trusts the repo's dev key.
  const listenHost = parsed.LISTEN_HOST?.trim() || (mode === 'production' ? '0.0.0.0' : '127.0.0.1');
  const natsCredentials = natsCredentialsFrom(parsed, env);
  // The NATS password is the service's whole say on the bus: a typed or example one fails closed.
  const weakNatsPassword =
    mode === 'production' && natsCredentials.password
      ? (weakSecretReason('NATS_PASSWORD', natsCredentials.password, 24) ??
        natsPasswordProblem(natsCredentials.password))
      : null;
  if (weakNatsPassword) throw new ConfigError(weakNatsPassword);
  return {
    ...parsed,
    DATABASE_POOL_SIZE: poolSizeWithin(parsed.DATABASE_MAX_CONNECTIONS, parsed.DATABASE_POOL_SIZE),
    DATABASE_DIRECT_URL: parsed.DATABASE_DIRECT_URL ?? parsed.DATABASE_URL,
    mode,
    listenHost,
    natsCredentials,
  };
}

/** The pool's size within the process's connection budget; a budget that cannot hold it fails fast. */
export function poolSizeWithin(maxConnections: number, poolSize: number | undefined): number {
  const room = maxConnections - DEDICATED_CONNECTIONS;
  if (room < 1)
    throw new ConfigError(
      `DATABASE_MAX_CONNECTIONS=${maxConnections} leaves no connection for the pool: a process keeps ` +
        `${DEDICATED_CONNECTIONS} outside it (the outbox relay's LISTEN, job leadership); give at least ${DEDICATED_CONNECTIONS + 1}`,
    );
  if (poolSize === undefined) return room;
  if (poolSize > room)
    throw new ConfigError(
      `DATABASE_POOL_SIZE=${poolSize} does not fit DATABASE_MAX_CONNECTIONS=${maxConnections}: the pool may ` +
        `have ${room} (the budget less ${DEDICATED_CONNECTIONS} for the relay's LISTEN and job leadership); ` +
        'raise the budget or unset the pool size',
    );
  return poolSize;
}

/**
 * The deployed nats.conf reads each password from the server's environment (`$NATS_PASSWORD_HR`), and
 * nats-server parses such a value as config: one that starts with a digit can read as a number or a
 * date (`1e5…`, `12-ab` refuse to load), a `#` starts a comment (the rest silently dropped). Letters,
 * digits, `_` and `-`, starting with a letter, read as the string they are.
 */
export function natsPasswordProblem(password: string): string | null {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(password)
    ? null
    : 'NATS_PASSWORD: use letters, digits, _ and - only, starting with a letter (nats-server parses the ' +
        'value it reads from its environment); generate one with `echo n$(openssl rand -hex 32)`';
}

/** NATS_USER + NATS_PASSWORD(_FILE) or NATS_CREDS, and the TLS files; a half-given pair fails fast. */
export function natsCredentialsFrom(
  parsed: Pick<
    z.infer<typeof platformSchema>,
    'NATS_USER' | 'NATS_CREDS' | 'NATS_TLS_CA_FILE' | 'NATS_TLS_CERT_FILE' | 'NATS_TLS_KEY_FILE'
  >,
  env: NodeJS.ProcessEnv,
): NatsCredentials {
  const password = secretFromEnv('NATS_PASSWORD', env);
  if (parsed.NATS_USER && !password)
    throw new ConfigError('NATS_USER is set without NATS_PASSWORD (or NATS_PASSWORD_FILE)');
  if (password && !parsed.NATS_USER) throw new ConfigError('NATS_PASSWORD is set without NATS_USER');
  if (parsed.NATS_CREDS && parsed.NATS_USER)
    throw new ConfigError('NATS_CREDS and NATS_USER are both set: give one way to authenticate');
  if (Boolean(parsed.NATS_TLS_CERT_FILE) !== Boolean(parsed.NATS_TLS_KEY_FILE))
    throw new ConfigError(
      'NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE go together (a client certificate and its key)',
    );
  const tlsFiles = {
    caFile: parsed.NATS_TLS_CA_FILE,
    certFile: parsed.NATS_TLS_CERT_FILE,
    keyFile: parsed.NATS_TLS_KEY_FILE,
  };
  const tls = Object.values(tlsFiles).some(Boolean) ? tlsFiles : undefined;
  return {
    ...(parsed.NATS_USER ? { user: parsed.NATS_USER, password } : {}),
    ...(parsed.NATS_CREDS ? { credsFile: parsed.NATS_CREDS } : {}),
    ...(tls ? { tls } : {}),
  };
}

export function runMode(nodeEnv: string | undefined, backofficeDev: boolean): RunMode {
  if (nodeEnv === 'production') {
    if (backofficeDev)
      throw new ConfigError(
        'BACKOFFICE_DEV=1 with NODE_ENV=production: dev mode is never production; unset one',
      );
    return 'production';
  }
  if (!backofficeDev) return 'unmarked';
  return nodeEnv === 'test' ? 'test' : 'development';
}

/** The port a service listens on: `HR_PORT`, `ACCOUNTING_PORT`, ... with the contract's defaults. */
export function servicePort(service: ServiceName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`${service.toUpperCase()}_PORT`];
  const port = raw ? Number(raw) : SERVICE_PORTS[service];
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`${service.toUpperCase()}_PORT: not a port`);
  return port;
}

/** The URL the gateway reaches a service's GraphQL endpoint at: `HR_URL`, ... or loopback at its port. */
export function serviceUrl(service: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${service.toUpperCase()}_URL`] ?? `http://127.0.0.1:${servicePort(service, env)}/graphql`;
}
export { z } from 'zod';
