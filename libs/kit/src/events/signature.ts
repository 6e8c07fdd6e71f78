import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { Keyring, Principal, Signature } from '../auth/keys.js';

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

/** The header's value as stored with a dead letter; null when the message had none. */
export function signatureHeaderOf(headers: MsgHdrs | undefined): string | null {
  return headers?.get(SIGNATURE_HEADER) || null;
}

/** `<kid>.<sig>` -> its parts; undefined for anything else. */
export function parseSignature(value: string | null | undefined): Signature | undefined {
  if (!value) return undefined;
  const dot = value.indexOf('.');
  if (dot < 1 || dot === value.length - 1) return undefined;
  return { kid: value.slice(0, dot), sig: value.slice(dot + 1) };
}

export type SignatureCheck =
  | { ok: true; kid: string }
  | { ok: false; unsigned: boolean; signedBy?: Principal };

/**
 * Whether `body` was signed as `kind` for `binding` by `principal`, and by which of its keys. Nothing
 * is remembered between calls: every message is checked on its own bytes.
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
  if (keyring.verify(principal, signedBytes(kind, binding, body), signature))
    return { ok: true, kid: signature.kid };
  return { ok: false, unsigned: false, signedBy: keyring.principalOf(signature.kid) };
}

/** Headers carrying a signature as it arrived (a dead letter's, for its replay), or none. */
export function headersWithSignature(value: string | null): MsgHdrs {
  const headers = natsHeaders();
  if (value) headers.set(SIGNATURE_HEADER, value);
  return headers;
}
