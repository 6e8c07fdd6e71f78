import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { Identity } from '@backoffice/kit';
import { signedForRoute, testIdentity } from '@backoffice/testkit';
import { percentile, round, rssMiB } from './load.js';

import { WORDS } from './documents-data.js';

export const MiB = 1024 * 1024;

/** 2. Upload throughput of 1 MiB files; 3. one big upload, with the service's memory sampled. */

/** Signed for this one upload, as the gateway's passthrough does: each statement is good once. */
export async function uploadHeaders(
  origin: string,
  identity: Identity,
  title: string,
  length: number,
): Promise<Record<string, string>> {
  return {
    ...(await signedForRoute(`${origin}/documents`, identity, 'POST')),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(length),
    'x-document-title': encodeURIComponent(title),
    'x-document-type': 'memo',
    'x-document-tags': 'bench,upload',
    'x-document-file-name': 'bench.txt',
  };
}

/** A line of words, repeated: plain text a search would index. */
export function textBlock(bytes: number, salt: string): Buffer {
  const line = `${salt} ${WORDS.join(' ')}\n`;
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes), 'utf8');
}

/** POSTs a body (Buffer or stream) and resolves with the status and the answer. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer | Readable,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

export async function uploadLoad(origin: string, identity: Identity, uploaders: number, seconds: number) {
  const base = textBlock(MiB, 'bench');
  const times: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: uploaders }, async () => {
      while (performance.now() < deadline) {
        // Distinct content each time: identical bytes would be stored once (content-addressed).
        const file = Buffer.from(base);
        file.write(`upload-${++n}-${process.pid}`.padEnd(40, ' '), 0, 'utf8');
        const t = performance.now();
        const headers = await uploadHeaders(origin, identity, `Upload ${n}`, MiB);
        const r = await post(`${origin}/documents`, headers, file);
        times.push(performance.now() - t);
        if (r.status !== 201) {
          errors++;
          if (errors === 1) console.error(`upload answered ${r.status}: ${r.body.slice(0, 200)}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    count: times.length - errors,
    seconds: elapsed,
    errors,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. One big upload, memory of the service process.

export async function bigUpload(
  dir: string,
  bigMib: number,
  /** The bench's own script, started again with --serve-child to host the service. */
  childScript: string,
  started: (child: ChildProcess, runId: string) => void,
  storeEnv: Record<string, string> = {},
) {
  const bigDir = path.join(dir, 'big');
  // The store's settings reach the child through its environment, as a deployment's would.
  const child = fork(childScript, ['--serve-child', bigDir, String(bigMib + 16)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...storeEnv },
  });
  const ready = await new Promise<{ url: string; runId: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; runId: string }));
    child.once('exit', (code) => reject(new Error(`the service child exited (${code}) before it was ready`)));
  });
  started(child, ready.runId);
  const origin = new URL(ready.url).origin;
  const identity = testIdentity(['compliance_officer'], { userId: 'bench-big' });
  // Settle after start-up, then a baseline.
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssMiB(child.pid);
  const timeline: number[] = [];
  const timer = setInterval(() => timeline.push(rssMiB(child.pid)), 100);
  const t = performance.now();
  const total = bigMib * MiB;
  const r = await post(
    `${origin}/documents`,
    await uploadHeaders(origin, identity, `Big upload of ${bigMib} MiB`, total),
    generatedText(total),
  );
  const seconds = round((performance.now() - t) / 1000);
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(timer);
  const after = rssMiB(child.pid);
  if (r.status !== 201) console.error(`big upload answered ${r.status}: ${r.body.slice(0, 200)}`);
  const samples = timeline.filter(Number.isFinite);
  return {
    status: r.status,
    seconds,
    before,
    min: Math.min(...samples),
    max: Math.max(...samples),
    after,
    samples: samples.length,
    timeline: samples,
  };
}

/** `total` bytes of text made on the fly, 64 KiB at a time: never held whole on this side either. */
export function generatedText(total: number): Readable {
  const chunk = textBlock(64 * 1024, 'big');
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** The child: the documents subgraph alone in this process, with a raised size limit. */
