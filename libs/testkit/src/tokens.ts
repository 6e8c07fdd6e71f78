import { DEFAULT_JWT_MAX_TTL_SECONDS, DEV_JWT_SECRET, isRole, ROLES, type Role } from '@backoffice/kit';
import { SignJWT } from 'jose';

/** The claims of a user token as the contract defines them. */
export interface TokenClaims {
  sub: string;
  roles: readonly string[];
  employeeId?: string;
}

export interface MintOptions {
  /** HS256 secret; defaults to JWT_SECRET, then the development secret. */
  secret?: string;
  /** Lifetime: seconds, or `30s`, `15m`, `8h`. Default 8h; at most JWT_MAX_TTL (12h unless set). */
  ttl?: string | number;
  /** The gateway's JWT_MAX_TTL; defaults to the environment's, then 12h. */
  maxTtl?: string | number;
  issuer?: string;
  audience?: string;
  /** Seconds since epoch to issue at; tests use it to mint expired tokens. */
  now?: number;
}

export class TokenError extends Error {}

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

export function parseTtl(ttl: string | number): number {
  if (typeof ttl === 'number') {
    if (!Number.isInteger(ttl) || ttl === 0)
      throw new TokenError(`ttl must be a whole number of seconds: ${ttl}`);
    return ttl;
  }
  const match = /^(-?\d+)\s*([smhd])?$/.exec(ttl.trim());
  if (!match) throw new TokenError(`ttl must look like 3600, 30m, 8h or 7d: ${ttl}`);
  return Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS];
}

export function validateRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) {
    throw new TokenError(`unknown role(s): ${unknown.join(', ')}; known roles: ${ROLES.join(', ')}`);
  }
  return [...new Set(roles)] as Role[];
}

/** The secret to sign with, and whether it is the development fallback. */
export function signingSecret(env: NodeJS.ProcessEnv = process.env): {
  secret: string;
  isDevSecret: boolean;
} {
  return env.JWT_SECRET
    ? { secret: env.JWT_SECRET, isDevSecret: false }
    : { secret: DEV_JWT_SECRET, isDevSecret: true };
}

/** An HS256 user token the gateway accepts (with the same JWT_SECRET, issuer and audience). */
export async function mintToken(claims: TokenClaims, opts: MintOptions = {}): Promise<string> {
  if (!claims.sub) throw new TokenError('sub is required');
  const roles = validateRoles(claims.roles);
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const ttl = parseTtl(opts.ttl ?? '8h');
  // The gateway refuses a token living longer than JWT_MAX_TTL: better to say so here than mint one.
  const maxTtl = parseTtl(opts.maxTtl ?? (process.env.JWT_MAX_TTL || DEFAULT_JWT_MAX_TTL_SECONDS));
  if (ttl > maxTtl)
    throw new TokenError(`ttl ${ttl} s is longer than the gateway accepts (JWT_MAX_TTL, ${maxTtl} s)`);
  const payload: Record<string, unknown> = { roles };
  if (claims.employeeId) payload.employeeId = claims.employeeId;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl);
  const issuer = opts.issuer ?? process.env.JWT_ISSUER;
  const audience = opts.audience ?? process.env.JWT_AUDIENCE;
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(opts.secret ?? signingSecret().secret));
}
