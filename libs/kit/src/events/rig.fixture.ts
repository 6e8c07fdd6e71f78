import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { type EntityList, type MigrationClass, databaseUrl, openDatabase, poolOf } from '../db/database.js';
import type { Keyring } from '../auth/keys.js';
import type { Logger } from '../logger.js';
import { type Bus, connectBus } from './bus.js';
import { type ConsumerOptions, EventConsumer } from './consumer.js';
import type { EventHandler } from './handler.js';
import { OutboxRelay, type RelayOptions } from './relay.js';

/**
 * Test fixture for the kit's event tests: a source database and a sink database of their own, and a
 * stream and subject prefix of their own on the shared NATS, all named after one random run id and
 * removed again by `close`.
 */
export interface EventsRig {
  run: string;
  source: DataSource;
  /** The source database's own URL, for what connects outside the pool (the relay's LISTEN). */
  sourceUrl: string;
  sink: DataSource;
  bus: Bus;
  /** The source's outbox relay on the rig's bus, its events signed with `keyring` (not started yet). */
  relay(keyring: Keyring, options?: Omit<RelayOptions, RigWiring>): OutboxRelay;
  /** A consumer applying into the sink from the rig's bus, checking with `keyring` (not started yet). */
  consumer(
    keyring: Keyring,
    handler: EventHandler,
    options?: Omit<ConsumerOptions, RigWiring | 'dataSource' | 'handler'>,
  ): EventConsumer;
  close(): Promise<void>;
}

/** What the rig wires itself: its databases, bus and log, and the test's keyring. */
type RigWiring = 'pool' | 'connectionString' | 'bus' | 'log' | 'keyring';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Schema {
  entities?: EntityList;
  migrations?: MigrationClass[];
}

export async function openEventsRig(
  name: string,
  log: Logger,
  schema: { source?: Schema; sink?: Schema } = {},
): Promise<EventsRig> {
  const run = randomBytes(4).toString('hex');
  const databases = [`backoffice_${name}src_t${run}`, `backoffice_${name}sink_t${run}`];
  const open = (database: string, s: Schema = {}) =>
    openDatabase({
      serverUrl: SERVER,
      database,
      entities: s.entities ?? [],
      migrations: s.migrations ?? [],
      log,
    });
  const source = await open(databases[0], schema.source);
  const sink = await open(databases[1], schema.sink);
  const bus = await connectBus({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    stream: `T${run.toUpperCase()}`,
    prefix: `t${run}.`,
    name: `${name}-test`,
    log,
  });
  const sourceUrl = databaseUrl(SERVER, databases[0]);
  return {
    run,
    source,
    sourceUrl,
    sink,
    bus,
    relay: (keyring, options = {}) =>
      new OutboxRelay({
        pool: poolOf(source),
        connectionString: sourceUrl,
        bus,
        log,
        keyring,
        ...options,
      }),
    consumer: (keyring, handler, options = {}) =>
      new EventConsumer({ bus, dataSource: sink, log, keyring, handler, ...options }),
    async close() {
      await bus.jsm.streams.delete(bus.stream).catch(() => undefined);
      await bus.nc.close();
      await source.destroy();
      await sink.destroy();
      const admin = new pg.Client({ connectionString: SERVER });
      await admin.connect();
      for (const db of databases) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Polls until `ok(value)` or the deadline; returns the last value (assert on it). */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
