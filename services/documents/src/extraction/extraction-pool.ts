import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface ExtractionRequest {
  type: string;
  bytes: Uint8Array;
  maxChars: number;
  /** Buffers the thread may hold before it is stopped. */
  memoryBytes: number;
}

export type ExtractionReply =
  | { status: 'DONE'; text: string }
  | { status: 'TOO_COMPLEX' | 'FAILED'; reason: string };

export interface PoolSettings {
  workers: number;
  /** Wall-clock time per file. */
  timeoutMs: number;
  /** Heap per thread (resourceLimits), and again for its buffers (watched by the thread). */
  memoryMb: number;
  /** Characters of text a thread may answer; a longer answer is refused, not trusted. */
  maxChars: number;
  /** How long a new thread may take to load its code (default 30 s); longer is broken, not slow. */
  startTimeoutMs?: number;
  /**
   * A thread with no file for this long ends (default 30 s), giving its heap and parsers back: a
   * loaded thread holds some 25-30 MiB, and files come in bursts. The next file starts a new one.
   */
  idleMs?: number;
}

/** The pool was closed (shutdown) before the file was done: its document is left for a later run. */
export class PoolClosed extends Error {}

/**
 * The thread's entry point. Services run from TypeScript under tsx today (tests, `pnpm start`), and
 * a worker thread does not inherit the loader a process was started with: a `.ts` worker starts as a
 * one-line script that registers tsx's loader, then imports it. Built to JavaScript, the `.js` beside
 * this file starts directly.
 */
export function defaultWorker(): WorkerEntry {
  const ext = path.extname(fileURLToPath(import.meta.url));
  return workerEntry(new URL(`./extraction.worker${ext}`, import.meta.url));
}

export type WorkerEntry = { code: string; eval: true } | { code: URL; eval: false };

export function workerEntry(url: URL): WorkerEntry {
  if (!url.pathname.endsWith('.ts')) return { code: url, eval: false };
  return {
    code: `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
    eval: true,
  };
}

/** tsx's ESM API as its package exports it (the import condition), resolved from this package. */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exported = (require(manifest) as { exports: Record<string, { import: { default: string } }> })
    .exports;
  return pathToFileURL(path.join(path.dirname(manifest), exported['./esm/api'].import.default)).href;
}

interface Job {
  request: ExtractionRequest;
  resolve(reply: ExtractionReply): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker | null;
  /** The thread has loaded its code and listens: a file's clock starts only then. */
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
  /** Ends the idle thread (PoolSettings.idleMs). */
  idle?: NodeJS.Timeout;
}

/** What a thread posts once it listens for files (before that, its modules are still loading). */
export const THREAD_READY = { ready: true } as const;
const isReady = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && (message as { ready?: unknown }).ready === true;
const START_TIMEOUT_MS = 30_000;
const IDLE_MS = 30_000;

/**
 * Text extraction threads, each file under a budget: wall-clock time, heap (`resourceLimits`),
 * buffers and the length of the answer. A thread past a limit is terminated and replaced on the next
 * file; the file's answer is TOO_COMPLEX. Files beyond the threads wait in order.
 */
export class ExtractionPool {
  private readonly slots: Slot[];
  private readonly waiting: Job[] = [];
  closed = false;

  constructor(
    private readonly settings: PoolSettings,
    private readonly entry = defaultWorker(),
  ) {
    this.slots = Array.from({ length: settings.workers }, () => ({ worker: null, ready: false, job: null }));
  }

  /** Threads, busy or not. */
  get size(): number {
    return this.slots.length;
  }

  get busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  run(type: string, bytes: Uint8Array): Promise<ExtractionReply> {
    if (this.closed) return Promise.reject(new PoolClosed('the extraction pool is closed'));
    const request: ExtractionRequest = {
      type,
      bytes,
      maxChars: this.settings.maxChars,
      memoryBytes: this.settings.memoryMb * 1024 * 1024,
    };
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every thread; files in hand or waiting are rejected with PoolClosed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new PoolClosed('the extraction pool closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        const job = slot.job;
        await this.stop(slot);
        job?.reject(new PoolClosed('the extraction pool closed'));
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.waiting.length === 0) continue;
      slot.job = this.waiting.shift() as Job;
      clearTimeout(slot.idle);
      if (!slot.worker) slot.worker = this.spawn(slot);
      if (slot.ready) this.start(slot);
      else
        slot.timer = setTimeout(
          () => this.finish(slot, { status: 'FAILED', reason: 'the extraction thread did not start' }, true),
          this.settings.startTimeoutMs ?? START_TIMEOUT_MS,
        );
    }
  }

  /**
   * Hands the slot's file to its thread and starts the file's clock. The clock never counts a new
   * thread's start-up (loading the parsers takes seconds on a busy machine), or a file that follows
   * a hostile one, whose thread was replaced, would be cut short for time it never had.
   */
  private start(slot: Slot): void {
    const { worker, job } = slot;
    if (!worker || !job) return;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(
      () => this.finish(slot, { status: 'TOO_COMPLEX', reason: 'time' }, true),
      this.settings.timeoutMs,
    );
    worker.postMessage(job.request);
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.entry.code, {
      eval: this.entry.eval,
      resourceLimits: {
        maxOldGenerationSizeMb: this.settings.memoryMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(4, this.settings.memoryMb / 8)),
        stackSizeMb: 4,
      },
    });
    worker.on('message', (reply: ExtractionReply | typeof THREAD_READY) => {
      if (slot.worker !== worker) return;
      if (isReady(reply)) {
        slot.ready = true;
        this.start(slot);
        return;
      }
      if (!slot.job || !('status' in reply)) return;
      if (
        reply.status === 'DONE' &&
        (typeof reply.text !== 'string' || reply.text.length > this.settings.maxChars)
      )
        this.finish(slot, { status: 'TOO_COMPLEX', reason: 'output' }, true);
      else this.finish(slot, reply, reply.status === 'TOO_COMPLEX');
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.finish(
        slot,
        memory ? { status: 'TOO_COMPLEX', reason: 'memory' } : { status: 'FAILED', reason: e.message },
        true,
      );
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      this.finish(slot, { status: 'FAILED', reason: 'the extraction thread exited' }, true);
    });
    // An idle thread must not keep the process alive.
    worker.unref();
    return worker;
  }

  /** Answers the slot's file (once) and frees the slot; `replace` ends its thread first. */
  private finish(slot: Slot, reply: ExtractionReply, replace: boolean): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = null;
    if (replace) void this.stop(slot);
    job?.resolve(reply);
    if (!this.closed) this.dispatch();
    if (!slot.job && slot.worker) {
      const worker = slot.worker;
      slot.idle = setTimeout(() => {
        if (!slot.job && slot.worker === worker) void this.stop(slot);
      }, this.settings.idleMs ?? IDLE_MS);
      slot.idle.unref();
    }
  }

  /** Threads running, busy or idle (each holds its heap and parsers). */
  get threads(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  private async stop(slot: Slot): Promise<void> {
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    const worker = slot.worker;
    slot.worker = null;
    slot.ready = false;
    slot.job = null;
    if (worker) await worker.terminate();
  }
}
