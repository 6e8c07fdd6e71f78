import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { badInput } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH } from './audit.chain.js';
import { checkRangeOn, rangeClient } from './audit.cursor.js';
import {
  type BreakReason,
  type ChainBreak,
  type RangeJob,
  type RangeResult,
  splitSpan,
  stitchRanges,
} from './audit.range.js';

export interface AuditVerification {
  valid: boolean;
  /** Entries examined, from `from`; a check stops at the first broken link, that one included. */
  checked: number;
  firstInvalidSequence: number | null;
  reason: BreakReason | null;
  /** The span verified: the range asked for, widened to the checkpoints (or genesis, or head) around it. */
  from: number;
  to: number;
  /** The stretch between two checkpoints (or genesis, or the head) holding the first break. */
  brokenRange: { from: number; to: number } | null;
}

export interface VerifyOptions {
  /** Threads checking ranges at once; 1 checks in this thread. */
  threads: number;
  /** A span shorter than this per thread is not worth a thread's start-up. */
  minRangeEntries: number;
}

export const defaultVerifyOptions = (): VerifyOptions => ({
  threads: Math.max(1, os.availableParallelism()),
  minRangeEntries: 50_000,
});

/**
 * Verifies [from, to] of the trail (the whole trail by default) as one pass from its anchor would, in
 * parallel ranges. The span starts after the last checkpoint before `from` (whose hash the first entry
 * must chain to; genesis when none) and ends at the first checkpoint at or after `to` (or the head the
 * counter names, whose hash the last entry must equal), so both ends are held to something published;
 * every checkpoint inside must equal its entry's hash. Ranges are checked apart and stitched.
 */
export async function verifyTrail(
  db: DataSource,
  url: string,
  args: { from?: number | null; to?: number | null },
  options: VerifyOptions,
): Promise<AuditVerification> {
  const [head] = await db.query('SELECT last_sequence, last_hash FROM audit_counter WHERE id');
  const last = Number(head.last_sequence);
  const from = args.from ?? 1;
  const to = args.to ?? last;
  if (!Number.isSafeInteger(from) || from < 1) throw badInput('from must be 1 or more', 'from');
  // An empty trail, asked for as a whole, is valid: nothing to check.
  if (last === 0 && args.to == null)
    return {
      valid: true,
      checked: 0,
      firstInvalidSequence: null,
      reason: null,
      from,
      to: 0,
      brokenRange: null,
    };
  if (!Number.isSafeInteger(to) || to < from) throw badInput('to must not be before from', 'to');
  if (to > last) throw badInput(`to is past the head of the trail (${last})`, 'to');

  const [{ start }] = await db.query(
    'SELECT coalesce(max(sequence), 0)::bigint AS start FROM audit_checkpoint WHERE sequence < $1',
    [from],
  );
  const [{ end }] = await db.query(
    'SELECT coalesce(min(sequence), $2)::bigint AS end FROM audit_checkpoint WHERE sequence >= $1 AND sequence <= $2',
    [to, last],
  );
  const span = { from: Number(start) + 1, to: Number(end) };
  const checkpoints: [number, string][] = (
    await db.query(
      'SELECT sequence, hash FROM audit_checkpoint WHERE sequence >= $1 AND sequence <= $2 ORDER BY sequence, id',
      [span.from - 1, span.to],
    )
  ).map((c: { sequence: string; hash: string }) => [Number(c.sequence), c.hash]);
  const anchors = checkpoints.filter(([s]) => s === span.from - 1);
  const anchorHash = span.from === 1 ? GENESIS_HASH : (anchors.at(-1)?.[1] ?? GENESIS_HASH);

  const jobs: RangeJob[] = splitSpan(span.from, span.to, options.threads * 4, options.minRangeEntries).map(
    ([a, b]) => ({ from: a, to: b, checkpoints: checkpoints.filter(([s]) => s >= a && s <= b) }),
  );
  const results =
    options.threads > 1 && jobs.length > 1
      ? await checkInThreads(url, jobs, options.threads)
      : await checkHere(url, jobs);
  let { end: endHash, brokenAt } = stitchRanges(anchorHash, results);
  // The anchor is a published checkpoint: an entry disagreeing with it is reported as such.
  if (brokenAt && brokenAt.sequence === span.from && brokenAt.reason === 'PREVIOUS_HASH' && span.from > 1)
    brokenAt = { sequence: span.from, reason: 'CHECKPOINT' };
  if (!brokenAt && anchors.some(([, h]) => h !== anchorHash))
    brokenAt = { sequence: span.from - 1, reason: 'CHECKPOINT' };
  if (!brokenAt && span.to === last && endHash !== head.last_hash)
    brokenAt = { sequence: last, reason: 'HEAD' };
  if (!brokenAt)
    return {
      valid: true,
      checked: span.to - span.from + 1,
      firstInvalidSequence: null,
      reason: null,
      ...span,
      brokenRange: null,
    };
  return {
    valid: false,
    checked: Math.max(1, brokenAt.sequence - span.from + 1),
    firstInvalidSequence: brokenAt.sequence,
    reason: brokenAt.reason,
    ...span,
    brokenRange: between(brokenAt, checkpoints, span),
  };
}

/** The checkpoints (or the span's ends) on either side of a break. */
function between(brokenAt: ChainBreak, checkpoints: [number, string][], span: { from: number; to: number }) {
  const before = checkpoints.filter(([s]) => s < brokenAt.sequence).at(-1)?.[0];
  const after = checkpoints.find(([s]) => s >= brokenAt.sequence)?.[0];
  return { from: before === undefined ? span.from : before + 1, to: after ?? span.to };
}

async function checkHere(url: string, jobs: RangeJob[]): Promise<RangeResult[]> {
  const client = await rangeClient(url);
  try {
    const results: RangeResult[] = [];
    for (const job of jobs) {
      const r = await checkRangeOn(client, job);
      results.push(r);
      if (r.brokenAt) break;
    }
    return results;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A pool of threads, each with its own connection, taking ranges in order as they finish one. Once a
 * range breaks, ranges after it are not started: the first break is already among those handed out.
 */
async function checkInThreads(url: string, jobs: RangeJob[], threads: number): Promise<RangeResult[]> {
  const results: (RangeResult | undefined)[] = new Array(jobs.length);
  let next = 0;
  let firstBroken = jobs.length;
  const entry = workerEntry();
  const workers = Array.from(
    { length: Math.min(threads, jobs.length) },
    () =>
      new Worker(entry.code, {
        eval: entry.eval,
        workerData: { url },
        // A thread holds at most two batches of rows at a time: a small heap keeps memory flat (and a
        // runaway one is stopped) however long the trail.
        resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
      }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const give = () => {
              if (next >= jobs.length || next > firstBroken) return resolve();
              current = next++;
              worker.postMessage(jobs[current]);
            };
            worker.on('message', (m: RangeResult | { error: string } | 'ready') => {
              if (m === 'ready') return give();
              if ('error' in m) return reject(new Error(`verification thread: ${m.error}`));
              results[current] = m;
              if (m.brokenAt) firstBroken = Math.min(firstBroken, current);
              give();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`verification thread exited (${code})`)));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => stop(w)));
  }
  return results.slice(0, Math.min(jobs.length, firstBroken + 1)) as RangeResult[];
}

/** Asks a thread to close its connection and end; a thread that does not within 5 s is terminated. */
async function stop(worker: Worker): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage(null);
  const timer = setTimeout(() => void worker.terminate(), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The thread's entry point, as documents' extraction pool starts its threads: under the TypeScript
 * sources (tests, `pnpm dev`) a worker does not inherit the process's loader, so a `.ts` worker starts
 * as a one-line script that registers tsx's and imports it; built to JavaScript, the `.js` starts directly.
 */
function workerEntry(): { code: string; eval: true } | { code: URL; eval: false } {
  const url = new URL(
    `./audit.verify.worker${path.extname(fileURLToPath(import.meta.url))}`,
    import.meta.url,
  );
  if (!url.pathname.endsWith('.ts')) return { code: url, eval: false };
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exported = (require(manifest) as { exports: Record<string, { import: { default: string } }> })
    .exports;
  const api = pathToFileURL(path.join(path.dirname(manifest), exported['./esm/api'].import.default)).href;
  return {
    code: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
    eval: true,
  };
}
