import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  diffieHellman,
  sign,
  verify,
} from 'node:crypto';
import { ConfigError, isDevMode, type RunMode, SERVICE_NAMES, secretFromEnv } from '../config.js';
import { x25519PrivateFromEd25519Seed, x25519PublicFromEd25519 } from './x25519.js';

/**
 * Who may speak on the platform. Each principal signs what it says with an Ed25519 key only it holds:
 * the gateway (and the router's coprocessor, which stands in for it) the identities it forwards, each
 * service the events it records, the replay requests it sends and the watermarks it announces.
 * Everyone verifies with public keys given by configuration, so a compromised service can sign only
 * as itself, and no process that verifies can forge.
 */
export const PRINCIPALS = ['gateway', ...SERVICE_NAMES] as const;
export type Principal = (typeof PRINCIPALS)[number] | (string & {});

export interface Signature {
  /** Which key signed: a short hash of its public key, so a rotation can run old and new side by side. */
  kid: string;
  /** Ed25519 over the exact bytes, base64url. */
  sig: string;
}

/** This process's signing key and the public keys it trusts, per principal. */
export interface Keyring {
  readonly self: Principal;
  readonly kid: string;
  sign(data: string | Uint8Array): Signature;
  /** True when `signature` is over `data` by a key trusted for `principal` (never another principal's). */
  verify(principal: Principal, data: string | Uint8Array, signature: Partial<Signature> | undefined): boolean;
  /** The principal a key id belongs to, if any key trusted here has it. */
  principalOf(kid: string): Principal | undefined;
  /**
   * The key to agree a secret with `principal` (X25519 of its Ed25519 key), when exactly one key is
   * trusted for it: during a rotation the other side may hold either, so there is none to agree with.
   */
  agreementKeyOf(principal: Principal): { kid: string; key: KeyObject } | undefined;
  /** X25519 of this process's own key with `peer`: the secret only the two holders can compute. */
  agree(peer: KeyObject): Buffer;
}

// DER framing of a raw Ed25519 key (RFC 8410): PKCS#8 for a 32-byte seed, SPKI for a 32-byte public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function rawBytes(text: string, what: string): Buffer {
  const bytes = Buffer.from(text.trim(), 'base64url');
  if (bytes.length !== 32) throw new ConfigError(`${what}: expected a 32-byte Ed25519 key in base64url`);
  return bytes;
}

/** A private key from a base64url seed (what `pnpm keys:generate` prints) or a PKCS#8 PEM. */
export function privateKeyFrom(text: string, what = 'SIGNING_KEY'): KeyObject {
  if (text.includes('-----BEGIN')) {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${what}: not an Ed25519 key`);
    return key;
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, rawBytes(text, what)]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** A public key from base64url raw bytes or an SPKI PEM. */
export function publicKeyFrom(text: string, what = 'TRUSTED_KEYS'): KeyObject {
  if (text.includes('-----BEGIN')) {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${what}: not an Ed25519 key`);
    return key;
  }
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, rawBytes(text, what)]),
    format: 'der',
    type: 'spki',
  });
}

/** The raw public key, base64url: the form TRUSTED_KEYS lists. */
export function rawPublicKey(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('base64url');
}

export function keyId(key: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(key), 'base64url').digest('base64url').slice(0, 12);
}

/** A fresh key pair: the seed goes into the principal's SIGNING_KEY, the public key into everyone's TRUSTED_KEYS. */
export function generateSigningKey(): { signingKey: string; publicKey: string; kid: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  return {
    signingKey: seed.toString('base64url'),
    publicKey: rawPublicKey(privateKey),
    kid: keyId(privateKey),
  };
}

/**
 * The dev key of a principal, derived from its name: anyone with the repo can compute it, which is
 * why it is accepted only in dev mode (BACKOFFICE_DEV=1) and refused everywhere else, on either side.
 */
export function devSigningKey(principal: Principal): string {
  return createHash('sha256').update(`backoffice dev signing key: ${principal}`).digest('base64url');
}

const DEV_PUBLIC_KEYS = new Map<string, string>();
function devPublicKey(principal: Principal): string {
  let key = DEV_PUBLIC_KEYS.get(principal);
  if (!key) {
    key = rawPublicKey(privateKeyFrom(devSigningKey(principal)));
    DEV_PUBLIC_KEYS.set(principal, key);
  }
  return key;
}

function isDevKey(publicKey: string): boolean {
  return PRINCIPALS.some((p) => devPublicKey(p) === publicKey);
}

/** `{ "hr": ["<base64url>", ...], "gateway": [...] }`; every principal's keys are a list, for rotations. */
export function parseTrustedKeys(text: string): Map<Principal, string[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ConfigError('TRUSTED_KEYS: not JSON (expected {"<principal>": ["<public key>", ...]})');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigError('TRUSTED_KEYS: expected an object of principal -> list of public keys');
  const trusted = new Map<Principal, string[]>();
  for (const [principal, keys] of Object.entries(doc)) {
    const list = typeof keys === 'string' ? [keys] : keys;
    if (!Array.isArray(list) || list.some((k) => typeof k !== 'string'))
      throw new ConfigError(`TRUSTED_KEYS.${principal}: expected a list of public keys`);
    trusted.set(
      principal,
      list.map((k: string) => rawPublicKey(publicKeyFrom(k, `TRUSTED_KEYS.${principal}`))),
    );
  }
  return trusted;
}

/** Every principal's dev public key: what dev mode trusts when TRUSTED_KEYS is not given. */
export function devTrustedKeys(principals: readonly Principal[] = PRINCIPALS): Map<Principal, string[]> {
  return new Map(principals.map((p) => [p, [devPublicKey(p)]]));
}

export function createKeyring(
  self: Principal,
  signingKey: string,
  trusted: Map<Principal, string[]>,
): Keyring {
  const privateKey = privateKeyFrom(signingKey);
  const kid = keyId(privateKey);
  // Key id -> (principal, key): a kid names exactly one trusted key, so verification is one check.
  const byKid = new Map<string, { principal: Principal; key: KeyObject }>();
  for (const [principal, keys] of trusted) {
    for (const raw of keys) {
      const key = publicKeyFrom(raw);
      const id = keyId(key);
      const other = byKid.get(id);
      if (other && other.principal !== principal)
        throw new ConfigError(`TRUSTED_KEYS: one key is listed for both ${other.principal} and ${principal}`);
      byKid.set(id, { principal, key });
    }
  }
  const bytes = (data: string | Uint8Array) => (typeof data === 'string' ? Buffer.from(data) : data);
  const agreementKeys = new Map<Principal, { kid: string; key: KeyObject } | undefined>();
  let ownAgreementKey: KeyObject | undefined;
  return {
    self,
    kid,
    sign: (data) => ({ kid, sig: sign(null, bytes(data), privateKey).toString('base64url') }),
    verify(principal, data, signature) {
      if (typeof signature?.kid !== 'string' || typeof signature.sig !== 'string') return false;
      const entry = byKid.get(signature.kid);
      if (!entry || entry.principal !== principal) return false;
      const sig = Buffer.from(signature.sig, 'base64url');
      return sig.length === 64 && verify(null, bytes(data), entry.key, sig);
    },
    principalOf: (id) => byKid.get(id)?.principal,
    agreementKeyOf(principal) {
      if (!agreementKeys.has(principal)) {
        const keys = trusted.get(principal) ?? [];
        agreementKeys.set(
          principal,
          keys.length === 1
            ? {
                kid: keyId(publicKeyFrom(keys[0])),
                key: x25519PublicFromEd25519(Buffer.from(keys[0], 'base64url')),
              }
            : undefined,
        );
      }
      return agreementKeys.get(principal);
    },
    agree(peer) {
      ownAgreementKey ??= x25519PrivateFromEd25519Seed(seedOf(privateKey));
      return diffieHellman({ privateKey: ownAgreementKey, publicKey: peer });
    },
  };
}

function seedOf(privateKey: KeyObject): Buffer {
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
}

/**
 * The keyring of `self` from SIGNING_KEY (or SIGNING_KEY_FILE) and TRUSTED_KEYS (or TRUSTED_KEYS_FILE).
 * Dev mode may leave both out and use the derived dev keys; outside it both are required and no dev
 * key is accepted, signing or trusted, so a forgotten setting fails closed.
 */
export function loadKeyring(self: Principal, mode: RunMode, env: NodeJS.ProcessEnv = process.env): Keyring {
  const dev = isDevMode(mode);
  const signingKey = secretFromEnv('SIGNING_KEY', env);
  const trustedText = secretFromEnv('TRUSTED_KEYS', env);
  const missing = [!signingKey && 'SIGNING_KEY', !trustedText && 'TRUSTED_KEYS'].filter(Boolean);
  if (!dev && missing.length > 0)
    throw new ConfigError(
      `${missing.join(' and ')} (or the _FILE variant) required outside dev mode: ` +
        '`pnpm keys:generate` makes a key pair per principal (docs/operations.md, "Keys")' +
        (mode === 'unmarked'
          ? '; or NODE_ENV=production with real keys, or BACKOFFICE_DEV=1 on a developer machine for the dev keys'
          : ''),
    );
  // Dev mode may give one half: the dev key signs while TRUSTED_KEYS adds a real key (a test's production
  // gateway), or the reverse. Either way this process's key must be among TRUSTED_KEYS.<self> (below).
  const trusted = trustedText ? parseTrustedKeys(trustedText) : devTrustedKeys();
  const key = signingKey ?? devSigningKey(self);
  const privateKey = privateKeyFrom(key);
  if (!dev) {
    if (isDevKey(rawPublicKey(privateKey)))
      throw new ConfigError(
        'SIGNING_KEY: a dev key (derived from a public name) is accepted only with BACKOFFICE_DEV=1',
      );
    for (const [principal, keys] of trusted)
      if (keys.some(isDevKey))
        throw new ConfigError(`TRUSTED_KEYS.${principal}: a dev key is accepted only with BACKOFFICE_DEV=1`);
  }
  if (mode === 'production') {
    const weak = weakSeedReason(privateKey);
    if (weak) throw new ConfigError(weak);
  }
  const keyring = createKeyring(self, key, trusted);
  if (keyring.principalOf(keyring.kid) !== self)
    throw new ConfigError(
      `SIGNING_KEY: its public key is not among TRUSTED_KEYS.${self}; nobody would believe this process`,
    );
  return keyring;
}

/**
 * Why a signing key is not random, or null. A seed someone typed (a passphrase of 32 characters put
 * through base64url) or patterned (one byte repeated) has the right length yet is guessable; 32
 * random bytes are never all printable text (odds about 1e-14) and have about 30 distinct values.
 */
export function weakSeedReason(privateKey: KeyObject): string | null {
  const seed = seedOf(privateKey);
  const advice = 'use a key from `pnpm keys:generate`';
  if (new Set(seed).size < 16) return `SIGNING_KEY: too few distinct bytes to be random; ${advice}`;
  if (seed.every((b) => b >= 0x20 && b < 0x7f))
    return `SIGNING_KEY: the key is printable text (typed, not generated); ${advice}`;
  return null;
}
