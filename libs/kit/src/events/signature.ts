import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { Keyring, Principal, Signature } from '../auth/keys.js';
import { RootCheck, rootBytes, rootOf, treeOf } from './signature-tree.js';

/**
 * Who said it, on the bus. Everything a service puts there (events, replay requests and replies,
 * watermarks) carries an Ed25519 signature by that service's own key in one NATS header,
 * `Backoffice-Signature: <kid>.<sig>`.
 *
 * A header rather than a CloudEvent extension attribute: the signature then covers the exact bytes
 * on the wire, `sourceseq` included, with no canonical JSON to agree on and no attribute to strip
 * before checking; and any body can be signed, even one that is not JSON. JetStream keeps headers
 * with the message, and a parked event keeps its signature beside its payload, so a redelivery, a
 * replay from the stream or `pnpm ops:replay` of a dead letter verifies again.
 *
 * Many messages may share one signature (`signMessages`, signature-tree.ts): the header then also
 * carries the message's place in the signed tree, `<kid>.<sig>.<index>.<path>`, and is checked on the
 * message's own bytes all the same.
 *
 * The signed bytes are `backoffice <kind>\n<binding>\n<body>`: the kind keeps a signature made for
 * one purpose (a watermark) from passing for another (an event); the binding names where the
 * message is addressed (an event's type, which is its subject; the service asked for a replay).
 */
export const SIGNATURE_HEADER = 'Backoffice-Signature';

export type SignedKind = 'event' | 'replay-request' | 'replay-reply' | 'watermark';

function signedBytes(kind: SignedKind, binding: string, body: string | Uint8Array): Buffer {
  const head = `backoffice ${kind}\n${binding}\n`;
  if (typeof body === 'string') return Buffer.from(head + body);
  return Buffer.concat([Buffer.from(head), body]);
}

/** Signs `body` as `keyring`'s principal into `headers` (new ones when not given); returns them. */
export function signMessage(
  keyring: Keyring,
  kind: SignedKind,
  binding: string,
  body: string | Uint8Array,
  headers: MsgHdrs = natsHeaders(),
): MsgHdrs {
  const { kid, sig } = keyring.sign(signedBytes(kind, binding, body));
  headers.set(SIGNATURE_HEADER, `${kid}.${sig}`);
  return headers;
}

/**
 * Signs several messages with one signature over a tree of their signed bytes (signature-tree.ts):
 * one Ed25519 signature for the lot, and each message's header carries its path to the signed root.
 * Answers each message's headers, in order.
 */
export function signMessages(
  keyring: Keyring,
  kind: SignedKind,
  messages: { binding: string; body: string | Uint8Array; headers?: MsgHdrs }[],
): MsgHdrs[] {
  if (messages.length === 1) {
    const [m] = messages;
    return [signMessage(keyring, kind, m.binding, m.body, m.headers)];
  }
  const { root, paths } = treeOf(messages.map((m) => signedBytes(kind, m.binding, m.body)));
  const { kid, sig } = keyring.sign(rootBytes(root));
  return messages.map((m, i) => {
    const headers = m.headers ?? natsHeaders();
    headers.set(SIGNATURE_HEADER, `${kid}.${sig}.${i}.${paths[i].toString('base64url')}`);
    return headers;
  });
}

/** The header's value as stored with a dead letter; null when the message had none. */
export function signatureHeaderOf(headers: MsgHdrs | undefined): string | null {
  return headers?.get(SIGNATURE_HEADER) || null;
}

/** A signature header's parts: a message's own signature, or a tree's with the message's place in it. */
export type SignatureParts = Signature & { tree?: { index: number; path: Buffer } };

/** `<kid>.<sig>` or `<kid>.<sig>.<index>.<path>` -> its parts; undefined for anything else. */
export function parseSignature(value: string | null | undefined): SignatureParts | undefined {
  if (!value) return undefined;
  const parts = value.split('.');
  if (parts.some((p) => p === '')) return undefined;
  if (parts.length === 2) return { kid: parts[0], sig: parts[1] };
  if (parts.length !== 4 || !/^\d{1,9}$/.test(parts[2])) return undefined;
  const path = Buffer.from(parts[3], 'base64url');
  return { kid: parts[0], sig: parts[1], tree: { index: Number(parts[2]), path } };
}

/** Per keyring, the tree roots whose signature verified (see RootCheck). */
const rootChecks = new WeakMap<Keyring, RootCheck>();

export type SignatureCheck =
  | { ok: true; kid: string }
  | { ok: false; unsigned: boolean; signedBy?: Principal };

/**
 * Whether `body` was signed as `kind` for `binding` by `principal`, and by which of its keys. Every
 * message is checked on its own bytes; all that is remembered between calls is which tree roots'
 * signatures verified, so the messages signed together cost one Ed25519 verification.
 */
export function checkSignature(
  keyring: Keyring,
  principal: Principal,
  kind: SignedKind,
  binding: string,
  body: string | Uint8Array,
  headers: MsgHdrs | undefined,
): SignatureCheck {
  const signature = parseSignature(signatureHeaderOf(headers));
  if (!signature) return { ok: false, unsigned: true };
  const bytes = signedBytes(kind, binding, body);
  const { tree } = signature;
  let ok: boolean;
  if (!tree) ok = keyring.verify(principal, bytes, signature);
  else {
    const root = rootOf(bytes, tree.index, tree.path);
    const roots = rootChecks.get(keyring) ?? new RootCheck();
    rootChecks.set(keyring, roots);
    ok =
      root !== undefined &&
      roots.check(principal, signature.kid, signature.sig, root, () =>
        keyring.verify(principal, rootBytes(root), signature),
      );
  }
  if (ok) return { ok: true, kid: signature.kid };
  return { ok: false, unsigned: false, signedBy: keyring.principalOf(signature.kid) };
}

/** Headers carrying a signature as it arrived (a dead letter's, for its replay), or none. */
export function headersWithSignature(value: string | null): MsgHdrs {
  const headers = natsHeaders();
  if (value) headers.set(SIGNATURE_HEADER, value);
  return headers;
}
