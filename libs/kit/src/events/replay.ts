import { randomUUID } from 'node:crypto';
import type { Msg } from '@nats-io/transport-node';
import type pg from 'pg';
import type { Keyring } from '../auth/keys.js';
import type { Logger } from '../logger.js';
import type { Bus } from './bus.js';
import { checkSignature, signMessage } from './signature.js';
import type { Refusals } from './verification.js';

/**
 * Repair from the outbox. A service answers replay requests for its own events by republishing the
 * asked range from its outbox with the original event ids (consumers' inboxes absorb anything they
 * already applied). Requests travel on `_backoffice.replay.<service>`, a subject outside the stream's
 * `backoffice.>` (a request there would be stored as an event). Each request is signed by the
 * service that asks and is good for 30 s and once; each reply is signed by the service that answers,
 * bound to the request it answers; watermarks are signed by their source (see signature.ts).
 */
export interface ReplayRequest {
  /** The service asking; it signs the request. */
  requester: string;
  /** The service asked: the request is good for this responder only. */
  source: string;
  subject: string;
  from: number;
  to: number;
  time: number;
  /** Unique per request: a reply names it, and a responder answers it once. */
  nonce: string;
}

export interface ReplayReply {
  republished: number;
  /** Sequence numbers the outbox no longer holds (older than its retention): lost for good. */
  missing: number[];
  error?: string;
}

export const MAX_REPLAY_RANGE = 10_000;
const REQUEST_VALID_MS = 30_000;

export const replaySubject = (prefix: string, service: string) => `${prefix}_backoffice.replay.${service}`;

/** Where a service announces the last sequence number it published per event type (core NATS, not stored). */
export const watermarkSubject = (prefix: string, service: string) =>
  `${prefix}_backoffice.watermark.${service}`;

/** `backoffice.hr.employee.hired` -> `hr`. */
export const sourceOf = (type: string) => type.split('.')[1] ?? '';

/** Announces the service's watermarks every `everyMs`, signed; returns a function that stops. */
export function announceWatermarks(options: {
  service: string;
  bus: Bus;
  pool: pg.Pool;
  keyring: Keyring;
  everyMs: number;
  log: Logger;
}): () => void {
  const timer = setInterval(async () => {
    try {
      const { rows } = await options.pool.query<{ subject: string; last_seq: string }>(
        'SELECT subject, last_seq FROM outbox_sequence',
      );
      if (rows.length === 0) return;
      const subjects = Object.fromEntries(rows.map((r) => [r.subject, Number(r.last_seq)]));
      const body = JSON.stringify({ source: options.service, subjects });
      options.bus.nc.publish(watermarkSubject(options.bus.prefix, options.service), body, {
        headers: signMessage(options.keyring, 'watermark', options.service, body),
      });
    } catch (e) {
      options.log.debug({ err: (e as Error).message }, 'watermark not announced');
    }
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A watermark's numbers, if its source signed it: the source is the subject's last segment, and the
 * numbers must all be of that source's own event types. Undefined otherwise.
 */
export function verifiedWatermark(
  msg: Pick<Msg, 'subject' | 'data' | 'headers'>,
  keyring: Keyring,
): { source: string; subjects: Map<string, number> } | undefined {
  const source = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
  if (!checkSignature(keyring, source, 'watermark', source, msg.data, msg.headers).ok) return undefined;
  const mark = JSON.parse(new TextDecoder().decode(msg.data)) as { source?: string; subjects?: unknown };
  if (mark.source !== source || !mark.subjects || typeof mark.subjects !== 'object') return undefined;
  const subjects = new Map<string, number>();
  for (const [subject, last] of Object.entries(mark.subjects as Record<string, unknown>)) {
    // A source speaks only for its own event types.
    if (sourceOf(subject) !== source || !Number.isSafeInteger(last)) return undefined;
    subjects.set(subject, last as number);
  }
  return { source, subjects };
}

/**
 * Why a request may not be answered, or undefined. `source` is the responder: a request for another
 * service, for another service's event type, signed by no service (the gateway is not one), or older
 * than 30 s is refused.
 */
export function verifyReplayRequest(
  keyring: Keyring,
  source: string,
  r: Partial<ReplayRequest>,
  msg: Pick<Msg, 'data' | 'headers'>,
  now = Date.now(),
): string | undefined {
  if (
    typeof r.requester !== 'string' ||
    typeof r.subject !== 'string' ||
    typeof r.nonce !== 'string' ||
    !Number.isSafeInteger(r.from) ||
    !Number.isSafeInteger(r.to) ||
    typeof r.time !== 'number'
  )
    return 'malformed replay request';
  if (
    r.requester === 'gateway' ||
    !checkSignature(keyring, r.requester, 'replay-request', source, msg.data, msg.headers).ok
  )
    return 'replay request not signed by a platform service';
  if (r.source !== source || sourceOf(r.subject) !== source) return `replay request not meant for ${source}`;
  if (Math.abs(now - r.time) > REQUEST_VALID_MS) return 'stale replay request';
  if (
    (r.from as number) < 1 ||
    (r.to as number) < (r.from as number) ||
    (r.to as number) - (r.from as number) >= MAX_REPLAY_RANGE
  ) {
    return `replay range must be 1 <= from <= to and at most ${MAX_REPLAY_RANGE} events`;
  }
  return undefined;
}

/**
 * Republishes `subject` events `from..to` from the outbox, signed again by `keyring` (the source
 * itself); shared by the responder and `pnpm ops:replay`.
 */
export async function republishRange(
  pool: pg.Pool,
  bus: Bus,
  keyring: Keyring,
  subject: string,
  from: number,
  to: number,
): Promise<ReplayReply> {
  const { rows } = await pool.query<{ event_id: string; payload: object; source_seq: string }>(
    'SELECT event_id, payload, source_seq FROM outbox WHERE subject = $1 AND source_seq BETWEEN $2 AND $3 ORDER BY source_seq',
    [subject, from, to],
  );
  const stamp = Date.now();
  // A fresh Nats-Msg-Id: the original id may still sit in the stream's duplicate window even though
  // its message is gone. The CloudEvent id stays the original, which is what inboxes dedupe on.
  await Promise.all(
    rows.map((row) => {
      const body = JSON.stringify({ ...row.payload, sourceseq: Number(row.source_seq) });
      return bus.js.publish(`${bus.prefix}${subject}`, body, {
        msgID: `${row.event_id}:replay:${stamp}`,
        headers: signMessage(keyring, 'event', subject, body),
      });
    }),
  );
  const have = new Set(rows.map((r) => Number(r.source_seq)));
  const missing: number[] = [];
  for (let seq = from; seq <= to; seq++) if (!have.has(seq)) missing.push(seq);
  return { republished: rows.length, missing };
}

/** Answers replay requests for `service`'s events. Returns a function that stops answering. */
export function serveReplays(options: {
  service: string;
  bus: Bus;
  pool: pg.Pool;
  /** Signs the replayed events and the replies; verifies who asks. */
  keyring: Keyring;
  log: Logger;
  refusals?: Refusals;
}): () => void {
  const { bus, log, keyring, service } = options;
  // Nonces answered within the validity window: a captured request cannot be played again.
  const answered = new Map<string, number>();
  const sub = bus.nc.subscribe(replaySubject(bus.prefix, service), {
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let reply: ReplayReply;
        let nonce = '';
        try {
          const request = JSON.parse(new TextDecoder().decode(msg.data)) as Partial<ReplayRequest>;
          nonce = typeof request.nonce === 'string' ? request.nonce : '';
          const now = Date.now();
          for (const [n, at] of answered) if (now - at > 2 * REQUEST_VALID_MS) answered.delete(n);
          const refused =
            verifyReplayRequest(keyring, service, request, msg, now) ??
            (answered.has(nonce) ? 'replay request already answered' : undefined);
          if (refused) {
            const reason = /signed/.test(refused)
              ? 'signature'
              : /stale|already/.test(refused)
                ? 'replayed'
                : 'invalid';
            options.refusals?.count('replay_request', reason);
            log.error({ refused, requester: request.requester }, 'replay request refused');
            reply = { republished: 0, missing: [], error: refused };
          } else {
            answered.set(nonce, now);
            reply = await republishRange(
              options.pool,
              bus,
              keyring,
              request.subject as string,
              request.from as number,
              request.to as number,
            );
            log.warn(
              {
                subject: request.subject,
                from: request.from,
                to: request.to,
                by: request.requester,
                ...reply,
              },
              'replayed events from the outbox',
            );
          }
        } catch (e) {
          reply = { republished: 0, missing: [], error: (e as Error).message };
        }
        const body = JSON.stringify(reply);
        msg.respond(body, { headers: signMessage(keyring, 'replay-reply', nonce, body) });
      })();
    },
  });
  return () => sub.unsubscribe();
}

/** The signed request `keyring`'s service sends to ask the source of `subject` for a range. */
export function replayRequest(keyring: Keyring, subject: string, from: number, to: number, now = Date.now()) {
  const source = sourceOf(subject);
  const request: ReplayRequest = {
    requester: keyring.self,
    source,
    subject,
    from,
    to,
    time: now,
    nonce: randomUUID(),
  };
  const body = JSON.stringify(request);
  return { request, body, headers: signMessage(keyring, 'replay-request', source, body) };
}

/**
 * Asks the source of `subject` to replay a range; used by consumers that detect a gap. The answer
 * counts only when the source signed it for this very request.
 */
export async function requestReplay(
  bus: Bus,
  keyring: Keyring,
  subject: string,
  from: number,
  to: number,
  timeoutMs = 5_000,
): Promise<ReplayReply> {
  const { request, body, headers } = replayRequest(keyring, subject, from, to);
  const msg = await bus.nc.request(replaySubject(bus.prefix, request.source), body, {
    timeout: timeoutMs,
    headers,
  });
  if (!checkSignature(keyring, request.source, 'replay-reply', request.nonce, msg.data, msg.headers).ok)
    throw new UnsignedReplyError(`the replay reply is not signed by ${request.source}`);
  return JSON.parse(new TextDecoder().decode(msg.data)) as ReplayReply;
}

export class UnsignedReplyError extends Error {}
