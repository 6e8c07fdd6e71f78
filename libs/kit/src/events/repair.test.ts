import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf } from '../db/database.js';
import { createLogger } from '../logger.js';
import type { Bus } from './bus.js';
import { hr } from '@backoffice/events';
import { kitEvents, testConsumer } from './contracts.fixture.js';
import { domainEvent } from './envelope.js';
import { recordEvents } from './outbox.js';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { testKeyring } from '../testing.js';
import {
  announceWatermarks,
  replayRequest,
  requestReplay,
  serveReplays,
  verifyReplayRequest,
} from './replay.js';
import { type EventsRig, openEventsRig, waitFor } from './rig.fixture.js';
import { signMessage } from './signature.js';

// The source and the consumer side: each signs as itself and trusts the other.
const keyring = testKeyring('kit', 'sink');
const sinkKeyring = testKeyring('sink', 'kit');
const log = createLogger('repair-test', (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent');
let rig: EventsRig;
let source: DataSource;
let sink: DataSource;
let bus: Bus;

beforeAll(async () => {
  const applied = class Applied1764201600002 {
    name = 'Applied1764201600002';
    async up(q: { query(s: string): Promise<unknown> }) {
      await q.query('CREATE TABLE applied (event_id text NOT NULL, seq int NOT NULL)');
    }
    async down() {}
  };
  rig = await openEventsRig('rep', log, { sink: { migrations: [applied as never] } });
  ({ source, sink, bus } = rig);
});

afterAll(() => rig?.close());

describe('replay requests', () => {
  it('are answered only when signed by the service asking, meant for this source, and fresh', () => {
    const asked = replayRequest(sinkKeyring, kitEvents.thingDone.type, 3, 5);
    const msg = (body: string, headers = asked.headers) => ({ data: Buffer.from(body), headers });
    const verify = (r: object, m = msg(asked.body), now?: number) =>
      verifyReplayRequest(keyring, 'kit', r, m, now);
    expect(verify(asked.request)).toBeUndefined();
    // Changed after signing, or claimed by another service than the one that signed.
    const widened = JSON.stringify({ ...asked.request, to: 9 });
    expect(verify({ ...asked.request, to: 9 }, msg(widened))).toMatch(/not signed/);
    const claimed = JSON.stringify({ ...asked.request, requester: 'hr' });
    expect(verify({ ...asked.request, requester: 'hr' }, msg(claimed))).toMatch(/not signed/);
    expect(verify(asked.request, msg(asked.body, natsHeaders()))).toMatch(/not signed/);
    // The gateway's key is a platform key, but the gateway is not a service that consumes events.
    const gateway = testKeyring('gateway');
    const byGateway = replayRequest(gateway, kitEvents.thingDone.type, 3, 5);
    expect(verify(byGateway.request, msg(byGateway.body, byGateway.headers))).toMatch(/not signed/);
    // Signed for another source, it is not good here; signed for this one, it covers only its events.
    const elsewhere = replayRequest(sinkKeyring, hr.employeeHired.type, 3, 5);
    expect(verify(elsewhere.request, msg(elsewhere.body, elsewhere.headers))).toMatch(/not signed/);
    const foreign = { ...asked.request, subject: hr.employeeHired.type };
    const foreignBody = JSON.stringify(foreign);
    const foreignSigned = signMessage(sinkKeyring, 'replay-request', 'kit', foreignBody);
    expect(verify(foreign, msg(foreignBody, foreignSigned))).toMatch(/not meant for kit/);
    expect(verify(asked.request, msg(asked.body), Date.now() + 60_000)).toMatch(/stale/);
    const backwards = replayRequest(sinkKeyring, kitEvents.thingDone.type, 5, 3);
    expect(verify(backwards.request, msg(backwards.body, backwards.headers))).toMatch(/range/);
    // Signed as a watermark, not as a replay request: the kind is part of what is signed.
    const asWatermark = signMessage(sinkKeyring, 'watermark', 'kit', asked.body);
    expect(verify(asked.request, msg(asked.body, asWatermark))).toMatch(/not signed/);
  });
});

describe('events the bus lost', () => {
  it('are detected as a gap in the source sequence and repaired from the outbox, once in effect', async () => {
    const relay = rig.relay(keyring);
    relay.start();
    const stopReplays = serveReplays({ service: 'kit', bus, pool: poolOf(source), keyring, log });
    for (let i = 1; i <= 5; i++) {
      await source.transaction((em) => recordEvents(em, domainEvent(kitEvents.thingDone, `t${i}`, { n: i })));
    }
    await waitFor(
      () => relay.pending(),
      (n) => n === 0,
    );
    const seqs = await source.query(`SELECT source_seq FROM outbox ORDER BY id`);
    expect(seqs.map((r: { source_seq: string }) => Number(r.source_seq))).toEqual([1, 2, 3, 4, 5]);

    // The bus loses events 2 and 3 (as an unsynced crash or a corrupted node would) before anyone reads them.
    const info = await bus.jsm.streams.info(bus.stream);
    await bus.jsm.streams.deleteMessage(bus.stream, info.state.first_seq + 1, false);
    await bus.jsm.streams.deleteMessage(bus.stream, info.state.first_seq + 2, false);

    const consumer = rig.consumer(
      sinkKeyring,
      {
        consumer: testConsumer('kit-things', kitEvents.thingDone),
        handle: async (event, { em }) => {
          await em.query('INSERT INTO applied (event_id, seq) VALUES ($1, $2)', [event.id, event.sourceseq]);
        },
      },
      { repair: { graceMs: 200, checkEveryMs: 100 } },
    );
    await consumer.start();
    const applied = await waitFor(
      () =>
        sink
          .query('SELECT seq FROM applied ORDER BY seq')
          .then((rows) => rows.map((r: { seq: number }) => r.seq)),
      (rows) => rows.length >= 5,
    );
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(consumer.replayRequests).toBeGreaterThanOrEqual(1);
    expect(
      await waitFor(
        () => consumer.gaps(),
        (g) => g.length === 0,
      ),
    ).toEqual([]);

    // A replay of a range already applied changes nothing.
    const reply = await requestReplay(bus, sinkKeyring, kitEvents.thingDone.type, 1, 5);
    expect(reply).toEqual({ republished: 5, missing: [] });
    await waitFor(
      async () => consumer.duplicates,
      (d) => d >= 5,
    );
    expect((await sink.query('SELECT count(*)::int AS n FROM applied'))[0].n).toBe(5);

    // What the outbox no longer holds (past its retention) is reported as lost for good, never skipped.
    await source.query(`DELETE FROM outbox WHERE source_seq = 2`);
    expect(await requestReplay(bus, sinkKeyring, kitEvents.thingDone.type, 1, 3)).toEqual({
      republished: 2,
      missing: [2],
    });

    await consumer.stop();
    stopReplays();
    await relay.stop();
  });

  it('reports a gap older than the retention as unrecoverable', async () => {
    const relay = rig.relay(keyring);
    relay.start();
    const stopReplays = serveReplays({ service: 'kit', bus, pool: poolOf(source), keyring, log });
    for (let i = 1; i <= 3; i++) {
      await source.transaction((em) => recordEvents(em, domainEvent(kitEvents.itemMade, `i${i}`, { n: i })));
    }
    await waitFor(
      () => relay.pending(),
      (n) => n === 0,
    );
    // Lost on the bus and already gone from the outbox: nothing can bring it back.
    const [{ seq }] = await source.query(
      `SELECT source_seq AS seq FROM outbox WHERE subject = $1 AND aggregate_id = 'i2'`,
      [kitEvents.itemMade.type],
    );
    await source.query('DELETE FROM outbox WHERE subject = $1 AND source_seq = $2', [
      kitEvents.itemMade.type,
      seq,
    ]);
    const msg = await bus.jsm.streams.getMessage(bus.stream, {
      last_by_subj: `${bus.prefix}${kitEvents.itemMade.type}`,
    });
    await bus.jsm.streams.deleteMessage(bus.stream, (msg?.seq ?? 0) - 1, false);

    const consumer = rig.consumer(
      sinkKeyring,
      { consumer: testConsumer('kit-items', kitEvents.itemMade), handle: async () => undefined },
      { repair: { graceMs: 200, checkEveryMs: 100 } },
    );
    await consumer.start();
    const gaps = await waitFor(
      () => consumer.gaps(),
      (g) => g.some((x) => x.unrecoverable !== null),
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ subject: kitEvents.itemMade.type, from: 2, to: 2 });
    expect(gaps[0].unrecoverable).toMatch(/retention/);
    await consumer.stop();
    stopReplays();
    await relay.stop();
  });

  it('detects a lost last event from the source watermark once the consumer has caught up', async () => {
    const relay = rig.relay(keyring);
    relay.start();
    const stopReplays = serveReplays({ service: 'kit', bus, pool: poolOf(source), keyring, log });
    const stopMarks = announceWatermarks({
      service: 'kit',
      bus,
      pool: poolOf(source),
      keyring,
      everyMs: 200,
      log,
    });
    for (let i = 1; i <= 3; i++) {
      await source.transaction((em) => recordEvents(em, domainEvent(kitEvents.tailMade, `x${i}`, { n: i })));
    }
    await waitFor(
      () => relay.pending(),
      (n) => n === 0,
    );
    // The newest event is lost: no later number will ever reveal it; only the watermark can.
    const last = await bus.jsm.streams.getMessage(bus.stream, {
      last_by_subj: `${bus.prefix}${kitEvents.tailMade.type}`,
    });
    await bus.jsm.streams.deleteMessage(bus.stream, last?.seq ?? 0, false);

    const seen: number[] = [];
    const consumer = rig.consumer(
      sinkKeyring,
      {
        consumer: testConsumer('kit-tail', kitEvents.tailMade),
        handle: async (event) => {
          seen.push(event.sourceseq as number);
        },
      },
      { repair: { graceMs: 200, checkEveryMs: 100 } },
    );
    await consumer.start();
    await waitFor(
      async () => seen.length,
      (n) => n >= 3,
    );
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(
      await waitFor(
        () => consumer.gaps(),
        (g) => g.length === 0,
      ),
    ).toEqual([]);
    await consumer.stop();
    stopMarks();
    stopReplays();
    await relay.stop();
  });
});
