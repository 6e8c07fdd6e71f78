import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type MigrationInterface, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../logger.js';
import { KitSequences1764201600100 } from './kit-sequences.migration.js';
import { KitTables1764201600000 } from './kit-tables.migration.js';
import { KitWatermarks1764201600200 } from './kit-watermarks.migration.js';
import { KitIdempotencyFence1764201600300 } from './kit-idempotency-fence.migration.js';
import { KitSignedDeadLetters1764201600400 } from './kit-signed-dead-letters.migration.js';
import { IdempotencyFence } from '../graphql/idempotency.js';

/** The kit's own tables, migrated before every service's. */
export const KIT_MIGRATIONS = [
  KitTables1764201600000,
  KitSequences1764201600100,
  KitWatermarks1764201600200,
  KitIdempotencyFence1764201600300,
  KitSignedDeadLetters1764201600400,
];

// Dates stay calendar dates ('YYYY-MM-DD') and bigints stay exact: no time-zone shifts, no floats.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => v);

export type EntityList = MixedList<string | (abstract new (...args: never[]) => unknown) | EntitySchema>;
export type MigrationClass = new () => MigrationInterface;

export interface DatabaseOptions {
  /** The server URL from DATABASE_URL; its own database name is only used to connect for CREATE DATABASE. */
  serverUrl: string;
  /**
   * The same server without a pooler in between (DATABASE_DIRECT_URL), for CREATE DATABASE and the
   * migration lock, which is held across transactions; `serverUrl` by default.
   */
  directServerUrl?: string;
  /** e.g. `backoffice_hr` (plus the run's suffix in tests). */
  database: string;
  entities: EntityList;
  /** Service migrations, in order; the kit's own tables (outbox, inbox, ...) are always run first. */
  migrations: MigrationClass[];
  poolSize?: number;
  log?: Logger;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the service's database if it is absent; safe when several replicas start at once. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  // A dropped connection surfaces through the awaited queries below, not as an unhandled 'error'.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } catch (e) {
        // 42P04: another replica created it first; 23505: the same race seen through pg_database's index.
        const code = (e as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw e;
      }
    }
  } finally {
    await client.end();
  }
}

/** Opens the service's own database, creating it if needed and running every pending migration. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const directServerUrl = options.directServerUrl ?? options.serverUrl;
  await ensureDatabase(directServerUrl, options.database);
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl(options.serverUrl, options.database),
    entities: options.entities,
    migrations: [...KIT_MIGRATIONS, ...options.migrations],
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A dropped connection must fail the request, not hang it.
      query_timeout: 30_000,
    },
  });
  await dataSource.initialize();
  // Marks a request's idempotency claim committed in the same transaction as its effect. Added as an
  // instance: TypeORM's `subscribers` option only takes classes registered by its decorator.
  dataSource.subscribers.push(new IdempotencyFence());
  // TypeORM listens for errors on idle pooled connections only. A connection cut while checked out
  // (failover, pg_terminate_backend) between two statements of a transaction would emit an unhandled
  // 'error' and take the process down; the statement that follows fails instead, and the pool drops it.
  poolOf(dataSource).on('connect', (client) => {
    client.on('error', (e) => options.log?.warn({ err: e.message }, 'database connection lost'));
  });
  await migrateUnderLock(dataSource, databaseUrl(directServerUrl, options.database), options.log);
  return dataSource;
}

/**
 * Several replicas may start together: one migrates at a time under a session advisory lock, taken on
 * a direct connection of its own (a pooler could lock on one server connection and unlock on another).
 * It opens before the relay's LISTEN and job leadership do, so it stays within the connection budget.
 */
async function migrateUnderLock(dataSource: DataSource, directUrl: string, log?: Logger): Promise<void> {
  const lock = new pg.Client({ connectionString: directUrl, connectionTimeoutMillis: 5_000 });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(7410001)');
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) log?.info({ migrations: ran.map((m) => m.name) }, 'database migrated');
  } finally {
    // Ending the session releases the lock, even when the unlock cannot be sent.
    await lock.end().catch(() => undefined);
  }
}

/** The pg pool behind a TypeORM data source, for the hot paths (outbox relay, consumers) that skip the ORM. */
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as unknown as { master: pg.Pool }).master;
}
