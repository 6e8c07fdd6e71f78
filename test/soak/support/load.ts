import { randomUUID } from 'node:crypto';
import type { GraphQLClient, GraphQLResponse } from '@backoffice/testkit';

/**
 * The load side of the soak: every request through the gateway is one sample (operation, when,
 * how long, its error code if any), and every business action is retried the way a careful client
 * would: same Idempotency-Key, until it gets an answer it can act on.
 */

export interface Sample {
  op: string;
  startedAt: number;
  endedAt: number;
  /** Contract code, `transport` (no HTTP answer) or `partial` (data with errors). */
  error?: string;
  /** The first error's message, to tell an outage from a defect. */
  message?: string;
}

/** Codes a client does not retry: the request itself is wrong, or the answer is final. */
const FINAL = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

export class Recorder {
  readonly samples: Sample[] = [];
  /** Business actions given up on after every retry, by operation. */
  readonly abandoned: { op: string; error: string; at: number }[] = [];

  /** One request, timed; transport failures become a response without data. */
  async request<T = any>(
    op: string,
    client: GraphQLClient,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>> {
    const startedAt = Date.now();
    let response: GraphQLResponse<T>;
    try {
      response = await client.query<T>(query, variables, { headers });
    } catch (e) {
      response = {
        data: null,
        errors: [{ message: (e as Error).message, extensions: { code: 'transport' } }],
        status: 0,
      };
    }
    const code = response.errors?.length
      ? response.data && Object.values(response.data as object).some((v) => v !== null)
        ? 'partial'
        : (response.errors[0].extensions?.code ?? `HTTP ${response.status}`)
      : undefined;
    this.samples.push({
      op,
      startedAt,
      endedAt: Date.now(),
      error: code,
      message: response.errors?.[0]?.message,
    });
    return response;
  }

  /**
   * A mutation with its own Idempotency-Key, sent again (same key) while the answer is a failure
   * worth retrying; returns the first final answer, or the last one when `deadline` passes.
   */
  async mutate<T = any>(
    op: string,
    client: GraphQLClient,
    query: string,
    variables: Record<string, unknown>,
    options: { deadline: number; accept?: (r: GraphQLResponse<T>) => boolean },
  ): Promise<GraphQLResponse<T>> {
    const headers = { 'Idempotency-Key': `soak-${randomUUID()}` };
    let wait = 250;
    for (;;) {
      const r = await this.request<T>(op, client, query, variables, headers);
      const code = r.errors?.[0]?.extensions?.code;
      if (!r.errors?.length || options.accept?.(r) || (code && FINAL.has(code))) return r;
      if (Date.now() + wait > options.deadline) {
        this.abandoned.push({ op, error: code ?? 'unknown', at: Date.now() });
        return r;
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 4_000);
    }
  }
}

/**
 * Starts `action` every `everyMs` until `until`, open loop (a slow answer does not slow the rate),
 * with at most `maxInFlight` at once so a long outage does not pile up thousands of requests.
 * Resolves when the last started action has finished.
 */
export async function steady(
  everyMs: number,
  until: number,
  action: (n: number) => Promise<unknown>,
  maxInFlight = 4,
): Promise<{ started: number; skipped: number }> {
  const running = new Set<Promise<unknown>>();
  let started = 0;
  let skipped = 0;
  for (let next = Date.now(); next < until; next += everyMs) {
    await sleep(next - Date.now());
    if (running.size >= maxInFlight) {
      skipped++;
      continue;
    }
    const p = action(started++).catch(() => undefined);
    running.add(p);
    void p.finally(() => running.delete(p));
  }
  await Promise.all(running);
  return { started, skipped };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The q-quantile (0..1) of `values`, nearest rank; NaN for none. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
