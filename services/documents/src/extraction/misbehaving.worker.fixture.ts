import { parentPort } from 'node:worker_threads';
import type { ExtractionRequest, THREAD_READY } from './extraction-pool.js';

/** Test fixture: an extraction thread that misbehaves as its file's type says, to try the pool's budgets. */
parentPort?.on('message', (job: ExtractionRequest) => {
  const answer = (text: string) => parentPort?.postMessage({ status: 'DONE', text });
  switch (job.type) {
    case 'loop':
      for (;;);
    case 'heap': {
      const kept: string[][] = [];
      for (;;) kept.push(Array.from({ length: 1_000 }, (_, i) => `${i}-${Math.random()}`));
    }
    case 'output':
      return answer('x'.repeat(job.maxChars + 1));
    case 'exit':
      return process.exit(3);
    case 'throw':
      throw new Error('the parser fell over');
    default:
      return answer(`read ${job.bytes.length} bytes of ${job.type}`);
  }
});
parentPort?.postMessage({ ready: true } satisfies typeof THREAD_READY);
