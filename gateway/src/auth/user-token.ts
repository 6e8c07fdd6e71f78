import { ANONYMOUS, ClaimsRefused, type Identity, identityFromClaims } from '@backoffice/kit';
import { GraphQLError } from 'graphql';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  jwtVerify,
} from 'jose';
import type { JwtConfig } from '../config.js';
import { tokenLifetimeProblem } from './token-lifetime.js';

/**
 * User tokens: HS256 with our secret, or RS256/ES256 from an identity provider's JWKS. Each key
 * only ever verifies its own algorithm family, which is what rules out algorithm confusion (an
 * RSA public key used as an HMAC secret) and `alg: none`. With a JWKS, HS256 is off altogether: a
 * leaked secret must not be a second way around the identity provider. Every token carries `iat` and
 * lives at most JWT_MAX_TTL (token-lifetime.ts).
 */
const HMAC_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256'];
/** Tolerated clock skew between the token issuer and us. */
const CLOCK_TOLERANCE_SECONDS = 5;

export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    this.name = 'UnauthenticatedError';
  }
}

export interface UserTokenVerifier {
  /** Verifies a compact JWT and returns the identity it carries; throws UnauthenticatedError. */
  verifyUserToken(token: string): Promise<Identity>;
  /** The identity of an `Authorization` header value: ANONYMOUS when absent, else a verified token. */
  identityFromAuthorization(header: string | undefined): Promise<Identity>;
}

export function createUserTokenVerifier(config: JwtConfig): UserTokenVerifier {
  const secret = config.secret && !config.jwksUrl ? new TextEncoder().encode(config.secret) : null;
  // jose caches the key set, refetches on an unknown `kid` at most once per cooldown, and times out.
  const jwks: JWTVerifyGetKey | null = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), {
        timeoutDuration: 3_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      })
    : null;
  const claims: JWTVerifyOptions = {
    requiredClaims: ['exp', 'iat', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };

  const verified = new VerifiedTokens();

  async function verifyUserToken(token: string): Promise<Identity> {
    const known = secret ? verified.identityOf(token, Math.floor(Date.now() / 1000)) : undefined;
    if (known) return known;
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthenticatedError('the bearer token is not a JWT; sign in again to get a new token');
    }
    let payload: JWTPayload;
    try {
      if (alg && HMAC_ALGORITHMS.includes(alg) && secret) {
        ({ payload } = await jwtVerify(token, secret, { ...claims, algorithms: HMAC_ALGORITHMS }));
      } else if (alg && JWKS_ALGORITHMS.includes(alg) && jwks) {
        ({ payload } = await jwtVerify(token, jwks, { ...claims, algorithms: JWKS_ALGORITHMS }));
      } else {
        const accepted = [...(secret ? HMAC_ALGORITHMS : []), ...(jwks ? JWKS_ALGORITHMS : [])].join(', ');
        throw new UnauthenticatedError(
          `token algorithm "${alg ?? 'missing'}" is not accepted (accepted: ${accepted}); sign in again`,
        );
      }
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('ERR_J')) {
        // Not a verdict on the token: the key set could not be fetched (network, DNS, bad JSON).
        throw new UnauthenticatedError(
          'the identity provider keys could not be loaded to check the token; retry in a moment',
        );
      }
      throw new UnauthenticatedError(describeJoseError(error));
    }
    const lifetime = tokenLifetimeProblem(
      payload,
      Math.floor(Date.now() / 1000),
      config.maxTtlSeconds,
      CLOCK_TOLERANCE_SECONDS,
    );
    if (lifetime) throw new UnauthenticatedError(lifetime);
    const identity = identityOf(payload);
    if (secret && alg && HMAC_ALGORITHMS.includes(alg)) verified.add(token, identity, payload.exp as number);
    return identity;
  }

  return {
    verifyUserToken,
    async identityFromAuthorization(header) {
      if (header === undefined || header.trim() === '') return ANONYMOUS;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
      return verifyUserToken(match[1]);
    },
  };
}

/** Tokens remembered as verified: the active users of a busy gateway, about 3 MB at most. */
export const VERIFIED_TOKENS_CAPACITY = 10_000;

/**
 * HS256 tokens this gateway verified, by their exact text (signature included), until they expire.
 * A token is a client's every request for hours; jose checks its HMAC through WebCrypto, a job per
 * call that was a fifth of the gateway's CPU on `{ __typename }`. The verdict on the signature,
 * issuer, audience, `nbf`, `iat` and lifetime cannot change while the secret stays (it is the
 * process's, for its life), so only expiry is checked again on each use, as jose checks it. Tokens
 * from a JWKS are never kept: an identity provider may withdraw a key, which jose's key set notices.
 */
class VerifiedTokens {
  private readonly byToken = new Map<string, { identity: Identity; exp: number }>();

  /** A copy of the identity of `token` if it was verified and has not expired by `now` (seconds). */
  identityOf(token: string, now: number): Identity | undefined {
    const known = this.byToken.get(token);
    if (!known) return undefined;
    if (known.exp <= now - CLOCK_TOLERANCE_SECONDS) {
      this.byToken.delete(token);
      return undefined;
    }
    return { ...known.identity, roles: [...known.identity.roles] };
  }

  add(token: string, identity: Identity, exp: number): void {
    // Full: the oldest entry goes (its user's next request verifies once more).
    if (this.byToken.size >= VERIFIED_TOKENS_CAPACITY)
      this.byToken.delete(this.byToken.keys().next().value as string);
    this.byToken.set(token, { identity: { ...identity, roles: [...identity.roles] }, exp });
  }
}

function describeJoseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const claim = (error as { claim?: string }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired; sign in again';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf')
        return 'the token is not valid yet (nbf in the future); check the clock or retry shortly';
      if (claim === 'iss') return 'the token was issued by an issuer this gateway does not trust';
      if (claim === 'aud') return 'the token is meant for another audience than this gateway';
      if (claim === 'iat')
        return 'the token has no valid "iat" (issued at) claim; ask for a token that has one';
      if (claim === 'exp' || claim === 'sub')
        return `the token has no "${claim}" claim; ask for a token that has one`;
      return `the token's "${claim ?? 'unknown'}" claim is invalid`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is invalid; sign in again';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'the token algorithm is not accepted; sign in again';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the token was signed with a key the identity provider does not publish; sign in again';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'the identity provider keys could not be loaded to check the token; retry in a moment';
    default:
      return 'the token is malformed; sign in again to get a new token';
  }
}

/** The claims of a verified token as the caller (the kit's reading, shared with the Router's coprocessor). */
function identityOf(payload: JWTPayload): Identity {
  try {
    return identityFromClaims(payload as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ClaimsRefused) throw new UnauthenticatedError(error.message);
    throw error;
  }
}
