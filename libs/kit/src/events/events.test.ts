import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataSource } from 'typeorm';
import { openDatabase, poolOf, databaseUrl } from '../db/database.js';
import { createLogger } from '../logger.js';
import { connectBus, type Bus } from './bus.js';
import { EventConsumer } from './consumer.js';
import { domainEvent } from './envelope.js';
import { recordEvents } from './outbox.js';
import { OutboxRelay } from './relay.js';

@Entity('greeting')
class Greeting {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) text: string;
}

class GreetingTable1764201600001 implements MigrationInterface {
  name = 'GreetingTable1764201600001';
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE greeting (id text PRIMARY KEY, text text NOT NULL)');
    await q.query('CREATE TABLE applied (event_id text NOT NULL, n int NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE greeting, applied');
  }
}

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = randomBytes(4).toString('hex');
const log = createLogger('kit-test', 'silent');
let source: DataSource;
let sink: DataSource;
let bus: Bus;

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  source = await openDatabase({
    serverUrl: SERVER,
    database: `backoffice_kitsrc_t${run}`,
    entities: [Greeting],
    migrations: [GreetingTable1764201600001],
    log,
  });
  sink = await openDatabase({
    serverUrl: SERVER,
    database: `backoffice_kitsink_t${run}`,
    entities: [Greeting],
    migrations: [GreetingTable1764201600001],
    log,
  });
  bus = await connectBus({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    stream: `T${run.toUpperCase()}`,
    prefix: `t${run}.`,
    name: 'kit-test',
    log,
  });
});

afterAll(async () => {
  await bus?.jsm.streams.delete(bus.stream).catch(() => undefined);
  await bus?.nc.close();
  await source?.destroy();
  await sink?.destroy();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  for (const db of [`backoffice_kitsrc_t${run}`, `backoffice_kitsink_t${run}`])
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

describe('outbox -> relay -> JetStream -> consumer', () => {
  it('delivers every committed event once in effect, drops rolled-back ones, and parks poison', async () => {
    const relay = new OutboxRelay({
      pool: poolOf(source),
      connectionString: databaseUrl(SERVER, `backoffice_kitsrc_t${run}`),
      bus,
      log,
    });
    relay.start();
    const consumer = new EventConsumer({
      bus,
      dataSource: sink,
      log,
      maxDeliveries: 2,
      handler: {
        durable: 'kit-greetings',
        subject: 'backoffice.kit.greeting.>',
        handle: async (event, { em }) => {
          if ((event.data as { text: string }).text === 'poison') throw new Error('cannot greet poison');
          await em.query('INSERT INTO applied (event_id, n) VALUES ($1, 1)', [event.id]);
        },
      },
    });
    await consumer.start();

    // 20 committed in one transaction each, one rolled back.
    for (let i = 0; i < 20; i++) {
      await source.transaction(async (em) => {
        await em.save(Greeting, { id: `g${i}`, text: `hello ${i}` });
        await recordEvents(
          em,
          domainEvent('kit', 'greeting.said', `g${i}`, { text: `hello ${i}` }, { userId: 'u1' }),
        );
      });
    }
    await expect(
      source.transaction(async (em) => {
        await recordEvents(em, domainEvent('kit', 'greeting.said', 'gx', { text: 'never' }));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await source.transaction((em) =>
      recordEvents(em, domainEvent('kit', 'greeting.said', 'p', { text: 'poison' })),
    );

    const applied = await waitFor(
      () => sink.query('SELECT count(*)::int AS n FROM applied').then((r) => r[0].n as number),
      (n) => n >= 20,
    );
    expect(applied).toBe(20);
    const parked = await waitFor(
      () => sink.query('SELECT * FROM dead_letter'),
      (rows) => rows.length >= 1,
    );
    expect(parked).toHaveLength(1);
    expect(parked[0].error).toBe('cannot greet poison');
    expect(await relay.pending()).toBe(0);

    // A re-publish of an already applied event (as after a relay crash) changes nothing.
    const [row] = await source.query(`SELECT payload FROM outbox WHERE aggregate_id = 'g3'`);
    await bus.js.publish(`${bus.prefix}${row.payload.type}`, JSON.stringify(row.payload), {
      msgID: `${row.payload.id}-again`,
    });
    await waitFor(
      async () => consumer.duplicates,
      (d) => d >= 1,
    );
    expect(consumer.duplicates).toBe(1);
    const [{ n }] = await sink.query('SELECT count(*)::int AS n FROM applied');
    expect(n).toBe(20);

    await consumer.stop();
    await relay.stop();
  });
});
