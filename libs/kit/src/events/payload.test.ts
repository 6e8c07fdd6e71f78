import { allEvents, oneOf } from '@backoffice/events';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { publishSignedEvent, testKeyring } from '../testing.js';
import type { Bus } from './bus.js';
import { kitEvents, testConsumer } from './contracts.fixture.js';
import { domainEvent } from './envelope.js';
import { checkPayload } from './payload.js';
import { type EventsRig, openEventsRig, waitFor } from './rig.fixture.js';

const log = createLogger('kit-test', 'silent');
const keyring = testKeyring('kit');
const greetings = oneOf(kitEvents.greetingSaid, kitEvents.greetingWaved);

describe('a payload checked against its contract', () => {
  it('fits with fields the contract does not know yet, and names what is missing or mistyped', () => {
    const said = (data: unknown) => ({ ...domainEvent(kitEvents.greetingSaid, 'g', { text: '' }), data });
    expect(checkPayload(greetings, said({ text: 'hi', language: 'nl' }))).toEqual({ verdict: 'handle' });
    expect(checkPayload(greetings, said({ txt: 'hi' }))).toEqual({
      verdict: 'mismatch',
      error: `payload does not match ${kitEvents.greetingSaid.type}: text: Invalid input: expected string, received undefined`,
    });
    expect(checkPayload(greetings, said(null))).toMatchObject({ verdict: 'mismatch' });
    // An event the filter brings but the consumer does not read, and a consumer of every event.
    const tally = domainEvent(kitEvents.tallyReset, 't', { i: 1 });
    expect(checkPayload(greetings, tally)).toEqual({ verdict: 'skip' });
    expect(checkPayload(allEvents, said(42))).toEqual({ verdict: 'handle' });
  });

  it('is checked by the compiler where the event is built', () => {
    // @ts-expect-error a producer cannot send a payload its contract does not describe
    domainEvent(kitEvents.greetingSaid, 'g', { txt: 'hi' });
    // @ts-expect-error nor one of another event
    domainEvent(kitEvents.greetingSaid, 'g', { i: 1 });
    expect(domainEvent(kitEvents.greetingSaid, 'g', { text: 'hi' }).type).toBe(kitEvents.greetingSaid.type);
  });
});

describe('a consumer given a payload that does not match its contract', () => {
  let rig: EventsRig;
  let sink: DataSource;
  let bus: Bus;

  beforeAll(async () => {
    const applied = class AppliedTable1764201600002 {
      name = 'AppliedTable1764201600002';
      async up(q: { query(sql: string): Promise<unknown> }) {
        await q.query('CREATE TABLE applied (event_id text NOT NULL, text text NOT NULL)');
      }
      async down() {}
    };
    rig = await openEventsRig('payload', log, { sink: { migrations: [applied as never] } });
    ({ sink, bus } = rig);
  });

  afterAll(() => rig?.close());

  it('parks it at once with the reason and applies the events after it', async () => {
    const wrong = { ...domainEvent(kitEvents.greetingSaid, 'g1', { text: '' }), data: { words: 3 } };
    const right = domainEvent(kitEvents.greetingSaid, 'g2', { text: 'hello' });
    // One at a time (the careful path) and in one batch: both park the wrong one and apply the right one.
    for (const [i, e] of [wrong, right].entries())
      await publishSignedEvent(bus, { ...e, sourceseq: i + 1 }, { keyring });
    const consumer = rig.consumer(keyring, {
      consumer: testConsumer('kit-payloads', greetings),
      handle: async (event, { em }) => {
        await em.query('INSERT INTO applied (event_id, text) VALUES ($1, $2)', [event.id, event.data.text]);
      },
    });
    await consumer.start();
    const applied = await waitFor(
      () => sink.query('SELECT event_id, text FROM applied'),
      (rows) => rows.length >= 1,
    );
    await consumer.stop();
    expect(applied).toEqual([{ event_id: right.id, text: 'hello' }]);
    const parked = await sink.query('SELECT event_id, error, deliveries FROM dead_letter');
    expect(parked).toEqual([
      {
        event_id: wrong.id,
        error: `payload does not match ${kitEvents.greetingSaid.type}: text: Invalid input: expected string, received undefined`,
        deliveries: 1,
      },
    ]);
    expect(consumer.parked).toBe(1);
    // No inbox row (a fixed contract can apply it on replay), but its number counts: no gap to repair.
    expect(await sink.query('SELECT event_id FROM inbox ORDER BY event_id')).toEqual([
      { event_id: right.id },
    ]);
    expect(await consumer.gaps()).toEqual([]);
  });
});
