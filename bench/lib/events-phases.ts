import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import pg from 'pg';
import { median } from './load.js';

/**
 * Where the relay's and the consumer's time went, per 1,000 events, from their cumulative timings
 * summed over the 50-events-per-transaction runs of bench/events.ts; the CPU each process spent
 * meanwhile (the bench's own, with the writers and the relay; the consumer's; Postgres's, all its
 * processes; nats-server's); and the shape of their work (rounds and batches, events in each).
 */
export interface Spent {
  relay: Record<string, number>;
  consumer: Record<string, number>;
  cpu: Record<string, number>;
  events: number;
}

export const newSpent = (): Spent => ({ relay: {}, consumer: {}, cpu: {}, events: 0 });

type Sample = () => Promise<Record<string, number>>;
const add = (into: Record<string, number>, after: Record<string, number>, before: Record<string, number>) => {
  for (const [k, v] of Object.entries(after)) into[k] = (into[k] ?? 0) + v - (before[k] ?? 0);
};

/** Runs `run` (answering a rate) and adds what the relay, the consumer and each process spent meanwhile. */
export function accounting(
  spent: Spent,
  relay: () => object,
  consumer: () => Promise<object>,
  cpu: Sample,
): (run: () => Promise<number>, events: () => number) => Promise<number> {
  return async (run, events) => {
    const relayBefore = { ...relay() } as Record<string, number>;
    const consumerBefore = (await consumer()) as Record<string, number>;
    const cpuBefore = await cpu();
    const before = events();
    const rate = await run();
    add(spent.cpu, await cpu(), cpuBefore);
    add(spent.consumer, (await consumer()) as Record<string, number>, consumerBefore);
    add(spent.relay, relay() as Record<string, number>, relayBefore);
    spent.events += events() - before;
    return rate;
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** utime + stime (and, with `children`, the reaped children's) of a process from /proc, in ms; [ppid, ms]. */
function procCpu(pid: string, children = false): [string, number] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
    const ticks = Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    return [f[1], ticks * TICK_MS];
  } catch {
    return undefined;
  }
}

/** The pid listening on a TCP port, from /proc (undefined when it cannot be seen). */
function listenerOf(port: number): string | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const c = line.trim().split(/\s+/);
        if (c[1]?.endsWith(`:${hex}`) && c[3] === '0A') inodes.add(c[9]);
      }
    } catch {}
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`))
        if (inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/)?.[1] ?? ''))
          return pid;
    } catch {}
  }
  return undefined;
}

/**
 * Cumulative CPU ms of this process, of the Postgres server behind `serverUrl` (the postmaster, its
 * children, and the children it reaped) and of the nats-server behind `natsUrl`. The consumer
 * process reports its own with its timings (`cpu`).
 */
export function cpuSampler(serverUrl: string, natsUrl: string): Sample {
  let postmaster: Promise<string | undefined> | undefined;
  const nats = listenerOf(Number(new URL(natsUrl).port || 4222));
  const findPostmaster = async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      const pid = String((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      return procCpu(pid)?.[0];
    } finally {
      await c.end();
    }
  };
  return async () => {
    postmaster ??= findPostmaster().catch(() => undefined);
    const pm = await postmaster;
    const usage = process.cpuUsage();
    const out: Record<string, number> = { bench: (usage.user + usage.system) / 1000 };
    if (pm) {
      let sum = procCpu(pm, true)?.[1] ?? 0;
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        const p = procCpu(pid);
        if (p && p[0] === pm) sum += p[1];
      }
      out.postgres = sum;
    }
    if (nats) out.nats = procCpu(nats)?.[1] ?? 0;
    return out;
  };
}

export function phaseTable(spent: Spent) {
  const perThousand = (ms: number) => Math.round((ms / spent.events) * 1000 * 10) / 10;
  const phases = [
    // `mark` carries the round's COMMIT with its last chunk; `commit` is a COMMIT alone (empty rounds).
    ...['claim', 'publish', 'acks', 'mark', 'commit'].map((k) => ({
      where: 'relay',
      phase: k,
      'ms per 1,000 events': perThousand(spent.relay[k] ?? 0),
    })),
    ...['verify', 'verifyAhead', 'begin', 'inbox', 'effect', 'commit', 'ack'].map((k) => ({
      where: 'consumer',
      phase: k,
      'ms per 1,000 events': perThousand(spent.consumer[k] ?? 0),
    })),
    // CPU, not wall clock: what each process burnt per 1,000 events (ms of one core).
    ...Object.entries({
      bench: 'writers and relay process',
      consumer: 'consumer process',
      postgres: 'Postgres (all its processes)',
      nats: 'nats-server',
    }).map(([k, phase]) => ({
      where: 'CPU',
      phase,
      'ms per 1,000 events': perThousand((k === 'consumer' ? spent.consumer.cpu : spent.cpu[k]) ?? 0),
    })),
  ];
  const shape = {
    relayRounds: spent.relay.rounds,
    eventsPerRelayRound: Math.round(spent.events / (spent.relay.rounds || 1)),
    consumerBatches: spent.consumer.batches,
    eventsPerConsumerBatch: Math.round((spent.consumer.events ?? 0) / (spent.consumer.batches || 1)),
  };
  return { phases, shape };
}

/** The latency cases (`rows|level[|tag]`: medians over the runs), as the benchmark prints them. */
export function latencyTable(latency: Map<string, { p50: number[]; p99: number[]; achieved: number[] }>) {
  return [...latency.entries()].map(([key, v]) => {
    const [rows, level, tag] = key.split('|');
    return {
      'events/tx': `${rows}${tag ? ` (${tag})` : ''}`,
      load: `${Number(level) * 100} % of max`,
      'achieved events/s': median(v.achieved),
      'p50 ms': median(v.p50),
      'p99 ms': median(v.p99),
    };
  });
}
