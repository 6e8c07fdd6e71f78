import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Bus, connectBus, domainEvent } from '@backoffice/kit';
import { hr, type PayrollRunFinalizedData } from '@backoffice/events';
import {
  eventually,
  freePort,
  newTestRun,
  publishSignedEvent,
  startTestSubgraph,
  type TestRun,
} from '@backoffice/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';

/**
 * The payroll booking across a crash: the accounting process receives `payroll_run.finalized`, has the
 * journal entry written in its open transaction, and is SIGKILLed before it commits or acknowledges. A
 * new process on the same database and durable gets the event again from JetStream (after the durable's
 * ack_wait) and books the run once; a duplicate of the event after that changes nothing. (The case of a
 * process dying after its commit but before its ack is that duplicate: the inbox row drops it.)
 */

const DURABLE = 'accounting-payroll-booking';
let run: TestRun;
let bus: Bus;
let db: pg.Client;
let child: ChildProcess | undefined;

beforeAll(async () => {
  run = newTestRun();
  const url = new URL(run.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/backoffice_accounting${run.env.DATABASE_SUFFIX}`;
  bus = await connectBus({
    url: run.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    stream: run.env.EVENTS_STREAM as string,
    prefix: run.env.EVENTS_SUBJECT_PREFIX as string,
    name: 'accounting-restart-test',
  });
  // The service as its team deploys it: its own process, the run's environment.
  child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'src/main.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...run.env, ACCOUNTING_PORT: String(await freePort()) },
    stdio: 'ignore',
  });
  // Ready when its durable has a pull request waiting (the database is migrated by then).
  await eventually(
    () => bus.jsm.consumers.info(bus.stream, DURABLE).catch(() => null),
    (c) => (c?.num_waiting ?? 0) > 0,
    60_000,
  );
  // Redelivery after a lost ack in seconds rather than the default 30 s.
  await bus.jsm.consumers.update(bus.stream, DURABLE, { ack_wait: 2_000_000_000 });
  db = new pg.Client({ connectionString: url.href });
  await db.connect();
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await db?.end().catch(() => undefined);
  await bus?.nc.close();
  await run?.cleanup();
});

const payrollRun = (payrollRunId: string): PayrollRunFinalizedData => ({
  payrollRunId,
  period: '2026-04',
  bookingDate: '2026-04-30',
  currency: 'EUR',
  totals: {
    grossSalary: '5000.00',
    allowances: '50.00',
    pensionEmployee: '250.00',
    wageWithholding: '1000.00',
    netPay: '3800.00',
  },
  costCenters: [
    {
      costCenter: 'BO-100',
      grossSalary: '5000.00',
      allowances: '50.00',
      pensionEmployee: '250.00',
      wageWithholding: '1000.00',
      netPay: '3800.00',
    },
  ],
  finalizedBy: 'user-payroll',
});

const booked = async (runId: string) =>
  (
    await db.query(
      `SELECT e.id, e.status, e.number, sum(l.debit)::text AS debit, sum(l.credit)::text AS credit
         FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
        WHERE e.source = 'PAYROLL' AND e.source_id = $1 GROUP BY e.id`,
      [runId],
    )
  ).rows;

describe('payroll booking across a restart', () => {
  it('books the run exactly once when the process dies mid-transaction, and again once after a duplicate', async () => {
    const runId = crypto.randomUUID();
    const event = domainEvent(hr.payrollRunFinalized, runId, payrollRun(runId), {
      userId: 'user-payroll',
    });
    const publish = (msgID: string) => publishSignedEvent(bus, event, { msgID });

    // Hold the process inside its transaction: the event is taken in, the entry's lines wait on this lock.
    await db.query('BEGIN');
    await db.query('LOCK TABLE journal_line IN SHARE MODE');
    await publish(event.id);
    const [stuck] = await eventually(
      async () =>
        // pg_locks, not pg_stat_activity: that one is a snapshot taken once per transaction.
        (
          await db.query(
            `SELECT pid FROM pg_locks
              WHERE relation = 'journal_line'::regclass AND mode = 'RowExclusiveLock' AND NOT granted`,
          )
        ).rows,
      (rows) => rows.length === 1,
      30_000,
    );
    expect(stuck, 'the process never reached the lock').toBeDefined();

    // The crash: no commit, no ack. Its server session finishes the statement once the lock goes and,
    // finding its client gone, rolls back.
    const exited = once(child as ChildProcess, 'exit');
    child?.kill('SIGKILL');
    await exited;
    await db.query('ROLLBACK');
    await eventually(
      async () => (await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [stuck.pid])).rowCount,
      (n) => n === 0,
      30_000,
    );
    expect(await booked(runId)).toEqual([]);
    expect((await db.query('SELECT 1 FROM inbox WHERE event_id = $1', [event.id])).rowCount).toBe(0);
    const unacked = await bus.jsm.consumers.info(bus.stream, DURABLE);
    expect(unacked.num_ack_pending).toBe(1);

    // The new process: same database, same durable. The event comes back once the durable's ack_wait
    // has passed and the killed process's outstanding pull requests have expired (about 30 s): until
    // then JetStream hands the redelivery to a client that is gone.
    await startTestSubgraph(run, accountingSubgraph);
    const [entry] = await eventually(
      () => booked(runId),
      (rows) => rows.length > 0,
      90_000,
    );
    expect(entry).toMatchObject({ status: 'POSTED', debit: '5050.00', credit: '5050.00' });
    expect(entry.number).toMatch(/^2026-\d{6}$/);

    // And the event once more, as a redelivery past JetStream's de-duplication would bring it.
    await publish(`${event.id}-again`);
    const drained = await eventually(
      () => bus.jsm.consumers.info(bus.stream, DURABLE),
      (c) => c.delivered.stream_seq >= 2 && c.num_pending === 0 && c.num_ack_pending === 0,
      30_000,
    );
    // Three deliveries of two messages: the first one went to the killed process and came back.
    expect(drained.delivered.consumer_seq).toBeGreaterThanOrEqual(3);
    expect(await booked(runId)).toEqual([entry]);
    expect(
      (await db.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [event.id])).rows,
    ).toEqual([{ n: 1 }]);
    // Booked by the person who finalized the run, never a system user nobody can be held to.
    expect((await db.query('SELECT author FROM journal_entry WHERE id = $1', [entry.id])).rows).toEqual([
      { author: 'user-payroll' },
    ]);
  }, 180_000);
});
