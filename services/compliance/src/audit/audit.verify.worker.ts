import { parentPort, workerData } from 'node:worker_threads';
import { checkRangeOn, rangeClient } from './audit.cursor.js';
import type { RangeJob } from './audit.range.js';

/**
 * A verification thread: one connection, ranges checked one at a time as the pool hands them over,
 * each answered with its RangeResult (or `{ error }`). `null` ends the thread.
 */
const port = parentPort;
if (!port) throw new Error('audit.verify.worker runs as a worker thread');
const client = await rangeClient((workerData as { url: string }).url);
port.on('message', async (job: RangeJob | null) => {
  if (job === null) {
    await client.end().catch(() => undefined);
    port.close();
    return;
  }
  try {
    port.postMessage(await checkRangeOn(client, job));
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
  }
});
port.postMessage('ready');
