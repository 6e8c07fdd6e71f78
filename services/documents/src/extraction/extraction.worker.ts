import { parentPort } from 'node:worker_threads';
import { TooComplex, extractText } from '../content/text-extraction.js';
import type { ExtractionReply, ExtractionRequest, THREAD_READY } from './extraction-pool.js';

/**
 * One extraction thread: takes a file, answers its text. Heap is bounded by the thread's
 * `resourceLimits`; buffers (PDF.js inflates streams into typed arrays, which the heap limit does not
 * count) are watched here, and the pool stops the thread when they pass the budget.
 */
const port = parentPort;
if (!port) throw new Error('extraction.worker runs as a worker thread');

const WATCH_EVERY_MS = 50;

port.on('message', async (job: ExtractionRequest) => {
  const answer = (reply: ExtractionReply) => port.postMessage(reply);
  const watch = setInterval(() => {
    if (process.memoryUsage().arrayBuffers > job.memoryBytes)
      answer({ status: 'TOO_COMPLEX', reason: 'memory' });
  }, WATCH_EVERY_MS);
  try {
    answer({ status: 'DONE', text: await extractText(job.type, bytesOf(job), job.maxChars) });
  } catch (e) {
    if (e instanceof TooComplex) answer({ status: 'TOO_COMPLEX', reason: e.limit });
    else answer({ status: 'FAILED', reason: String((e as Error)?.message ?? e).slice(0, 200) });
  } finally {
    clearInterval(watch);
  }
});

// Listening: the pool starts a file's clock from here, not from the thread's start-up.
port.postMessage({ ready: true } satisfies typeof THREAD_READY);

/** The posted bytes as a Buffer over the same memory (Buffer.from of a Uint8Array would copy). */
const bytesOf = (job: ExtractionRequest) =>
  Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
