/**
 * A token bucket per caller: `perMinute` requests of burst, refilled continuously at `perMinute` per
 * minute. Keyed by user id, or by IP address for anonymous callers, so one noisy user cannot starve
 * the others and a flood of anonymous requests is bounded per source.
 *
 * Buckets live in memory (one gateway process); a full bucket is the same as no bucket, so idle ones
 * are dropped on a sweep and the map stays as small as the set of recently active callers.
 */
export interface RateLimiter {
  /** Takes one token; returns 0 when allowed, else the seconds until the next token. */
  take(key: string, now?: number): number;
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const SWEEP_EVERY = 10_000;

export function createRateLimiter(perMinute: number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let takes = 0;

  const refilled = (bucket: Bucket, now: number) =>
    Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);

  const sweep = (now: number) => {
    for (const [key, bucket] of buckets) if (refilled(bucket, now) >= perMinute) buckets.delete(key);
  };

  return {
    take(key, now = Date.now()) {
      if (perMinute <= 0) return 0;
      if (++takes % SWEEP_EVERY === 0) sweep(now);
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: now };
      const tokens = refilled(bucket, now);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    },
    get size() {
      return buckets.size;
    },
  };
}
