import { parentPort } from 'node:worker_threads';
import type { ExtractionRequest, THREAD_READY } from './extraction-pool.js';

/** Test fixture: a thread whose code takes 2.5 s to load (as the parsers can on a busy machine), then echoes. */
const loaded = Date.now() + 2_500;
while (Date.now() < loaded);
parentPort?.on('message', (job: ExtractionRequest) =>
  parentPort?.postMessage({ status: 'DONE', text: `read ${job.bytes.length} bytes of ${job.type}` }),
);
parentPort?.postMessage({ ready: true } satisfies typeof THREAD_READY);
