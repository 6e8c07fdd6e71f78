/**
 * The receiving service of bench/events.ts, in a process of its own as in production: the kit's
 * EventConsumer on a durable, applying events to an effect table with their inbox rows in the same
 * transaction: a whole batch with one set-wise statement (`handleBatch`), or, with
 * BENCH_PER_EVENT_EFFECT=1, one statement per event (`handle` only). After every commit it reports
 * the applied event ids and the time (epoch ms, sub-ms) to the parent over IPC, which measures
 * commit-to-applied latency; asked, it reports where its time went.
 */
import {
  connectBus,
  createLogger,
  EventConsumer,
  type EventContext,
  type EventHandler,
  openDatabase,
} from '@backoffice/kit';
import { consumer as consumerOf } from '@backoffice/events';
import { benchEvents } from '@backoffice/events/testing';
import { testKeyring } from '@backoffice/testkit';

const { BENCH_DATABASE, BENCH_STREAM, BENCH_PREFIX, BENCH_DURABLE } = process.env as Record<string, string>;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
type QueryRunner = NonNullable<EventContext['em']['queryRunner']>;
const now = () => performance.timeOrigin + performance.now();
const log = createLogger('bench-consumer', 'warn');

const db = await openDatabase({ serverUrl, database: BENCH_DATABASE, entities: [], migrations: [], log });
await db.query(
  'CREATE TABLE IF NOT EXISTS bench_effect (event_id text PRIMARY KEY, amount numeric NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())',
);
const bus = await connectBus({
  url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  stream: BENCH_STREAM,
  prefix: BENCH_PREFIX,
  name: 'bench-consumer',
});

// The ids each transaction applied, reported once that transaction has committed.
const appliedBy = new WeakMap<QueryRunner, string[]>();
const createQueryRunner = db.createQueryRunner.bind(db);
db.createQueryRunner = (...args: Parameters<typeof db.createQueryRunner>) => {
  const runner = createQueryRunner(...args);
  const commit = runner.commitTransaction.bind(runner);
  runner.commitTransaction = async () => {
    await commit();
    const ids = appliedBy.get(runner);
    if (ids?.length) process.send?.({ ids, at: now() });
    appliedBy.delete(runner);
  };
  return runner;
};

const reportApplied = (em: EventContext['em'], ids: string[]) => {
  const runner = em.queryRunner as QueryRunner;
  const list = appliedBy.get(runner) ?? [];
  list.push(...ids);
  appliedBy.set(runner, list);
};
const handler: EventHandler<typeof benchEvents.itemCreated> = {
  consumer: consumerOf('bench', BENCH_DURABLE, benchEvents.itemCreated),
  async handle(event, { em }) {
    await em.query('INSERT INTO bench_effect (event_id, amount) VALUES ($1, $2)', [
      event.id,
      event.data.amount,
    ]);
    reportApplied(em, [event.id]);
  },
};
// The effect a high-volume consumer would have: the whole batch in one set-wise statement.
if (process.env.BENCH_PER_EVENT_EFFECT !== '1') {
  handler.handleBatch = async (events, { em }) => {
    await em.query(
      'INSERT INTO bench_effect (event_id, amount) SELECT * FROM unnest($1::text[], $2::numeric[])',
      [events.map((e) => e.id), events.map((e) => e.data.amount)],
    );
    reportApplied(
      em,
      events.map((e) => e.id),
    );
  };
}
const consumer = new EventConsumer({ bus, dataSource: db, handler, log, keyring: testKeyring('bench') });
await consumer.start();
process.send?.({ ready: true });

process.on('message', async (m: { stop?: boolean; timings?: boolean }) => {
  // With the CPU this process has spent, in ms.
  const cpu = process.cpuUsage();
  if (m.timings) process.send?.({ timings: { ...consumer.timings, cpu: (cpu.user + cpu.system) / 1000 } });
  if (!m.stop) return;
  await consumer.stop();
  await bus.nc.drain().catch(() => undefined);
  await db.destroy();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
