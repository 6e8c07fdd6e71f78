import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * A principal's Ed25519 key used for key agreement (X25519), so the keys every process already holds
 * and trusts also let the gateway agree a secret with one subgraph: the standard birational map
 * between the two curves (RFC 7748 section 4.1; what libsodium's crypto_sign_ed25519_*_to_curve25519
 * do). No second key per principal to configure, rotate or leak.
 */

// DER framing of raw X25519 keys (RFC 8410): PKCS#8 for a 32-byte scalar, SPKI for a 32-byte public key.
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

const P = 2n ** 255n - 19n;

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % P;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

/** The X25519 public key (u) of an Ed25519 public key (y): u = (1 + y) / (1 - y) mod p. */
export function x25519PublicFromEd25519(ed25519Raw: Buffer): KeyObject {
  if (ed25519Raw.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? ed25519Raw[i] & 0x7f : ed25519Raw[i]);
  if (y >= P || y === 1n) throw new Error('not a usable Ed25519 public key');
  let u = ((1n + y) * modPow((1n - y + P) % P, P - 2n)) % P;
  const raw = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) {
    raw[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return x25519PublicKey(raw);
}

/** The X25519 private key of an Ed25519 seed: the first half of SHA-512(seed), as Ed25519 itself uses it. */
export function x25519PrivateFromEd25519Seed(seed: Buffer): KeyObject {
  const scalar = createHash('sha512').update(seed).digest().subarray(0, 32);
  return createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_PREFIX, scalar]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function x25519PublicKey(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('an X25519 public key has 32 bytes');
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawX25519Public(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length);
}
