import { describe, expect, it } from 'vitest';
import { tokenLifetimeProblem } from './token-lifetime.js';

const NOW = 1_700_000_000;
const MAX = 12 * 3600;
const SKEW = 5;

describe('tokenLifetimeProblem', () => {
  it('accepts a token issued now or a moment ago that lives at most the maximum', () => {
    expect(tokenLifetimeProblem({ iat: NOW, exp: NOW + MAX }, NOW, MAX, SKEW)).toBeNull();
    expect(tokenLifetimeProblem({ iat: NOW - 600, exp: NOW + 60 }, NOW, MAX, SKEW)).toBeNull();
    expect(tokenLifetimeProblem({ iat: NOW + SKEW, exp: NOW + 60 }, NOW, MAX, SKEW)).toBeNull();
  });

  it('refuses a missing or non-numeric iat', () => {
    for (const iat of [undefined, '1700000000', Number.NaN, null])
      expect(tokenLifetimeProblem({ iat, exp: NOW + 60 }, NOW, MAX, SKEW)).toMatch(/"iat"/);
  });

  it('refuses iat in the future beyond the skew, and a missing exp', () => {
    expect(tokenLifetimeProblem({ iat: NOW + SKEW + 1, exp: NOW + 60 }, NOW, MAX, SKEW)).toMatch(/future/);
    expect(tokenLifetimeProblem({ iat: NOW }, NOW, MAX, SKEW)).toMatch(/"exp"/);
  });

  it('refuses exp - iat over the maximum, by one second', () => {
    expect(tokenLifetimeProblem({ iat: NOW, exp: NOW + MAX + 1 }, NOW, MAX, SKEW)).toMatch(
      /JWT_MAX_TTL, 12 h/,
    );
    expect(tokenLifetimeProblem({ iat: NOW, exp: NOW + 31 * 86_400 }, NOW, 5400, SKEW)).toMatch(/90 min/);
  });
});
