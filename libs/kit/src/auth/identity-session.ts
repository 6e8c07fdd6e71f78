import { createHmac, diffieHellman, generateKeyPairSync, hkdfSync, timingSafeEqual } from 'node:crypto';
import {
  type ForwardedRequest,
  IDENTITY_HEADER,
  IDENTITY_SESSION_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  type Identity,
  type IdentityRefusal,
  identityStatement,
  type SessionChecker,
  SESSION_MAC_PREFIX as MAC_PREFIX,
} from './identity.js';
import type { Keyring } from './keys.js';
import { rawX25519Public, x25519PublicKey } from './x25519.js';

/**
 * Identity sessions: the same statement per request (caller, audience, method, path, body digest,
 * time, nonce), authenticated with an HMAC instead of an Ed25519 signature, which was the largest
 * single cost of a subgraph's request (bench/RESULTS.md, "Request path").
 *
 * The gateway makes an ephemeral X25519 key per subgraph and signs, with its Ed25519 key, a session
 * statement naming the subgraph, the subgraph key it is for, that ephemeral public key and an expiry.
 * The MAC key is HKDF of X25519(ephemeral, subgraph's key) bound to that signed statement: only the
 * gateway and that subgraph's holders of its key can compute it. So, as with a signature per request:
 * nobody else can mint or alter an identity for that subgraph, another service's key buys nothing,
 * and a session for one subgraph is refused at another. Each request carries the signed session, so
 * any replica verifies it once (then keeps its key) and no replica needs state from another.
 */
/** The longest a session may be used; the gateway starts a new one after half of it. */
export const SESSION_LIFETIME_MS = 10 * 60_000;
const SESSION_SKEW_MS = 5_000;
const HKDF_SALT = Buffer.from('backoffice identity session v1');

interface SessionStatement {
  aud: string;
  /** The key id of the subgraph key the session was agreed with. */
  to: string;
  /** The gateway's ephemeral X25519 public key, base64url. */
  epk: string;
  iat: number;
  exp: number;
}

const macOf = (key: Buffer, encoded: string) => createHmac('sha256', key).update(encoded).digest();
const deriveKey = (shared: Buffer, signedSession: string) =>
  Buffer.from(hkdfSync('sha256', shared, HKDF_SALT, signedSession, 32));

/**
 * The gateway's signer: a session per subgraph when exactly one key is trusted for it, else (an
 * unknown audience, a rotation under way) one Ed25519 signature per request as before.
 */
export function createIdentitySigner(keyring: Pick<Keyring, 'sign' | 'agreementKeyOf'>) {
  const sessions = new Map<string, { header: string; key: Buffer; renewAt: number }>();
  function sessionFor(audience: string, now: number) {
    const current = sessions.get(audience);
    if (current && now < current.renewAt) return current;
    const peer = keyring.agreementKeyOf(audience);
    if (!peer) return undefined;
    const ephemeral = generateKeyPairSync('x25519');
    const statement: SessionStatement = {
      aud: audience,
      to: peer.kid,
      epk: rawX25519Public(ephemeral.publicKey).toString('base64url'),
      iat: now,
      exp: now + SESSION_LIFETIME_MS,
    };
    const encoded = Buffer.from(JSON.stringify(statement)).toString('base64url');
    const { kid, sig } = keyring.sign(encoded);
    const header = `${encoded}.${kid}.${sig}`;
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: peer.key });
    const session = { header, key: deriveKey(shared, header), renewAt: now + SESSION_LIFETIME_MS / 2 };
    sessions.set(audience, session);
    return session;
  }
  return (identity: Identity, request: ForwardedRequest, now = Date.now()): Record<string, string> => {
    const encoded = identityStatement(identity, request, now);
    const session = sessionFor(request.audience, now);
    if (!session) {
      const { kid, sig } = keyring.sign(encoded);
      return { [IDENTITY_HEADER]: encoded, [IDENTITY_SIGNATURE_HEADER]: `${kid}.${sig}` };
    }
    return {
      [IDENTITY_HEADER]: encoded,
      [IDENTITY_SIGNATURE_HEADER]: `${MAC_PREFIX}${macOf(session.key, encoded).toString('base64url')}`,
      [IDENTITY_SESSION_HEADER]: session.header,
    };
  };
}

/**
 * A subgraph's view of the gateway's sessions: each signed session verified once and its key kept
 * until it expires (at most `capacity`, the oldest forgotten first, so a flood of forged sessions
 * costs what a signature per request cost, never memory).
 */
export class IdentitySessions implements SessionChecker {
  private readonly keys = new Map<string, { key: Buffer; exp: number }>();

  constructor(
    private readonly keyring: Pick<Keyring, 'verify' | 'agree' | 'kid'>,
    private readonly audience: string,
    private readonly capacity = 64,
  ) {}

  /** Sessions whose keys are kept. */
  get size(): number {
    return this.keys.size;
  }

  /** True when `signature` (`session.<mac>`) is the MAC of `encoded` under the signed session `header`. */
  check(
    encoded: string,
    signature: string,
    header: string | undefined,
    now = Date.now(),
  ): true | IdentityRefusal {
    if (!header) return 'malformed';
    const key = this.keyOf(header, now);
    if (typeof key === 'string') return key;
    const given = Buffer.from(signature.slice(MAC_PREFIX.length), 'base64url');
    const expected = macOf(key, encoded);
    return given.length === expected.length && timingSafeEqual(given, expected) ? true : 'forged';
  }

  private keyOf(header: string, now: number): Buffer | IdentityRefusal {
    const known = this.keys.get(header);
    if (known) return now < known.exp ? known.key : 'stale';
    const [encoded, kid, sig, ...rest] = header.split('.');
    if (!encoded || !kid || !sig || rest.length > 0) return 'malformed';
    if (!this.keyring.verify('gateway', encoded, { kid, sig })) return 'forged';
    let s: Partial<SessionStatement>;
    try {
      s = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    } catch {
      return 'malformed';
    }
    if (!s || typeof s.epk !== 'string' || !Number.isSafeInteger(s.iat) || !Number.isSafeInteger(s.exp))
      return 'malformed';
    if (s.aud !== this.audience || s.to !== this.keyring.kid) return 'audience';
    const iat = s.iat as number;
    const exp = s.exp as number;
    if (iat > now + SESSION_SKEW_MS || exp <= now || exp - iat > SESSION_LIFETIME_MS) return 'stale';
    let key: Buffer;
    try {
      key = deriveKey(this.keyring.agree(x25519PublicKey(Buffer.from(s.epk, 'base64url'))), header);
    } catch {
      return 'malformed'; // not a point on the curve, or one of small order (an all-zero secret)
    }
    if (this.keys.size >= this.capacity) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(header, { key, exp });
    return key;
  }
}

const signers = new WeakMap<object, ReturnType<typeof createIdentitySigner>>();

/** The one signer (hence one session per subgraph) of a keyring, wherever the gateway signs from. */
export function identitySignerOf(keyring: Pick<Keyring, 'sign' | 'agreementKeyOf'>) {
  let signer = signers.get(keyring);
  if (!signer) {
    signer = createIdentitySigner(keyring);
    signers.set(keyring, signer);
  }
  return signer;
}
