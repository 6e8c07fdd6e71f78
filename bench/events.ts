/**
 * The event pipeline against the bare bus, with the same client library and stream settings:
 *   (a) raw JetStream: async publish, pipelined (1,024 acks outstanding), unique Nats-Msg-Id; then a
 *       durable pull consumer acking each message, on the same payload;
 *   (b) ours: a writer commits state + outbox rows in one Postgres transaction (recordEvents) -> the
 *       kit's OutboxRelay -> JetStream -> the kit's EventConsumer in another process -> effect row and
 *       inbox row committed. Writers with 1 and with 50 events per transaction.
 * Reports events/s sustained (first commit to last applied), then commit-to-applied latency p50/p99
 * at 25 %, 50 % and 90 % of the measured maximum (open-loop writers at a fixed rate).
 * Also prints where the relay's and the consumer's time went per 1,000 events (50 events/tx runs).
 * Side by side in the same run, with the relay's settings before issue 26 (each event signed alone,
 * the relay's commit synchronous): 50 events/tx throughput, and p99 at 1 event/tx and half load.
 * Headlines: `ratio: events=` (50 events/tx ÷ raw publish) and `ratio: events_p99_vs_target=`
 * (p99 commit-to-applied at 1 event/tx and 50 % of our maximum ÷ 50 ms), medians of the runs.
 *   pnpm bench:events [--duration 10] [--runs 3] [--writers 8] [--per-event-effect] [--smoke]
 * --per-event-effect: the consumer writes its effect with one statement per event (`handle`)
 * instead of one set-wise statement per batch (`handleBatch`).
 * Own databases and stream per run, dropped and deleted at the end. Pinning: this process (writers
 * and relay) on CPU 1, the consumer process on CPU 0, Postgres and NATS unpinned.
 */
import { benchEvents, benchRawSubject } from '@backoffice/events/testing';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  type ConsumerTimings,
  connectBus,
  createLogger,
  databaseUrl,
  domainEvent,
  OutboxRelay,
  type RelayOptions,
  openDatabase,
  poolOf,
  recordEvents,
} from '@backoffice/kit';
import { deleteTestStream, dropTestDatabases, testEnv, testKeyring, uniqueRunId } from '@backoffice/testkit';
import { floorBench } from './lib/events-floor.js';
import { accounting, cpuSampler, latencyTable, newSpent, phaseTable } from './lib/events-phases.js';
import { rawJetStream } from './lib/events-raw.js';
import { argNumber, hasFlag, median, onSchedule, percentile, pin, printTable } from './lib/load.js';
import { writeResult } from './lib/report.js';

const SMOKE = hasFlag('smoke');
const DURATION = argNumber('duration', SMOKE ? 2 : 10);
const RUNS = argNumber('runs', SMOKE ? 1 : 3);
const WRITERS = argNumber('writers', 8);
const PER_EVENT_EFFECT = hasFlag('per-event-effect');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const require = createRequire(import.meta.url);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const P99_TARGET_MS = 50;
const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadAtStart = loadNow();

const runId = uniqueRunId();
const env = testEnv(runId);
const log = createLogger('bench-events', 'warn');
const sourceDb = `backoffice_benchsource_t${runId}`;
const targetDb = `backoffice_benchtarget_t${runId}`;

/** The event every path carries: the same envelope and size. */
const event = (i: number) =>
  domainEvent(
    benchEvents.itemCreated,
    `item-${i}`,
    { itemId: `item-${i}`, amount: '1234.56', note: 'x'.repeat(200) },
    {
      userId: 'bench-writer',
    },
  );
const payloadBytes = Buffer.byteLength(JSON.stringify({ ...event(0), sourceseq: 1 }));

const bus = await connectBus({
  url: natsUrl,
  stream: env.EVENTS_STREAM,
  prefix: env.EVENTS_SUBJECT_PREFIX,
  name: 'bench',
});
const db = await openDatabase({
  serverUrl,
  database: sourceDb,
  entities: [],
  migrations: [],
  poolSize: WRITERS + 2,
  log,
});
await db.query(
  'CREATE TABLE bench_item (id bigserial PRIMARY KEY, item_id text NOT NULL, amount numeric NOT NULL)',
);
// The floor (bench/lib/events-floor.ts): the same tables in a database of their own.
const cpu = cpuSampler(serverUrl, natsUrl);
const floor = await floorBench({
  ...{ serverUrl, database: `backoffice_benchfloor_t${runId}`, log, cpu },
  ...{ writers: WRITERS, durationSec: DURATION, sample: event(0) },
});
const relayWith = (settings: Pick<RelayOptions, 'eventsPerSignature' | 'synchronousCommit'>) =>
  new OutboxRelay({
    pool: poolOf(db),
    connectionString: databaseUrl(serverUrl, sourceDb),
    bus,
    log,
    // Signs every event as the bench's producer; the consumer verifies each one.
    keyring: testKeyring('bench'),
    ...settings,
  });
// Side by side in every run: the relay as it is, and with the settings before issue 26 (each event
// signed alone, the relay's commit waiting for the disk); one runs at a time.
const relays = { now: relayWith({}), before: relayWith({ eventsPerSignature: 1, synchronousCommit: true }) };
let relay = relays.now;
relay.start();
async function useRelay(next: OutboxRelay): Promise<void> {
  await relay.stop(5_000);
  relay = next;
  relay.start();
}

// The consumer service: a process of its own, reporting what each of its transactions applied.
const committedAt = new Map<string, number>();
let timingsReply: ((t: ConsumerTimings) => void) | undefined;
const latencies: number[] = [];
let applied = 0;
let lastAppliedAt = 0;
const consumer = fork(new URL('./lib/events-consumer.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
  env: {
    ...process.env,
    BENCH_DATABASE: targetDb,
    BENCH_STREAM: env.EVENTS_STREAM,
    BENCH_PREFIX: env.EVENTS_SUBJECT_PREFIX,
    BENCH_DURABLE: 'bench-effect',
    BENCH_PER_EVENT_EFFECT: PER_EVENT_EFFECT ? '1' : '0',
  },
});
await new Promise<void>((resolve, reject) => {
  consumer.once('exit', (code) => reject(new Error(`consumer exited with ${code}`)));
  consumer.on('message', (m: { ready?: boolean; ids?: string[]; at?: number; timings?: ConsumerTimings }) => {
    if (m.ready) return resolve();
    if (m.timings) return timingsReply?.(m.timings);
    for (const id of m.ids ?? []) {
      const t = committedAt.get(id);
      if (t !== undefined) {
        latencies.push((m.at as number) - t);
        committedAt.delete(id);
      }
      applied++;
    }
    lastAppliedAt = m.at as number;
  });
});
const pinned = pin(process.pid, '1') && pin(consumer.pid, '0');

/** The consumer's cumulative time per phase, asked over IPC. */
function consumerTimings(): Promise<ConsumerTimings> {
  return new Promise((resolve) => {
    timingsReply = resolve;
    consumer.send({ timings: true });
  });
}

/** Where the time (and the CPU) went during the 50 events/tx runs, summed over runs. */
const spent = newSpent();
const accountFor = accounting(spent, () => relay.timings, consumerTimings, cpu);

let seq = 0;
/** One writer transaction: a state change and its events, committed together. */
async function write(rows: number): Promise<void> {
  const events = Array.from({ length: rows }, () => event(seq++));
  await db.transaction(async (em) => {
    await em.query('INSERT INTO bench_item (item_id, amount) SELECT unnest($1::text[]), 1234.56', [
      events.map((e) => e.subject),
    ]);
    await recordEvents(em, ...events);
  });
  const t = now();
  for (const e of events) committedAt.set(e.id, t);
}

async function waitApplied(target: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (applied < target && Date.now() < deadline) await sleep(20);
  return applied >= target;
}

/** Closed loop: WRITERS writers as fast as they can for DURATION s; events/s from first commit to last applied. */
async function sustained(rows: number): Promise<number> {
  const start = applied;
  latencies.length = 0;
  const t0 = now();
  const until = Date.now() + DURATION * 1000;
  let written = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (Date.now() < until) {
        await write(rows);
        written += rows;
      }
    }),
  );
  const writtenAt = now();
  let relayedAt = 0;
  while (relayedAt === 0 && now() - writtenAt < 120_000) {
    if ((await relay.pending()) === 0) relayedAt = now();
    else await sleep(20);
  }
  const drained = await waitApplied(start + written, 120_000);
  if (!drained) throw new Error(`only ${applied - start} of ${written} events applied after 120 s`);
  const rate = Math.round(written / ((lastAppliedAt - t0) / 1000));
  console.log(
    `  ${rows} events/tx: ${written} written in ${Math.round(writtenAt - t0)} ms (${Math.round(written / ((writtenAt - t0) / 1000))}/s committed), relayed by +${Math.round(relayedAt - writtenAt)} ms, applied by +${Math.round(lastAppliedAt - writtenAt)} ms`,
  );
  return rate;
}

/** Open loop at `rate` events/s: latency does not hide behind a slower writer. */
async function atRate(rows: number, rate: number): Promise<{ p50: number; p99: number; achieved: number }> {
  const start = applied;
  latencies.length = 0;
  let written = 0;
  await onSchedule(rate / rows, DURATION, () => write(rows).then(() => (written += rows)), 200);
  await waitApplied(start + written, 120_000);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(sorted, 50) * 10) / 10,
    p99: Math.round(percentile(sorted, 99) * 10) / 10,
    achieved: Math.round(written / DURATION),
  };
}

/** Raw JetStream: publish pipelined with 1,024 acks outstanding, then consume acking each. */
async function raw(run: number): Promise<{ publish: number; consume: number }> {
  const subject = `${env.EVENTS_SUBJECT_PREFIX}${benchRawSubject(run)}`;
  const body = JSON.stringify({ ...event(0), sourceseq: 1 });
  return rawJetStream(bus, { run, subject, body, msgIdPrefix: `${runId}-${run}`, durationSec: DURATION });
}

try {
  // Warm-up: the connections, the JIT and the first claims.
  await sustained(50).catch(() => 0);
  const max = {
    raw: [] as number[],
    rawConsume: [] as number[],
    rows1: [] as number[],
    rows50: [] as number[],
    rows50Before: [] as number[],
    floor: [] as number[],
  };
  for (let run = 0; run < RUNS; run++) {
    const r = await raw(run);
    max.raw.push(r.publish);
    max.rawConsume.push(r.consume);
    max.rows1.push(await sustained(1));
    max.rows50.push(
      await accountFor(
        () => sustained(50),
        () => applied,
      ),
    );
    await useRelay(relays.before);
    max.rows50Before.push(await sustained(50));
    await useRelay(relays.now);
    const f = await floor.run();
    max.floor.push(f.rate);
    console.log(
      `run ${run + 1}: raw publish ${r.publish}/s, raw consume ${r.consume}/s, ours 1 row/tx ${max.rows1.at(-1)}/s, 50 rows/tx ${max.rows50.at(-1)}/s (before: ${max.rows50Before.at(-1)}/s, floor: ${f.rate}/s), load ${loadNow()}`,
    );
  }
  const best = { rows1: median(max.rows1), rows50: median(max.rows50) };
  const levels = [0.25, 0.5, 0.9];
  const latency = new Map<string, { p50: number[]; p99: number[]; achieved: number[] }>();
  const cases = [1, 50].flatMap((rows) => levels.map((level) => ({ rows, level, tag: '' })));
  // The headline's case once more with the settings before, and the floor's, at the same rate.
  cases.push({ rows: 1, level: 0.5, tag: 'before' }, { rows: 1, level: 0.5, tag: 'floor' });
  for (let run = 0; run < RUNS; run++) {
    for (const { rows, level, tag } of cases) {
      const before = tag === 'before';
      if (before) await useRelay(relays.before);
      const rate = Math.max(1, Math.round((rows === 1 ? best.rows1 : best.rows50) * level));
      const r = tag === 'floor' ? await floor.latency(rate) : await atRate(rows, rate);
      if (before) await useRelay(relays.now);
      const key = `${rows}|${level}${tag ? `|${tag}` : ''}`;
      const entry = latency.get(key) ?? { p50: [], p99: [], achieved: [] };
      entry.p50.push(r.p50);
      entry.p99.push(r.p99);
      entry.achieved.push(r.achieved);
      latency.set(key, entry);
      console.log(
        `run ${run + 1}: ${rows} rows/tx at ${rate}/s (${level * 100} %${tag ? `, ${tag}` : ''}): p50 ${r.p50} ms, p99 ${r.p99} ms, load ${loadNow()}`,
      );
    }
  }

  const row = (path: string, runs: number[]) => ({ path, 'events/s': median(runs), runs: runs.join(' / ') });
  const throughput = [
    row('raw JetStream publish (1,024 acks outstanding)', max.raw),
    row('raw JetStream consume (ack each)', max.rawConsume),
    row(`ours end to end, 1 event/tx, ${WRITERS} writers`, max.rows1),
    row(`ours end to end, 50 events/tx, ${WRITERS} writers`, max.rows50),
    row(`  the same, settings before issue 26`, max.rows50Before),
    row('floor: bare SQL of writers, relay, inbox (50 events/tx, no code of ours, no bus)', max.floor),
  ];
  const latencyRows = latencyTable(latency);
  const { phases, shape } = phaseTable(spent);
  printTable(throughput);
  printTable(latencyRows);
  printTable([...phases, ...floor.phases()]);
  console.log(
    `relay: ${shape.relayRounds} rounds, ${shape.eventsPerRelayRound} events each; consumer: ${shape.consumerBatches} batches, ${shape.eventsPerConsumerBatch} events each (50 events/tx runs)`,
  );
  const ratio = Math.round((best.rows50 / median(max.raw)) * 100) / 100;
  const floorRatio = Math.round((median(max.floor) / median(max.raw)) * 100) / 100;
  const oursVsFloor = Math.round((best.rows50 / median(max.floor)) * 100) / 100;
  // The latency target: p99 commit-to-applied under 50 ms at half our maximum, one event per transaction
  // (a GraphQL mutation's shape), median of the runs.
  const p99Half = median(latency.get('1|0.5')?.p99 ?? []);
  const p99HalfBefore = median(latency.get('1|0.5|before')?.p99 ?? []);
  const p99HalfFloor = median(latency.get('1|0.5|floor')?.p99 ?? []);
  const p99Ratio = Math.round((p99Half / P99_TARGET_MS) * 100) / 100;
  writeResult(SMOKE ? 'events-smoke' : 'events', {
    command: process.argv.slice(2).join(' '),
    durationSec: DURATION,
    runs: RUNS,
    writers: WRITERS,
    payloadBytes,
    pinning: pinned
      ? 'writers and relay on CPU 1, consumer process on CPU 0, Postgres and NATS unpinned'
      : 'none',
    loadAverage: os.loadavg(),
    perEventEffect: PER_EVENT_EFFECT,
    throughput,
    latency: latencyRows,
    phases: [...phases, ...floor.phases()],
    shape,
    ratios: {
      endToEnd50VsRawPublish: ratio,
      endToEnd1VsRawPublish: Math.round((best.rows1 / median(max.raw)) * 100) / 100,
      floor50VsRawPublish: floorRatio,
      endToEnd50VsFloor: oursVsFloor,
      endToEnd50BeforeVsRawPublish: Math.round((median(max.rows50Before) / median(max.raw)) * 100) / 100,
      p99AtHalfLoadBeforeVsTarget: Math.round((p99HalfBefore / P99_TARGET_MS) * 100) / 100,
      p99AtHalfLoadVsTarget: p99Ratio,
      p99FloorAtHalfLoadVsTarget: Math.round((p99HalfFloor / P99_TARGET_MS) * 100) / 100,
    },
    loadAverageAtStart: loadAtStart,
  });
  console.log(
    `command: pnpm bench:events ${process.argv.slice(2).join(' ')}; load ${loadAtStart} -> ${loadNow()}`,
  );
  console.log(`ratio: events=${ratio}`);
  console.log(`ratio: events_floor=${floorRatio} (floor ÷ raw publish; ours ÷ floor ${oursVsFloor})`);
  console.log(
    `floor at the same rate: events_floor_p99_vs_target=${Math.round((p99HalfFloor / P99_TARGET_MS) * 100) / 100}`,
  );
  console.log(`ratio: events_p99_vs_target=${p99Ratio}`);
} finally {
  consumer.send({ stop: true });
  await new Promise((r) => {
    consumer.once('exit', r);
    setTimeout(() => {
      consumer.kill('SIGKILL');
      r(undefined);
    }, 10_000).unref();
  });
  await relay.stop(1_000).catch(() => undefined);
  await bus.nc.drain().catch(() => undefined);
  await db.destroy().catch(() => undefined);
  await dropTestDatabases(runId).catch((e) => console.error('drop databases:', (e as Error).message));
  await deleteTestStream(env.EVENTS_STREAM).catch((e) =>
    console.error('delete stream:', (e as Error).message),
  );
}
