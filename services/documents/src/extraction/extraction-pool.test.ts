import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { minimalPdf } from '../content/minimal-pdf.fixture.js';
import {
  ExtractionPool,
  PoolClosed,
  type PoolSettings,
  defaultWorker,
  workerEntry,
} from './extraction-pool.js';

const MISBEHAVING = workerEntry(new URL('./misbehaving.worker.fixture.ts', import.meta.url));
const SLOW_START = workerEntry(new URL('./slow-start.worker.fixture.ts', import.meta.url));
const SETTINGS: PoolSettings = { workers: 1, timeoutMs: 1_500, memoryMb: 64, maxChars: 1_000 };
const pools: ExtractionPool[] = [];
const pool = (settings: Partial<PoolSettings> = {}, entry = MISBEHAVING) => {
  const p = new ExtractionPool({ ...SETTINGS, ...settings }, entry);
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the extraction pool', () => {
  it('stops a thread past its time, its heap or its answer length, and the next file still runs', async () => {
    const p = pool();
    expect(await p.run('loop', new Uint8Array(1))).toEqual({ status: 'TOO_COMPLEX', reason: 'time' });
    expect(await p.run('echo', new Uint8Array(3))).toEqual({ status: 'DONE', text: 'read 3 bytes of echo' });
    expect(await p.run('output', new Uint8Array(1))).toEqual({ status: 'TOO_COMPLEX', reason: 'output' });
    expect(await p.run('echo', new Uint8Array(1))).toMatchObject({ status: 'DONE' });
    // Filling a heap takes the garbage collector a while: time enough for it here.
    const small = pool({ memoryMb: 16, timeoutMs: 20_000 });
    expect(await small.run('heap', new Uint8Array(1))).toEqual({ status: 'TOO_COMPLEX', reason: 'memory' });
    expect(await small.run('echo', new Uint8Array(1))).toMatchObject({ status: 'DONE' });
  });

  it('answers FAILED for a thread that throws or exits, and replaces it', async () => {
    const p = pool();
    expect(await p.run('throw', new Uint8Array(1))).toMatchObject({ status: 'FAILED' });
    expect(await p.run('exit', new Uint8Array(1))).toMatchObject({ status: 'FAILED' });
    expect(await p.run('echo', new Uint8Array(1))).toMatchObject({ status: 'DONE' });
  });

  it("starts a file's clock when its thread listens, not while the thread loads its code", async () => {
    // Loading takes 2.5 s, the budget is 1 s: counted from the thread's start, every file after a
    // replaced thread would be cut short for time it never had.
    expect(await pool({ timeoutMs: 1_000 }, SLOW_START).run('echo', new Uint8Array(2))).toEqual({
      status: 'DONE',
      text: 'read 2 bytes of echo',
    });
    // A thread that does not load within its start budget is broken: the file is answered FAILED.
    expect(await pool({ startTimeoutMs: 500 }, SLOW_START).run('echo', new Uint8Array(1))).toEqual({
      status: 'FAILED',
      reason: 'the extraction thread did not start',
    });
  });

  it('ends a thread that has had no file for idleMs, and starts one again for the next file', async () => {
    const p = pool({ idleMs: 600 });
    expect(await p.run('echo', new Uint8Array(1))).toMatchObject({ status: 'DONE' });
    expect(p.threads).toBe(1);
    // Files within the idle time keep the thread.
    await new Promise((r) => setTimeout(r, 300));
    expect(await p.run('echo', new Uint8Array(2))).toMatchObject({ status: 'DONE' });
    await new Promise((r) => setTimeout(r, 300));
    expect(p.threads).toBe(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(p.threads).toBe(0);
    expect(await p.run('echo', new Uint8Array(3))).toEqual({ status: 'DONE', text: 'read 3 bytes of echo' });
    expect(p.threads).toBe(1);
  });

  it('queues files beyond its threads, and a slow file does not hold up the other thread', async () => {
    const p = pool({ workers: 2 });
    const slow = p.run('loop', new Uint8Array(1));
    const quick = await Promise.all([1, 2, 3].map((n) => p.run('echo', new Uint8Array(n))));
    expect(quick.map((r) => r.status)).toEqual(['DONE', 'DONE', 'DONE']);
    expect(p.busy).toBe(1);
    expect(await slow).toEqual({ status: 'TOO_COMPLEX', reason: 'time' });
  });

  it('rejects what it holds when closed, so the queue leaves those documents for later', async () => {
    const p = pool();
    const held = Promise.allSettled([p.run('loop', new Uint8Array(1)), p.run('echo', new Uint8Array(1))]);
    await p.close();
    for (const outcome of await held) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(PoolClosed);
    }
    await expect(p.run('echo', new Uint8Array(1))).rejects.toBeInstanceOf(PoolClosed);
  });

  it('runs the real extraction thread from TypeScript, and stops a flate bomb by its buffers', async () => {
    const p = pool({ timeoutMs: 30_000, maxChars: 100_000 }, defaultWorker());
    const text = 'BT /F1 12 Tf 72 720 Td (Geheimhoudingsverklaring) Tj ET';
    expect(await p.run('application/pdf', minimalPdf(text, true))).toEqual({
      status: 'DONE',
      text: 'Geheimhoudingsverklaring',
    });
    // 200 MiB of page content in a 200 KB stream: PDF.js inflates it into typed arrays, which the
    // heap limit does not count; the thread's own watch on its buffers does.
    const bomb = deflateSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
    const started = Date.now();
    const reply = await p.run('application/pdf', minimalPdf({ deflated: bomb }));
    expect(reply).toEqual({ status: 'TOO_COMPLEX', reason: 'memory' });
    console.log(`flate bomb stopped after ${Date.now() - started} ms`);
  });
});
