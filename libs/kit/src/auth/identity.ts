import { createHmac, timingSafeEqual } from 'node:crypto';

/** The roles of the contract. A token naming any other role is refused at the gateway. */
export const ROLES = [
  'admin',
  'hr',
  'payroll',
  'accountant',
  'controller',
  'compliance_officer',
  'it_agent',
  'analyst',
  'employee',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The verified caller as the gateway saw it. `userId` null means anonymous. */
export interface Identity {
  userId: string | null;
  roles: Role[];
  employeeId: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({ userId: null, roles: [], employeeId: null }) as Identity;

/**
 * Gateway -> subgraph trust. The gateway forwards the identity it verified as three headers: the
 * identity (base64url JSON), the time it signed it (ms since epoch), and an HMAC-SHA256 over both
 * with INTERNAL_SIGNING_KEY. A subgraph accepts the identity only with a valid signature no older
 * than `maxAgeMs`, so a captured header set cannot be replayed later and a forged role fails.
 */
export const IDENTITY_HEADER = 'x-backoffice-identity';
export const IDENTITY_TIME_HEADER = 'x-backoffice-identity-time';
export const IDENTITY_SIGNATURE_HEADER = 'x-backoffice-identity-signature';
export const DEFAULT_IDENTITY_MAX_AGE_MS = 30_000;

/**
 * The keys a signature may have been made with: the current INTERNAL_SIGNING_KEY and, while a rotation
 * is rolling out, INTERNAL_SIGNING_KEY_PREVIOUS. Signing always uses the first.
 */
export type VerificationKeys = string | readonly string[];

/** True when `given` equals `sign(key)` for one of `keys`, compared in constant time per key. */
export function signatureMatches(
  keys: VerificationKeys,
  given: string,
  sign: (key: string) => string,
): boolean {
  const actual = Buffer.from(given);
  let matched = false;
  // Every key is tried (no early exit), so timing does not tell which key a forgery came close to.
  for (const key of typeof keys === 'string' ? [keys] : keys) {
    const expected = Buffer.from(sign(key));
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) matched = true;
  }
  return matched;
}

function mac(key: string, time: string, encoded: string): string {
  return createHmac('sha256', key).update(`${time}.${encoded}`).digest('base64url');
}

export function encodeIdentity(identity: Identity): string {
  const body = { sub: identity.userId, roles: identity.roles, employeeId: identity.employeeId };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function signIdentity(identity: Identity, key: string, now = Date.now()): Record<string, string> {
  const encoded = encodeIdentity(identity);
  const time = String(now);
  return {
    [IDENTITY_HEADER]: encoded,
    [IDENTITY_TIME_HEADER]: time,
    [IDENTITY_SIGNATURE_HEADER]: mac(key, time, encoded),
  };
}

export type IdentityVerification =
  | { ok: true; identity: Identity }
  | { ok: false; reason: 'missing' | 'stale' | 'forged' | 'malformed' };

type HeaderBag =
  | { get(name: string): string | null | undefined }
  | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export function verifyIdentity(
  headers: HeaderBag,
  keys: VerificationKeys,
  { maxAgeMs = DEFAULT_IDENTITY_MAX_AGE_MS, now = Date.now() }: { maxAgeMs?: number; now?: number } = {},
): IdentityVerification {
  const encoded = header(headers, IDENTITY_HEADER);
  const time = header(headers, IDENTITY_TIME_HEADER);
  const signature = header(headers, IDENTITY_SIGNATURE_HEADER);
  if (!encoded && !time && !signature) return { ok: false, reason: 'missing' };
  if (!encoded || !time || !signature || !/^\d{1,15}$/.test(time)) return { ok: false, reason: 'malformed' };
  if (!signatureMatches(keys, signature, (key) => mac(key, time, encoded)))
    return { ok: false, reason: 'forged' };
  // Small allowance for clock skew forwards; nothing older than the window.
  const age = now - Number(time);
  if (age > maxAgeMs || age < -5_000) return { ok: false, reason: 'stale' };
  try {
    const body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const roles = Array.isArray(body.roles) ? body.roles.filter(isRole) : [];
    const userId = typeof body.sub === 'string' && body.sub.length > 0 ? body.sub : null;
    const employeeId =
      typeof body.employeeId === 'string' && body.employeeId.length > 0 ? body.employeeId : null;
    return {
      ok: true,
      identity: { userId, roles: userId ? roles : [], employeeId: userId ? employeeId : null },
    };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
