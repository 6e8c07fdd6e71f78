/**
 * The receiving service of bench/events.ts, in a process of its own as in production: the kit's
 * EventConsumer on a durable, applying each event to an effect table with its inbox row in the same
 * transaction. After every commit it reports the applied event ids and the time (epoch ms, sub-ms)
 * to the parent over IPC, which measures commit-to-applied latency.
 */
import {
  connectBus,
  createLogger,
  EventConsumer,
  type EventContext,
  type EventHandler,
  openDatabase,
} from '@backoffice/kit';

const { BENCH_DATABASE, BENCH_STREAM, BENCH_PREFIX, BENCH_SUBJECT, BENCH_DURABLE } = process.env as Record<
  string,
  string
>;
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

const handler: EventHandler<{ amount: string }> = {
  durable: BENCH_DURABLE,
  subject: BENCH_SUBJECT,
  async handle(event, { em }) {
    await em.query('INSERT INTO bench_effect (event_id, amount) VALUES ($1, $2)', [
      event.id,
      event.data.amount,
    ]);
    const runner = em.queryRunner as QueryRunner;
    const list = appliedBy.get(runner) ?? [];
    list.push(event.id);
    appliedBy.set(runner, list);
  },
};
const consumer = new EventConsumer({ bus, dataSource: db, handler, log });
await consumer.start();
process.send?.({ ready: true });

process.on('message', async (m: { stop?: boolean }) => {
  if (!m.stop) return;
  await consumer.stop();
  await bus.nc.drain().catch(() => undefined);
  await db.destroy();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
