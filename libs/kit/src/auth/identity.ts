import { createHash, randomUUID } from 'node:crypto';
import type { Keyring } from './keys.js';
import { isRole, type Role } from './roles.js';

export { isRole, ROLES, type Role } from './roles.js';

/** The verified caller as the gateway saw it. `userId` null means anonymous. */
export interface Identity {
  userId: string | null;
  roles: Role[];
  employeeId: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({ userId: null, roles: [], employeeId: null }) as Identity;

/**
 * Gateway -> subgraph trust. For each call to a subgraph the gateway signs one statement with its own
 * Ed25519 key (principal `gateway`): who is asking (sub, roles, employeeId), which subgraph it is for
 * (aud), the request it travels with (method, path and a digest of the body), when (iat, ms) and a
 * random nonce. The statement travels as base64url JSON; the signature, over exactly those characters,
 * as `<kid>.<sig>`. What a subgraph checks before believing it is in forwarded.ts.
 */
export const IDENTITY_HEADER = 'x-backoffice-identity';
export const IDENTITY_SIGNATURE_HEADER = 'x-backoffice-identity-signature';
/**
 * A per-request MAC under a session the gateway signed (identity-session.ts): the signature header
 * then reads `session.<mac>` (a key id is never `session`) and the signed session travels here.
 */
export const IDENTITY_SESSION_HEADER = 'x-backoffice-identity-session';
export const SESSION_MAC_PREFIX = 'session.';
/** The HMAC scheme's time header: recognised only so that such a header set is refused, not ignored. */
export const LEGACY_IDENTITY_TIME_HEADER = 'x-backoffice-identity-time';

export interface IdentityStatement {
  aud: string;
  iat: number;
  nonce: string;
  method: string;
  /** Path and query as sent, e.g. `/graphql` or `/documents/d-1/content?version=2`. */
  path: string;
  /** `bodyDigest`, `jsonBodyDigest` or STREAMED_BODY. */
  body: string;
  sub: string | null;
  roles: string[];
  employeeId: string | null;
}

/** The request an identity travels with: the subgraph it is for and what it carries. */
export interface ForwardedRequest {
  audience: string;
  method: string;
  path: string;
  body: string;
}

/** The body byte for byte: what the gateway signs, since it holds the exact bytes it sends. */
export function bodyDigest(body: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('base64url')}`;
}

/**
 * A JSON body by what it says rather than its bytes, for a signer that never sees the bytes: the
 * Apollo Router serialises each subgraph request after its coprocessor has signed it. Keys are
 * sorted; top-level nulls count as absent, since a serialiser may drop `"operationName": null`.
 */
export function jsonBodyDigest(body: unknown): string {
  const top =
    body && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null))
      : body;
  return `json-sha256:${createHash('sha256').update(canonicalJson(top)).digest('base64url')}`;
}

/** A body the gateway streams without reading (uploads): bound by method and path, not by its bytes. */
export const STREAMED_BODY = 'streamed';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The statement for one request, encoded as it travels (base64url JSON): what is signed or MACed. */
export function identityStatement(identity: Identity, request: ForwardedRequest, now = Date.now()): string {
  // Empty strings say nobody: anonymous, or no employee record (the reader refuses them as malformed).
  const known = !!identity.userId;
  const statement: IdentityStatement = {
    aud: request.audience,
    iat: now,
    nonce: randomUUID(),
    method: request.method.toUpperCase(),
    path: request.path,
    body: request.body,
    sub: known ? identity.userId : null,
    roles: known ? identity.roles : [],
    employeeId: (known && identity.employeeId) || null,
  };
  return Buffer.from(JSON.stringify(statement)).toString('base64url');
}

/**
 * The identity headers for one request with one Ed25519 signature by the gateway's key: what the
 * router's coprocessor sends, and the gateway where it has no session (createIdentitySigner).
 */
export function signIdentity(
  identity: Identity,
  request: ForwardedRequest,
  keyring: Pick<Keyring, 'sign'>,
  now = Date.now(),
): Record<string, string> {
  const encoded = identityStatement(identity, request, now);
  const { kid, sig } = keyring.sign(encoded);
  return { [IDENTITY_HEADER]: encoded, [IDENTITY_SIGNATURE_HEADER]: `${kid}.${sig}` };
}

export type IdentityRefusal =
  | 'missing'
  | 'malformed'
  | 'forged'
  | 'audience'
  | 'request'
  | 'stale'
  | 'body'
  | 'replayed';

/** Checks a `session.<mac>` signature against the signed session header (IdentitySessions). */
export interface SessionChecker {
  check(encoded: string, signature: string, header: string | undefined, now?: number): true | IdentityRefusal;
}

export type IdentityVerification = { ok: true; identity: Identity } | { ok: false; reason: IdentityRefusal };

export type HeaderBag =
  | { get(name: string): string | null | undefined }
  | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The statement in `headers` when its signature is by a key trusted for the gateway, and only the
 * gateway: a service's key (documents', say) verifies nothing here, whatever kid it names. No
 * identity headers at all is `missing` (anonymous); any one of them present must verify.
 */
export function readIdentityStatement(
  headers: HeaderBag,
  keyring: Pick<Keyring, 'verify'>,
  sessions?: SessionChecker,
): { ok: true; statement: IdentityStatement } | { ok: false; reason: IdentityRefusal } {
  const encoded = header(headers, IDENTITY_HEADER);
  const signature = header(headers, IDENTITY_SIGNATURE_HEADER);
  const session = header(headers, IDENTITY_SESSION_HEADER);
  if (!encoded && !signature && !session && !header(headers, LEGACY_IDENTITY_TIME_HEADER))
    return { ok: false, reason: 'missing' };
  const dot = signature?.indexOf('.') ?? -1;
  if (!encoded || !signature || dot < 1) return { ok: false, reason: 'malformed' };
  if (signature.startsWith(SESSION_MAC_PREFIX)) {
    // Without a session checker (a caller that reads signatures only) a MAC proves nothing.
    const checked = sessions ? sessions.check(encoded, signature, session) : 'forged';
    if (checked !== true) return { ok: false, reason: checked };
  } else {
    const sig = { kid: signature.slice(0, dot), sig: signature.slice(dot + 1) };
    if (!keyring.verify('gateway', encoded, sig)) return { ok: false, reason: 'forged' };
  }
  let s: Partial<IdentityStatement>;
  try {
    s = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    !s ||
    !text(s.aud) ||
    !Number.isSafeInteger(s.iat) ||
    !text(s.nonce) ||
    !text(s.method) ||
    !text(s.path) ||
    !text(s.body) ||
    !optional(s.sub) ||
    !optional(s.employeeId) ||
    !Array.isArray(s.roles)
  )
    return { ok: false, reason: 'malformed' };
  return { ok: true, statement: s as IdentityStatement };
}

// Declared once, not per statement read: on every request's path.
const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const optional = (v: unknown): boolean => v === null || text(v);

/** Who the statement speaks for: unknown roles dropped, an anonymous caller with no roles. */
export function identityOf(statement: IdentityStatement): Identity {
  const userId = statement.sub;
  if (!userId) return ANONYMOUS;
  return { userId, roles: statement.roles.filter(isRole), employeeId: statement.employeeId };
}

/** The identity part alone (no signature), as the gateway's de-duplication key and its signer read it. */
export function encodeIdentity(identity: Identity): string {
  const body = { sub: identity.userId, roles: identity.roles, employeeId: identity.employeeId };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeIdentity(encoded: string | undefined): Identity {
  if (!encoded) return ANONYMOUS;
  try {
    const body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const userId = typeof body.sub === 'string' && body.sub.length > 0 ? body.sub : null;
    if (!userId) return ANONYMOUS;
    const roles = Array.isArray(body.roles) ? body.roles.filter(isRole) : [];
    const employeeId =
      typeof body.employeeId === 'string' && body.employeeId.length > 0 ? body.employeeId : null;
    return { userId, roles, employeeId };
  } catch {
    return ANONYMOUS;
  }
}
