import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';

/**
 * Shared pieces of the load benchmarks: a bounded autocannon run that records every response time
 * (autocannon's own percentiles skip p95), CPU pinning with taskset, resident memory from /proc, and
 * medians. Every run stops by itself: fixed connections, fixed duration.
 */

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Headers made afresh for every request (a signed identity is good for one request only). */
  perRequest?: () => Record<string, string>;
  connections: number;
  durationSec: number;
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not 2xx, plus socket errors and timeouts. */
  failures: number;
  total: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Open loop: starts `start()` `perSecond` times a second for `durationSec`, on schedule whatever is
 * still in flight (at most `maxInFlight`), so latency cannot hide behind a slower caller; settles when
 * every started call has.
 */
export async function onSchedule(
  perSecond: number,
  durationSec: number,
  start: () => Promise<unknown>,
  maxInFlight = Number.POSITIVE_INFINITY,
): Promise<void> {
  const t0 = Date.now();
  const pending: Promise<unknown>[] = [];
  let started = 0;
  let inFlight = 0;
  while (Date.now() - t0 < durationSec * 1000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * perSecond);
    for (; started < due && inFlight < maxInFlight; started++) {
      inFlight++;
      pending.push(start().finally(() => inFlight--));
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
}

export const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)];
};

export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let failures = 0;
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    ...(options.perRequest && {
      requests: [
        {
          setupRequest: (request: { headers?: Record<string, string> }) => ({
            ...request,
            headers: { 'content-type': 'application/json', ...options.headers, ...options.perRequest?.() },
          }),
        },
      ],
    }),
    connections: options.connections,
    duration: options.durationSec,
    timeout: 10,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    if (status < 200 || status >= 300) failures++;
  });
  const result = await instance;
  failures += result.errors + result.timeouts;
  times.sort((a, b) => a - b);
  return {
    requestsPerSec: Math.round(times.length / options.durationSec),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    failures,
    total: times.length,
  };
}

let tasksetChecked: boolean | undefined;
export function hasTaskset(): boolean {
  if (tasksetChecked === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      tasksetChecked = true;
    } catch {
      tasksetChecked = false;
    }
  }
  return tasksetChecked;
}

/** Pins a process (all its threads) to `cpus`, e.g. "1" or "0-1"; false when taskset is missing. */
export function pin(pid: number | undefined, cpus: string): boolean {
  if (!pid || !hasTaskset()) return false;
  try {
    execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The command line that starts `args` pinned to `cpus` (children inherit the affinity). */
export function pinnedCommand(cpus: string, command: string, args: string[]): [string, string[]] {
  return hasTaskset() ? ['taskset', ['-c', cpus, command, ...args]] : [command, args];
}

/** Resident memory in MiB of a process and its descendants (a cluster counts its workers). */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  let kb = 0;
  const visit = (p: number, depth: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (depth > 3) return;
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c), depth + 1);
    } catch {
      // the process is gone
    }
  };
  visit(pid, 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Samples the RSS of `pids` every 500 ms until stopped; returns the peak per name. */
export function sampleRss(pids: Record<string, number | undefined>): () => Record<string, number> {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const v = rssMiB(pid);
      if (Number.isFinite(v)) peak[name] = Math.max(peak[name] ?? 0, v);
    }
  };
  sample();
  const timer = setInterval(sample, 500);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

export function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

export const hasFlag = (name: string): boolean => process.argv.includes(`--${name}`);

/** Prints rows as an aligned text table (console.table quotes strings and is hard to paste). */
export function printTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(cols));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
}

/** Waits for a child process to exit, killing it after `timeoutMs`. */
export function exitOf(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Two decimals, for the tables and result files. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
