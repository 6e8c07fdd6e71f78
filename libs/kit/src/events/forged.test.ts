import { randomBytes } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf } from '../db/database.js';
import { createLogger } from '../logger.js';
import { publishSignedBody, publishSignedEvent, testKeyring } from '../testing.js';
import type { Bus } from './bus.js';
import { EventConsumer } from './consumer.js';
import { oneOf } from '@backoffice/events';
import { kitEvents, strangerEvents, testConsumer } from './contracts.fixture.js';
import { domainEvent } from './envelope.js';
import {
  UnsignedReplyError,
  replayRequest,
  replaySubject,
  requestReplay,
  serveReplays,
  watermarkSubject,
} from './replay.js';
import { type EventsRig, openEventsRig, waitFor } from './rig.fixture.js';
import { SIGNATURE_HEADER, signMessage } from './signature.js';

/**
 * Messages that claim to come from `kit` without its key: every one is refused before it can change
 * anything, and what it claimed (an event id, a sequence number) cannot get in the way of the real one.
 */
const log = createLogger('forged-test', 'silent');
const kit = testKeyring('kit', 'sink', 'other');
const other = testKeyring('other', 'kit', 'sink');
const sink = testKeyring('sink', 'kit', 'other');
let rig: EventsRig;
let db: DataSource;
let sourceDbHandle: DataSource;
let bus: Bus;

beforeAll(async () => {
  const applied = class Applied1764201600003 {
    name = 'Applied1764201600003';
    async up(q: { query(s: string): Promise<unknown> }) {
      await q.query(
        'CREATE TABLE applied (event_id text NOT NULL, producer text NOT NULL, kid text NOT NULL)',
      );
    }
    async down() {}
  };
  rig = await openEventsRig('forged', log, { sink: { migrations: [applied as never] } });
  ({ sink: db, source: sourceDbHandle, bus } = rig);
});

afterAll(() => rig?.close());

describe('a consumer', () => {
  it('parks every event its producer did not sign, and the real one with the same id still applies', async () => {
    const genuine = { ...domainEvent(kitEvents.greetingSaid, 'g1', { text: 'hello' }), sourceseq: 1 };
    const type = genuine.type;
    // Each forgery carries the genuine event's id and a number far ahead, to block it or open a false gap.
    const forged = { ...genuine, sourceseq: 99, data: { text: 'forged' } };
    const body = JSON.stringify(forged);
    const sent = async (subject: string, text: string, headers = natsHeaders()) =>
      bus.js.publish(`${bus.prefix}${subject}`, text, { msgID: randomBytes(8).toString('hex'), headers });
    const signedBody = signMessage(kit, 'event', type, body);
    const garbage = natsHeaders();
    garbage.set(SIGNATURE_HEADER, `${kit.kid}.${'A'.repeat(86)}`);
    await sent(type, body); // (a) no signature
    await sent(type, body, garbage); // (b) a garbage signature under kit's key id
    await publishSignedBody(bus, type, body, { keyring: other, msgID: 'other' }); // (c) another service's key
    await sent(type, JSON.stringify({ ...forged, data: { text: 'altered' } }), signedBody); // (d) altered after signing
    await sent(kitEvents.greetingWaved.type, body, signedBody); // a signed event moved to another subject
    const lying = JSON.stringify({ ...forged, source: '/backoffice/other' }); // kit's key, other's name
    await sent(type, lying, signMessage(kit, 'event', type, lying));
    const retyped = JSON.stringify(forged); // signed for the subject it is on, but its type says otherwise
    await sent(
      kitEvents.greetingWaved.type,
      retyped,
      signMessage(kit, 'event', kitEvents.greetingWaved.type, retyped),
    );

    const consumer = new EventConsumer({
      bus,
      dataSource: db,
      log,
      keyring: sink,
      handler: {
        consumer: testConsumer('sink-greetings', oneOf(kitEvents.greetingSaid, kitEvents.greetingWaved)),
        handle: async (event, { em, producer }) => {
          await em.query('INSERT INTO applied (event_id, producer, kid) VALUES ($1, $2, $3)', [
            event.id,
            producer.service,
            producer.kid,
          ]);
        },
      },
    });
    await consumer.start();
    const parked: { event_id: string; error: string; deliveries: number }[] = await waitFor(
      () => db.query('SELECT event_id, error, deliveries FROM dead_letter ORDER BY id'),
      (rows) => rows.length >= 7,
    );
    expect(parked.map((p) => p.error)).toEqual([
      'refused: no signature from kit',
      'refused: no valid signature from kit',
      'refused: no valid signature from kit (signed by other)',
      'refused: no valid signature from kit',
      'refused: no valid signature from kit',
      "refused: source /backoffice/other on kit's subject",
      `refused: type ${kitEvents.greetingSaid.type} published on ${kitEvents.greetingWaved.type}`,
    ]);
    // Parked at the first delivery, with the id they claimed, for the operator to see.
    expect(parked.every((p) => p.deliveries === 1 && p.event_id === genuine.id)).toBe(true);
    expect(await db.query('SELECT * FROM applied')).toEqual([]);
    expect(await db.query('SELECT * FROM inbox')).toEqual([]);
    expect(await db.query('SELECT * FROM consumer_sequence')).toEqual([]);
    expect(consumer.refused).toBe(7);
    expect(consumer.refusals.entries()).toEqual(
      expect.arrayContaining([
        { kind: 'event', reason: 'unsigned', count: 1 },
        { kind: 'event', reason: 'signature', count: 4 },
        { kind: 'event', reason: 'source', count: 1 },
        { kind: 'event', reason: 'type', count: 1 },
      ]),
    );

    await publishSignedEvent(bus, genuine, { keyring: kit, msgID: 'genuine' });
    const applied = await waitFor(
      () => db.query('SELECT event_id, producer, kid FROM applied'),
      (rows) => rows.length >= 1,
    );
    expect(applied).toEqual([{ event_id: genuine.id, producer: 'kit', kid: kit.kid }]);
    expect(await consumer.gaps()).toEqual([]);
    await consumer.stop();
  });

  it('ignores watermarks not signed by their source', async () => {
    const consumer = new EventConsumer({
      bus,
      dataSource: db,
      log,
      keyring: sink,
      repair: { graceMs: 60_000, checkEveryMs: 60_000 },
      handler: { consumer: testConsumer('sink-tail', kitEvents.tailMade), handle: async () => undefined },
    });
    await consumer.start();
    const subject = watermarkSubject(bus.prefix, 'kit');
    const mark = (n: number, source = 'kit') =>
      JSON.stringify({ source, subjects: { [kitEvents.tailMade.type]: n } });
    const huge = mark(9_000_000_000);
    bus.nc.publish(subject, huge);
    bus.nc.publish(subject, huge, { headers: signMessage(other, 'watermark', 'kit', huge) });
    // kit's own key, but numbers for another source's events.
    const foreign = JSON.stringify({
      source: 'kit',
      subjects: { [strangerEvents.otherTailMade.type]: 9_000_000_000 },
    });
    bus.nc.publish(subject, foreign, { headers: signMessage(kit, 'watermark', 'kit', foreign) });
    const asEvent = signMessage(kit, 'event', 'kit', huge);
    bus.nc.publish(subject, huge, { headers: asEvent });
    const honest = mark(1);
    bus.nc.publish(subject, honest, { headers: signMessage(kit, 'watermark', 'kit', honest) });
    const known = await waitFor(
      () => db.query(`SELECT known_max::int AS n FROM consumer_sequence WHERE consumer = 'sink-tail'`),
      (rows) => rows.length > 0,
    );
    expect(known).toEqual([{ n: 1 }]);
    expect(consumer.refusals.entries()).toEqual([{ kind: 'watermark', reason: 'signature', count: 4 }]);
    await consumer.stop();
  });
});

describe('replays', () => {
  it('answer only requests signed by a service, once, and count only replies signed by the source', async () => {
    const stop = serveReplays({ service: 'kit', bus, pool: poolOf(sourceDbHandle), keyring: kit, log });
    const ask = async (body: string, headers = natsHeaders()) => {
      const reply = await bus.nc.request(replaySubject(bus.prefix, 'kit'), body, { timeout: 5_000, headers });
      return JSON.parse(reply.string()).error as string | undefined;
    };
    const asked = replayRequest(sink, kitEvents.thingDone.type, 1, 2);
    expect(await ask(asked.body)).toMatch(/not signed by a platform service/);
    expect(await ask(asked.body, asked.headers)).toBeUndefined();
    // The same request seen on the wire and sent again.
    expect(await ask(asked.body, asked.headers)).toMatch(/already answered/);
    expect(await requestReplay(bus, sink, kitEvents.thingDone.type, 1, 2)).toEqual({
      republished: 0,
      missing: [1, 2],
    });
    stop();

    // Someone answers in the name of a source it is not.
    const impostor = bus.nc.subscribe(replaySubject(bus.prefix, 'ghost'), {
      callback: (_e, msg) => {
        const reply = JSON.stringify({ republished: 0, missing: [1, 2, 3] });
        msg.respond(reply, { headers: signMessage(other, 'replay-reply', '', reply) });
      },
    });
    await expect(requestReplay(bus, sink, strangerEvents.ghostThingDone.type, 1, 3)).rejects.toThrow(
      UnsignedReplyError,
    );
    impostor.unsubscribe();
  });
});
