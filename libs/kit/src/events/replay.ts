import { createHmac } from 'node:crypto';
import type pg from 'pg';
import { signatureMatches, type VerificationKeys } from '../auth/identity.js';
import type { Logger } from '../logger.js';
import type { Bus } from './bus.js';

/**
 * Repair from the outbox. A service answers replay requests for its own events by republishing the
 * asked range from its outbox with the original event ids (consumers' inboxes absorb anything they
 * already applied). Requests travel on `_backoffice.replay.<service>`, a subject outside the stream's
 * `backoffice.>` (a request there would be stored as an event), and must carry an HMAC with the
 * internal signing key: only our own services may ask.
 */
export interface ReplayRequest {
  subject: string;
  from: number;
  to: number;
  time: number;
  signature: string;
}

export interface ReplayReply {
  republished: number;
  /** Sequence numbers the outbox no longer holds (older than its retention): lost for good. */
  missing: number[];
  error?: string;
}

export const MAX_REPLAY_RANGE = 10_000;

export const replaySubject = (prefix: string, service: string) => `${prefix}_backoffice.replay.${service}`;

/** Where a service announces the last sequence number it published per event type (core NATS, not stored). */
export const watermarkSubject = (prefix: string, service: string) =>
  `${prefix}_backoffice.watermark.${service}`;

/** Announces the service's watermarks every `everyMs`; returns a function that stops. */
export function announceWatermarks(options: {
  service: string;
  bus: Bus;
  pool: pg.Pool;
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
      options.bus.nc.publish(
        watermarkSubject(options.bus.prefix, options.service),
        JSON.stringify({ source: options.service, subjects }),
      );
    } catch (e) {
      options.log.debug({ err: (e as Error).message }, 'watermark not announced');
    }
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** `backoffice.hr.employee.hired` -> `hr`. */
export const sourceOf = (type: string) => type.split('.')[1] ?? '';

function sign(key: string, subject: string, from: number, to: number, time: number): string {
  return createHmac('sha256', key).update(`${time}.${subject}.${from}.${to}`).digest('base64url');
}

export function signedReplayRequest(
  key: string,
  subject: string,
  from: number,
  to: number,
  now = Date.now(),
): ReplayRequest {
  return { subject, from, to, time: now, signature: sign(key, subject, from, to, now) };
}

export function verifyReplayRequest(
  keys: VerificationKeys,
  r: Partial<ReplayRequest>,
  now = Date.now(),
): string | undefined {
  if (
    typeof r.subject !== 'string' ||
    !Number.isSafeInteger(r.from) ||
    !Number.isSafeInteger(r.to) ||
    typeof r.time !== 'number'
  ) {
    return 'malformed replay request';
  }
  if (Math.abs(now - r.time) > 30_000) return 'stale replay request';
  const given = String(r.signature ?? '');
  if (
    !signatureMatches(keys, given, (key) =>
      sign(key, r.subject as string, r.from as number, r.to as number, r.time as number),
    )
  )
    return 'replay request not signed by the platform';
  if (
    (r.from as number) < 1 ||
    (r.to as number) < (r.from as number) ||
    (r.to as number) - (r.from as number) >= MAX_REPLAY_RANGE
  ) {
    return `replay range must be 1 <= from <= to and at most ${MAX_REPLAY_RANGE} events`;
  }
  return undefined;
}

/** Republishes `subject` events `from..to` from the outbox; shared by the responder and `pnpm ops:replay`. */
export async function republishRange(
  pool: pg.Pool,
  bus: Bus,
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
    rows.map((row) =>
      bus.js.publish(
        `${bus.prefix}${subject}`,
        JSON.stringify({ ...row.payload, sourceseq: Number(row.source_seq) }),
        {
          msgID: `${row.event_id}:replay:${stamp}`,
        },
      ),
    ),
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
  /** The platform's verification keys: the current one and, during a rotation, the previous one. */
  keys: VerificationKeys;
  log: Logger;
}): () => void {
  const { bus, log } = options;
  const sub = bus.nc.subscribe(replaySubject(bus.prefix, options.service), {
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let reply: ReplayReply;
        try {
          const request = JSON.parse(new TextDecoder().decode(msg.data)) as Partial<ReplayRequest>;
          const refused = verifyReplayRequest(options.keys, request);
          if (refused) {
            log.warn({ refused }, 'replay request refused');
            reply = { republished: 0, missing: [], error: refused };
          } else {
            reply = await republishRange(
              options.pool,
              bus,
              request.subject as string,
              request.from as number,
              request.to as number,
            );
            log.warn(
              { subject: request.subject, from: request.from, to: request.to, ...reply },
              'replayed events from the outbox',
            );
          }
        } catch (e) {
          reply = { republished: 0, missing: [], error: (e as Error).message };
        }
        msg.respond(JSON.stringify(reply));
      })();
    },
  });
  return () => sub.unsubscribe();
}

/** Asks the source of `subject` to replay a range; used by consumers that detect a gap. */
export async function requestReplay(
  bus: Bus,
  key: string,
  subject: string,
  from: number,
  to: number,
  timeoutMs = 5_000,
): Promise<ReplayReply> {
  const body = JSON.stringify(signedReplayRequest(key, subject, from, to));
  const msg = await bus.nc.request(replaySubject(bus.prefix, sourceOf(subject)), body, {
    timeout: timeoutMs,
  });
  return JSON.parse(new TextDecoder().decode(msg.data)) as ReplayReply;
}
