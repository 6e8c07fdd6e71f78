/**
 * How long a user token may live. A token is a bearer credential: whoever holds a copy is the user
 * until it expires, so its lifetime is bounded by the gateway, not only by whoever issued it.
 * `iat` is required (without it the lifetime cannot be known), may not lie in the future beyond the
 * clock skew, and `exp - iat` may not exceed JWT_MAX_TTL.
 */
export interface TokenTimes {
  iat?: unknown;
  exp?: unknown;
}

/** Why the token's lifetime is refused, or null; `now` in seconds since the epoch. */
export function tokenLifetimeProblem(
  claims: TokenTimes,
  now: number,
  maxTtlSeconds: number,
  skewSeconds: number,
): string | null {
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    return 'the token has no "iat" (issued at) claim; ask for a token that has one';
  if (iat > now + skewSeconds)
    return 'the token claims to be issued in the future ("iat"); check the clock or sign in again';
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    return 'the token has no "exp" claim; ask for a token that has one';
  if (exp - iat > maxTtlSeconds)
    return `the token lives longer than this gateway allows (JWT_MAX_TTL, ${describe(maxTtlSeconds)}); ask for a shorter-lived token`;
  return null;
}

function describe(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
