import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countLedger, HIRED, scenarioTable, settled } from './support/ledger.js';
import { natsConnection } from './support/nats.js';
import { type Rig, startRig, waitUntil } from './support/rig.js';
import { freePort, publishSignedBody } from '@backoffice/testkit';

/**
 * The consumer side: it applies `employee.hired` at least once from a durable pull consumer and
 * exactly once in effect through its inbox, whether a process dies mid-batch or two replicas
 * share the durable.
 */
let rig: Rig;
let bus: Awaited<ReturnType<typeof natsConnection>>;
const table = scenarioTable(inject('reliabilityResults'));
const DURABLE = 'it-onboarding';

beforeAll(async () => {
  rig = await startRig({ label: 'consumer', ownNats: true });
  bus = await natsConnection(rig.env.NATS_URL, 'reliability-test', rig.natsOps);
});

afterAll(async () => {
  table.flush();
  await bus?.nc.close();
  await rig?.cleanup();
});

const durable = () => bus.jsm.consumers.info(rig.env.EVENTS_STREAM, DURABLE);
const inboxRows = async () =>
  (
    await rig.db.it.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox WHERE consumer = $1`, [
      DURABLE,
    ])
  ).rows[0].n;

describe('consumer crashes and replicas', () => {
  it('2. it SIGKILLed while applying a burst: redeliveries are absorbed, one ticket per hire', async () => {
    const burst = rig.hire(60, 'Burst', { concurrency: 6 });
    // Kill it mid-flow: some events applied and acked, some applied in a batch whose acks never left.
    const seen = await waitUntil(inboxRows, (n) => n >= 5, 20_000, 20);
    await rig.kill('it');
    const { ids, failures } = await burst;
    expect(failures).toEqual([]);
    expect(seen).toBeLessThan(60);
    await rig.startService('it');

    // The kill may or may not land between a batch's commit and its acks; make that window certain
    // by redelivering every event it has applied (same event id, new message id), as NATS would.
    await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, ids.length),
      60_000,
    );
    const outbox = await rig.db.hr.query<{ event_id: string; payload: unknown }>(
      'SELECT event_id, payload FROM outbox WHERE subject = $1 AND aggregate_id = ANY($2)',
      [HIRED, ids],
    );
    for (const row of outbox.rows) {
      await publishSignedBody(
        { js: bus.js, prefix: rig.env.EVENTS_SUBJECT_PREFIX },
        HIRED,
        JSON.stringify(row.payload),
        {
          msgID: `${row.event_id}-redelivered`,
        },
      );
    }
    // Messages handed to the killed process come back only after the durable's ack_wait (30 s).
    const drained = await waitUntil(durable, (c) => c.num_pending === 0 && c.num_ack_pending === 0, 45_000);
    const after = await countLedger(rig.db, ids);
    table.add({
      scenario: '2 it killed mid-burst',
      ...after,
      // Every delivery to the durable has a consumer sequence; beyond one per message they are redeliveries.
      notes: `killed after ${seen} applied; ${drained.delivered.consumer_seq - 60 - (outbox.rowCount ?? 0)} redelivered by NATS after the kill + ${outbox.rowCount} re-sent, all absorbed`,
    });
    expect(drained.num_pending + drained.num_ack_pending).toBe(0);
    expect(await inboxRows()).toBe(60);
    expect(settled(after, 60)).toBe(true);
    expect(after.applied).toBe(60);
    expect(after.duplicated).toBe(0);
    expect(after.lost).toBe(0);
  }, 180_000);

  it('7. two it replicas on one database and durable: each event applied once in total', async () => {
    await rig.startService('it', await freePort());
    // Both processes pull from the same durable.
    const pulling = await waitUntil(durable, (c) => c.num_waiting >= 2, 10_000);
    const before = await inboxRows();
    const { ids, failures } = await rig.hire(80, 'Replica', { concurrency: 8 });
    expect(failures).toEqual([]);
    const after = await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, ids.length),
      30_000,
    );
    table.add({
      scenario: '7 two it replicas',
      ...after,
      notes: `${pulling.num_waiting} pull requests on the durable before the burst (2 replicas)`,
    });
    expect(pulling.num_waiting).toBeGreaterThanOrEqual(2);
    expect((await inboxRows()) - before).toBe(80);
    expect(settled(after, 80)).toBe(true);
    expect(after.applied).toBe(80);
    expect(after.duplicated).toBe(0);
    expect(after.lost).toBe(0);
  }, 90_000);
});
