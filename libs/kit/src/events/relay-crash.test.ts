import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLogger } from '../logger.js';
import { testKeyring } from '../testing.js';
import { kitEvents, testConsumer } from './contracts.fixture.js';
import { domainEvent } from './envelope.js';
import { recordEvents } from './outbox.js';
import { type EventsRig, openEventsRig, waitFor } from './rig.fixture.js';

/**
 * The relay dying between publish and mark (or Postgres losing the relay's commit, which
 * `synchronous_commit = off` allows): the events were published and the consumer applied them, but the
 * outbox still says unsent. The next round publishes them again with the same numbers; the consumer's
 * inbox drops every one, and each aggregate's events are applied once, in the order they were committed.
 */

class AppliedTable1764201600002 implements MigrationInterface {
  name = 'AppliedTable1764201600002';
  async up(q: QueryRunner) {
    await q.query(
      'CREATE TABLE applied (seq bigserial PRIMARY KEY, aggregate text NOT NULL, n int NOT NULL)',
    );
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE applied');
  }
}

/** The first `times` marks fail after their chunk was published: a crash before the mark commits. */
class MarkFault1764201600003 implements MigrationInterface {
  name = 'MarkFault1764201600003';
  async up(q: QueryRunner) {
    await q.query('CREATE SEQUENCE mark_attempt');
    await q.query('CREATE TABLE mark_fault (times int NOT NULL)');
    await q.query('INSERT INTO mark_fault VALUES (0)');
    await q.query(`
      CREATE FUNCTION fail_mark() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.sent_at IS NOT NULL AND OLD.sent_at IS NULL
           AND nextval('mark_attempt') <= (SELECT times FROM mark_fault) THEN
          RAISE EXCEPTION 'relay crashed between publish and mark';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      'CREATE TRIGGER fail_mark BEFORE UPDATE ON outbox FOR EACH ROW EXECUTE FUNCTION fail_mark()',
    );
  }
  async down(q: QueryRunner) {
    await q.query('DROP TRIGGER fail_mark ON outbox');
    await q.query('DROP FUNCTION fail_mark');
    await q.query('DROP TABLE mark_fault');
    await q.query('DROP SEQUENCE mark_attempt');
  }
}

const log = createLogger('kit-test', 'silent');
const keyring = testKeyring('kit');
let rig: EventsRig;

beforeAll(async () => {
  rig = await openEventsRig('relaycrash', log, {
    source: { migrations: [MarkFault1764201600003] },
    sink: { migrations: [AppliedTable1764201600002] },
  });
  // A duplicate window shorter than the test, so the re-publish reaches the consumer as it would after
  // a relay that stayed down longer than the production window (2 minutes): the inbox must drop it.
  const info = await rig.bus.jsm.streams.info(rig.bus.stream);
  await rig.bus.jsm.streams.update(rig.bus.stream, { ...info.config, duplicate_window: 100_000_000 });
});

afterAll(() => rig?.close());

describe('a crash between publish and mark', () => {
  it('re-publishes the same events with the same numbers, and the inbox applies each once, in order', async () => {
    const { source, sink } = rig;
    const consumer = rig.consumer(keyring, {
      consumer: testConsumer('kit-items', kitEvents.itemMade),
      handle: async (event, { em }) => {
        await em.query('INSERT INTO applied (aggregate, n) VALUES ($1, $2)', [event.subject, event.data.n]);
      },
    });
    await consumer.start();
    const relay = rig.relay(keyring, { chunkSize: 7 });

    // Three aggregates, 30 events each, interleaved over 45 transactions.
    const aggregates = ['a0', 'a1', 'a2'];
    for (let t = 0; t < 45; t++) {
      await source.transaction((em) =>
        recordEvents(
          em,
          ...[0, 1].map((k) => {
            const i = t * 2 + k;
            return domainEvent(kitEvents.itemMade, aggregates[i % 3], { n: Math.floor(i / 3) });
          }),
        ),
      );
    }

    // The first round's first mark fails after its chunk went out; the round is rolled back whole.
    await source.query('UPDATE mark_fault SET times = 1');
    await expect(relay.relayOnce(20)).rejects.toThrow(/between publish and mark/);
    expect(await relay.pending()).toBe(90);
    await waitFor(
      async () => consumer.applied,
      (n) => n >= 14,
    );
    const firstTime = consumer.applied;
    expect(firstTime).toBe(14);
    await new Promise((r) => setTimeout(r, 300)); // past the duplicate window

    relay.start();
    await waitFor(
      async () => consumer.applied + consumer.duplicates,
      (n) => n >= 90 + firstTime,
    );
    await relay.stop();
    await consumer.stop();

    expect(consumer.duplicates).toBe(firstTime);
    expect(consumer.applied).toBe(90);
    const applied: { aggregate: string; n: number }[] = await sink.query(
      'SELECT aggregate, n FROM applied ORDER BY seq',
    );
    for (const a of aggregates) {
      expect(applied.filter((r) => r.aggregate === a).map((r) => r.n)).toEqual(
        Array.from({ length: 30 }, (_, n) => n),
      );
    }
    // Numbered once: the re-published events kept their numbers, so the consumer sees no hole.
    const [{ last }] = await source.query(
      `SELECT last_seq::int AS last FROM outbox_sequence WHERE subject = '${kitEvents.itemMade.type}'`,
    );
    expect(last).toBe(90);
    expect(await consumer.gaps()).toEqual([]);
  });
});
