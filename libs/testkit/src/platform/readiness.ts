/** Polls a URL until it answers 200, for `/ready` endpoints that answer 503 while starting. */
export interface WaitForReadyOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early (for example when the process behind the URL died). */
  signal?: AbortSignal;
}

export async function waitForReady(
  url: string,
  { timeoutMs, intervalMs = 200, signal }: WaitForReadyOptions,
) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms (last: ${last})`);
}
