import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstHeader, type Identity, sendGraphQLError } from '@backoffice/kit';
import { UnauthenticatedError, type UserTokenVerifier } from '../auth/user-token.js';
import { createRateLimiter } from '../rate-limit.js';

/** What every request to GraphQL or a passthrough route must pass; each answers the refusal itself. */
export interface Guards {
  /** The caller's identity from its bearer token (anonymous without one); answers 401 and returns null on a bad token. */
  identityOr401(req: IncomingMessage, res: ServerResponse): Promise<Identity | null>;
  /** Takes one request from the caller's bucket; answers 429 and returns false when it is empty. */
  withinRateLimit(req: IncomingMessage, res: ServerResponse, identity: Identity): boolean;
}

export function createGuards(verifier: UserTokenVerifier, rateLimitPerMinute: number): Guards {
  const limiter = createRateLimiter(rateLimitPerMinute);
  return {
    async identityOr401(req, res) {
      try {
        return await verifier.identityFromAuthorization(firstHeader(req, 'authorization'));
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', error.message, {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
        return null;
      }
    },
    withinRateLimit(req, res, identity) {
      const key =
        identity.userId !== null ? `user:${identity.userId}` : `ip:${req.socket.remoteAddress ?? '?'}`;
      const wait = limiter.take(key);
      if (wait === 0) return true;
      // Not a domain failure, so not one of the contract's codes: RATE_LIMITED says what happened,
      // Retry-After and retryAfterSeconds when to come back (the same whole seconds).
      sendGraphQLError(
        res,
        429,
        'RATE_LIMITED',
        `too many requests: the limit is ${rateLimitPerMinute} per minute (RATE_LIMIT_PER_MINUTE); retry in ${wait} s`,
        { 'retry-after': String(wait) },
        { retryAfterSeconds: wait },
      );
      return false;
    },
  };
}
