import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows a burst of the per-minute limit per key, then refills continuously', () => {
    const limiter = createRateLimiter(60);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(limiter.take('user:a', t0)).toBe(0);
    expect(limiter.take('user:a', t0)).toBe(1);
    // Another caller has a bucket of its own.
    expect(limiter.take('user:b', t0)).toBe(0);
    // One token per second at 60 a minute.
    expect(limiter.take('user:a', t0 + 1_000)).toBe(0);
    expect(limiter.take('user:a', t0 + 1_000)).toBeGreaterThan(0);
  });

  it('is off at 0', () => {
    const limiter = createRateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('ip:1')).toBe(0);
    expect(limiter.size).toBe(0);
  });
});
