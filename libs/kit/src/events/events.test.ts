import { AckPolicy } from '@nats-io/jetstream';
import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataSource } from 'typeorm';
import { createLogger } from '../logger.js';
import type { Bus } from './bus.js';
import { oneOf } from '@backoffice/events';
import { kitEvents, testConsumer } from './contracts.fixture.js';
import { domainEvent } from './envelope.js';
import { recordEvents } from './outbox.js';
import { advance } from './sequence.js';
import { publishSignedEvent, testKeyring } from '../testing.js';
import { type EventsRig, openEventsRig, waitFor } from './rig.fixture.js';
import { checkSignature } from './signature.js';

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

const log = createLogger('kit-test', 'silent');
const keyring = testKeyring('kit');
let rig: EventsRig;
let source: DataSource;
let sink: DataSource;
let bus: Bus;

beforeAll(async () => {
  const schema = { entities: [Greeting], migrations: [GreetingTable1764201600001] };
  rig = await openEventsRig('kit', log, { source: schema, sink: schema });
  ({ source, sink, bus } = rig);
});

afterAll(() => rig?.close());

describe('outbox -> relay -> JetStream -> consumer', () => {
  it('delivers every committed event once in effect, drops rolled-back ones, and parks poison', async () => {
    const relay = rig.relay(keyring);
    relay.start();
    const consumer = rig.consumer(
      keyring,
      {
        consumer: testConsumer('kit-greetings', oneOf(kitEvents.greetingSaid, kitEvents.greetingWaved)),
        handle: async (event, { em }) => {
          if ((event.data as { text: string }).text === 'poison') throw new Error('cannot greet poison');
          await em.query('INSERT INTO applied (event_id, n) VALUES ($1, 1)', [event.id]);
        },
      },
      { maxDeliveries: 2 },
    );
    await consumer.start();

    // 20 committed in one transaction each, one rolled back.
    for (let i = 0; i < 20; i++) {
      await source.transaction(async (em) => {
        await em.save(Greeting, { id: `g${i}`, text: `hello ${i}` });
        await recordEvents(
          em,
          domainEvent(kitEvents.greetingSaid, `g${i}`, { text: `hello ${i}` }, { userId: 'u1' }),
        );
      });
    }
    await expect(
      source.transaction(async (em) => {
        await recordEvents(em, domainEvent(kitEvents.greetingSaid, 'gx', { text: 'never' }));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await source.transaction((em) =>
      recordEvents(em, domainEvent(kitEvents.greetingSaid, 'p', { text: 'poison' })),
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
    await publishSignedEvent(bus, row.payload, { keyring, msgID: `${row.payload.id}-again` });
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

describe('the relay', () => {
  it('numbers each type gaplessly in commit-id order across the chunks of a round, as published', async () => {
    const relay = rig.relay(keyring, { claimSize: 7, chunkSize: 3 });
    // Two types interleaved, so every chunk carries on the numbers the previous one handed out.
    await source.transaction((em) =>
      recordEvents(
        em,
        ...Array.from({ length: 10 }, (_, i) =>
          domainEvent(i % 3 === 0 ? kitEvents.tallyReset : kitEvents.tallyCounted, `t${i}`, { i }),
        ),
      ),
    );
    expect(await relay.relayOnce(7)).toBe(7);
    expect(await relay.relayOnce(7)).toBe(3);
    expect(await relay.relayOnce(7)).toBe(0);

    const tallies = [kitEvents.tallyReset.type, kitEvents.tallyCounted.type];
    const rows: { subject: string; source_seq: string; event_id: string }[] = await source.query(
      'SELECT subject, source_seq, event_id FROM outbox WHERE subject = ANY($1) ORDER BY id',
      [tallies],
    );
    const numbers = (subject: string) =>
      rows.filter((r) => r.subject === subject).map((r) => Number(r.source_seq));
    expect(numbers(kitEvents.tallyReset.type)).toEqual([1, 2, 3, 4]);
    expect(numbers(kitEvents.tallyCounted.type)).toEqual([1, 2, 3, 4, 5, 6]);
    const counters = await source.query(
      'SELECT subject, last_seq::int AS n FROM outbox_sequence WHERE subject = ANY($1) ORDER BY subject',
      [tallies],
    );
    expect(counters).toEqual([
      { subject: kitEvents.tallyCounted.type, n: 6 },
      { subject: kitEvents.tallyReset.type, n: 4 },
    ]);

    // A single filter subject: nats-server 2.9 knows no filter_subjects.
    await bus.jsm.consumers.add(bus.stream, {
      durable_name: 'kit-tally-reader',
      ack_policy: AckPolicy.None,
      filter_subject: `${bus.prefix}${oneOf(kitEvents.tallyReset, kitEvents.tallyCounted).subject}`,
    });
    const reader = await bus.js.consumers.get(bus.stream, 'kit-tally-reader');
    const published: { id: string; sourceseq: number }[] = [];
    const signed: boolean[] = [];
    for await (const m of await reader.fetch({ max_messages: 10, expires: 5_000 })) {
      published.push(m.json());
      // Signed by the relay over the very bytes sent, `sourceseq` included.
      const type = m.subject.slice(bus.prefix.length);
      signed.push(checkSignature(keyring, 'kit', 'event', type, m.data, m.headers).ok);
      if (published.length === 10) break;
    }
    expect(signed).toEqual(Array(10).fill(true));
    expect(published.map((e) => [e.id, e.sourceseq])).toEqual(
      rows.map((r) => [r.event_id, Number(r.source_seq)]),
    );
  });
});

describe('the consumer’s sequence progress', () => {
  it('advances per type as `advance` does, whatever order and repeats the numbers arrive in', async () => {
    const sent: [string, number][] = [
      ['made', 1],
      ['made', 3],
      ['made', 3],
      ['kept', 2],
      ['made', 2],
      ['made', 6],
      ['made', 5],
      ['made', 9],
      ['made', 0],
    ];
    // Published before the consumer starts, so they arrive together and take the batch path.
    for (const [verb, seq] of sent) {
      const event = {
        ...domainEvent(verb === 'made' ? kitEvents.countMade : kitEvents.countKept, 'c1', { seq }),
        sourceseq: seq,
      };
      await publishSignedEvent(bus, event, { keyring });
    }
    const consumer = rig.consumer(keyring, {
      consumer: testConsumer('kit-counts', oneOf(kitEvents.countMade, kitEvents.countKept)),
      handle: async () => undefined,
      handleBatch: async () => undefined,
    });
    await consumer.start();
    await waitFor(
      async () => consumer.applied,
      (n) => n >= sent.length,
    );
    await consumer.stop();
    // Every event went through the batch statement, not the careful path one at a time.
    expect(consumer.timings.events).toBe(sent.length);

    const expected = (verb: string) =>
      sent
        .filter(([v]) => v === verb)
        .reduce((p, [, seq]) => advance(p, seq), { contiguous: 0, above: [] as number[] });
    const rows: { subject: string; contiguous: string; above: string[] }[] = await sink.query(
      `SELECT subject, contiguous, above FROM consumer_sequence WHERE consumer = 'kit-counts' ORDER BY subject`,
    );
    expect(
      rows.map((r) => [r.subject, { contiguous: Number(r.contiguous), above: r.above.map(Number) }]),
    ).toEqual([
      [kitEvents.countKept.type, expected('kept')],
      [kitEvents.countMade.type, expected('made')],
    ]);
    expect(expected('made')).toEqual({ contiguous: 3, above: [5, 6, 9] });
    expect((await consumer.gaps()).map(({ subject, from, to }) => [subject, from, to])).toEqual(
      expect.arrayContaining([
        [kitEvents.countMade.type, 4, 4],
        [kitEvents.countMade.type, 7, 8],
        [kitEvents.countKept.type, 1, 1],
      ]),
    );
  });
});
