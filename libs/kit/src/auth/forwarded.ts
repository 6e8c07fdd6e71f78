import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.js';
import {
  bodyDigest,
  type HeaderBag,
  type IdentityRefusal,
  type IdentityVerification,
  identityOf,
  jsonBodyDigest,
  readIdentityStatement,
  STREAMED_BODY,
  type SessionChecker,
} from './identity.js';
import { IdentitySessions } from './identity-session.js';
import type { Keyring } from './keys.js';

/** How old a statement may be, and how far ahead of this clock the gateway's clock may run. */
export const IDENTITY_MAX_AGE_MS = 30_000;
export const IDENTITY_MAX_SKEW_MS = 5_000;
/**
 * Nonces remembered per subgraph process: 30 s of 3,300 requests a second, about 15 MB at most.
 * Past it the window shrinks instead of memory growing (NonceWindow.claim).
 */
export const NONCE_CAPACITY = 100_000;

/**
 * The nonces of the statements accepted within the window, so each is accepted once. Kept in arrival
 * order and forgotten once too old to pass the age check anyway.
 *
 * When full, the oldest nonce is forgotten and `floor` rises to its time: from then on any statement
 * signed at or before the floor is refused, because its nonce might be one we forgot. Fail-closed for
 * late arrivals, never a replay: under a flood the accepted age shrinks below 30 s, and requests that
 * took longer than that from gateway to subgraph are refused (logged as `stale`).
 */
export class NonceWindow {
  private readonly seen = new Map<string, number>();
  private floor = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly capacity = NONCE_CAPACITY,
    private readonly maxAgeMs = IDENTITY_MAX_AGE_MS,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** `true` the first time; otherwise why not. Call only for statements that passed every other check. */
  claim(nonce: string, issuedAt: number, now = Date.now()): true | 'replayed' | 'stale' {
    for (const [old, at] of this.seen) {
      if (at + this.maxAgeMs >= now) break;
      this.seen.delete(old);
    }
    if (this.seen.has(nonce)) return 'replayed';
    if (issuedAt <= this.floor) return 'stale';
    if (this.seen.size >= this.capacity) {
      const [oldest, at] = this.seen.entries().next().value as [string, number];
      this.seen.delete(oldest);
      this.floor = Math.max(this.floor, at);
      if (issuedAt <= this.floor) return 'stale';
    }
    this.seen.set(nonce, issuedAt);
    return true;
  }
}

/** The request as this subgraph received it. `body` undefined: a route that streams its body unread. */
export interface ReceivedRequest {
  method: string;
  path: string;
  body: string | undefined;
}

function bodyMatches(signed: string, body: string | undefined): boolean {
  if (signed === STREAMED_BODY) return body === undefined;
  if (body === undefined) return false;
  if (signed.startsWith('sha256:')) return signed === bodyDigest(body);
  if (signed.startsWith('json-sha256:')) {
    try {
      return signed === jsonBodyDigest(JSON.parse(body));
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The checks, cheapest refusals first and the nonce last, so only a statement that passed all the
 * others uses up its nonce. `audience` is this subgraph's name as in the supergraph.
 */
export function verifyForwardedIdentity(
  headers: HeaderBag,
  expected: ReceivedRequest & { audience: string },
  keyring: Pick<Keyring, 'verify'>,
  nonces: NonceWindow,
  now = Date.now(),
  sessions?: SessionChecker,
): IdentityVerification {
  const refuse = (reason: IdentityRefusal): IdentityVerification => ({ ok: false, reason });
  const read = readIdentityStatement(headers, keyring, sessions);
  if (!read.ok) return read;
  const s = read.statement;
  if (s.aud !== expected.audience) return refuse('audience');
  if (s.method !== expected.method.toUpperCase() || s.path !== expected.path) return refuse('request');
  const age = now - s.iat;
  if (age > IDENTITY_MAX_AGE_MS || age < -IDENTITY_MAX_SKEW_MS) return refuse('stale');
  if (!bodyMatches(s.body, expected.body)) return refuse('body');
  const claimed = nonces.claim(s.nonce, s.iat, now);
  if (claimed !== true) return refuse(claimed);
  return { ok: true, identity: identityOf(s) };
}

/**
 * One nonce window and one view of the gateway's sessions per running subgraph (its keyring) and
 * audience, shared by its GraphQL endpoint and its plain routes, so a statement accepted by one is a
 * replay at the other, and a session verified by one is known to both.
 */
const checks = new WeakMap<Keyring, Map<string, { nonces: NonceWindow; sessions: IdentitySessions }>>();

function checksOf(keyring: Keyring, audience: string) {
  const byAudience = checks.get(keyring) ?? new Map();
  checks.set(keyring, byAudience);
  const found = byAudience.get(audience) ?? {
    nonces: new NonceWindow(),
    sessions: new IdentitySessions(keyring, audience),
  };
  byAudience.set(audience, found);
  return found;
}

/** The GraphQL endpoint: the gateway POSTs to `/graphql`, and nothing else carries an identity there. */
const GRAPHQL_REQUEST = { method: 'POST', path: '/graphql' };

/**
 * How a subgraph checks the identity the gateway forwarded with a request: `audience` is this
 * subgraph's name, `rawBody` the exact request body. `config` is accepted for the call site in
 * startSubgraph and not read: identities depend on the keyring only.
 */
export function createForwardedIdentityVerifier(options: {
  audience: string;
  keyring: Keyring;
  config?: unknown;
}): (
  headers: HeaderBag,
  rawBody: string | undefined,
  request?: { method: string; path: string },
) => IdentityVerification {
  const { nonces, sessions } = checksOf(options.keyring, options.audience);
  return (headers, rawBody, request = GRAPHQL_REQUEST) =>
    verifyForwardedIdentity(
      headers,
      { audience: options.audience, method: request.method, path: request.path, body: rawBody },
      options.keyring,
      nonces,
      Date.now(),
      sessions,
    );
}

/**
 * For a subgraph's plain HTTP routes (file downloads, uploads, exports): the caller of `req`. A GET
 * has no body; any other method's body is streamed by the route unread, which the gateway said when
 * signing. A refusal is logged with its reason; the route answers 401.
 */
export function verifyRouteIdentity(
  deps: { name: string; keyring: Keyring; log: Logger },
  req: IncomingMessage,
): IdentityVerification {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = req.url ?? '/';
  const bodiless = method === 'GET' || method === 'HEAD';
  const verify = createForwardedIdentityVerifier({ audience: deps.name, keyring: deps.keyring });
  const verified = verify(req.headers, bodiless ? '' : undefined, { method, path });
  if (!verified.ok && verified.reason !== 'missing')
    deps.log.warn({ reason: verified.reason, path: path.split('?')[0] }, 'refused identity headers');
  return verified;
}
