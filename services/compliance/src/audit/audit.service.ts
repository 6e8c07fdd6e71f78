import { compliance } from '@backoffice/events';
import {
  type CloudEvent,
  type Connection,
  type Producer,
  type ServiceContext,
  badInput,
  connection,
  decodeCursor,
  pageSize,
  recordEvents,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { chainTime, entryHash } from './audit.chain.js';
import { AuditCheckpoint, AuditEntry } from './audit.entity.js';
import { auditCheckpointed } from './audit.events.js';
import { redactForAudit } from './audit.redaction.js';
import {
  type AuditVerification,
  type VerifyOptions,
  defaultVerifyOptions,
  verifyTrail,
} from './audit.verify.js';
import type { AuditFilter } from '../generated/graphql.js';

const CHECKPOINT_TYPE = compliance.auditCheckpoint.type;

export class AuditService {
  constructor(
    private readonly db: DataSource,
    private readonly verifyOptions: VerifyOptions = defaultVerifyOptions(),
  ) {}

  /**
   * Appends one event inside the consumer's transaction, with the producer the kit verified. The
   * counter row, locked FOR UPDATE, hands out the next sequence and the previous hash, so replicas of
   * the consumer never fork the chain or leave a gap. Anything a valid CloudEvent may lack (actor,
   * data, a parseable time) is recorded as null or the receipt time rather than refused: the trail
   * must never stall on an odd event.
   */
  async append(
    em: EntityManager,
    event: CloudEvent,
    producer: Producer,
    receivedAt = new Date(),
  ): Promise<number | null> {
    const seen = await em.query('SELECT 1 FROM audit_entry WHERE event_id = $1', [event.id]);
    if (seen.length > 0) return null;
    const [head] = await em.query('SELECT last_sequence, last_hash FROM audit_counter WHERE id FOR UPDATE');
    const fields = {
      sequence: Number(head.last_sequence) + 1,
      eventId: event.id,
      type: event.type,
      source: event.source,
      subject: event.subject,
      actor: typeof event.actor === 'string' && event.actor.length > 0 ? event.actor : null,
      time: chainTime(event.time, receivedAt),
      // Personal fields are redacted before the entry is hashed: the chain covers what is kept.
      payload: redactForAudit(event.type, jsonSafe(event.data)),
      producer: producer.service,
      producerKeyId: producer.kid,
    };
    const hash = entryHash(head.last_hash, fields);
    await em.query(
      `INSERT INTO audit_entry (sequence, event_id, type, source, subject, actor, time, payload, prev_hash, hash,
                                producer, producer_key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
      [
        fields.sequence,
        fields.eventId,
        fields.type,
        fields.source,
        fields.subject,
        fields.actor,
        fields.time,
        fields.payload === null ? null : JSON.stringify(fields.payload),
        head.last_hash,
        hash,
        fields.producer,
        fields.producerKeyId,
      ],
    );
    await em.query('UPDATE audit_counter SET last_sequence = $1, last_hash = $2 WHERE id', [
      fields.sequence,
      hash,
    ]);
    return fields.sequence;
  }

  /**
   * Appends a batch in delivery order with five statements however large it is: the duplicates
   * check, the head lock, one INSERT of every entry (chained in memory), and the head update.
   * Same chain, same rules as `append`.
   */
  async appendBatch(
    em: EntityManager,
    events: CloudEvent[],
    producerOf: (event: CloudEvent) => Producer,
    receivedAt = new Date(),
  ): Promise<number> {
    const seenRows: { event_id: string }[] = await em.query(
      'SELECT event_id FROM audit_entry WHERE event_id = ANY($1)',
      [events.map((e) => e.id)],
    );
    const seen = new Set(seenRows.map((r) => r.event_id));
    // Each id once, even when a replay put it in this batch twice.
    const fresh = events.filter((e) => {
      if (seen.has(e.id)) return false;
      seen.add(e.id);
      return true;
    });
    if (fresh.length === 0) return 0;
    const [head] = await em.query('SELECT last_sequence, last_hash FROM audit_counter WHERE id FOR UPDATE');
    let sequence = Number(head.last_sequence);
    let prevHash: string = head.last_hash;
    const rows = fresh.map((event) => {
      const fields = {
        sequence: ++sequence,
        eventId: event.id,
        type: event.type,
        source: event.source,
        subject: event.subject,
        actor: typeof event.actor === 'string' && event.actor.length > 0 ? event.actor : null,
        time: chainTime(event.time, receivedAt),
        payload: redactForAudit(event.type, jsonSafe(event.data)),
        producer: producerOf(event).service,
        producerKeyId: producerOf(event).kid,
      };
      const hash = entryHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    const col = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
    await em.query(
      `INSERT INTO audit_entry (sequence, event_id, type, source, subject, actor, time, payload, prev_hash, hash,
                                producer, producer_key_id)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::timestamptz[], $8::jsonb[], $9::text[], $10::text[], $11::text[], $12::text[])`,
      [
        col((r) => r.sequence),
        col((r) => r.eventId),
        col((r) => r.type),
        col((r) => r.source),
        col((r) => r.subject),
        col((r) => r.actor),
        col((r) => r.time),
        col((r) => (r.payload === null ? null : JSON.stringify(r.payload))),
        col((r) => r.prevHash),
        col((r) => r.hash),
        col((r) => r.producer),
        col((r) => r.producerKeyId),
      ],
    );
    await em.query('UPDATE audit_counter SET last_sequence = $1, last_hash = $2 WHERE id', [
      sequence,
      prevHash,
    ]);
    return rows.length;
  }

  async list(
    _ctx: ServiceContext,
    args: { first?: number | null; after?: string | null; filter?: AuditFilter | null },
  ): Promise<Connection<AuditEntry>> {
    const first = pageSize(args.first);
    const f = args.filter ?? {};
    if (f.from && f.to && f.from > f.to) throw badInput('from must not be after to', 'filter.from');
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (f.type) qb.andWhere('a.type = :type', { type: f.type });
    if (f.source) qb.andWhere('a.source = :source', { source: f.source });
    if (f.subject) qb.andWhere('a.subject = :subject', { subject: f.subject });
    if (f.actor) qb.andWhere('a.actor = :actor', { actor: f.actor });
    if (f.from) qb.andWhere('a.time >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.time <= :to', { to: f.to });
    // Unfiltered, the counter already knows the total: no scan of the whole trail per page.
    const filtered = Object.values(f).some((v) => v !== null && v !== undefined && v !== '');
    const totalCount = filtered ? await qb.clone().getCount() : await this.count();
    const after = decodeCursor(args.after, 1);
    if (after) {
      const seq = Number(after[0]);
      if (!Number.isSafeInteger(seq)) throw badInput('after is not a cursor this list gave out', 'after');
      qb.andWhere('a.sequence > :seq', { seq });
    }
    const rows = await qb
      .orderBy('a.sequence', 'ASC')
      .limit(first + 1)
      .getMany();
    return connection(rows, first, totalCount, (a) => [Number(a.sequence)], args.after);
  }

  /** Recomputes the chain over [from, to] (the whole trail by default): see audit.verify.ts. */
  verify(args: { from?: number | null; to?: number | null } = {}): Promise<AuditVerification> {
    const { url } = this.db.options as { url?: string };
    if (!url)
      throw new Error(
        'the audit trail is verified over a connection of its own, which needs the database url',
      );
    return verifyTrail(this.db, url, args, this.verifyOptions);
  }

  /**
   * Publishes the head of the trail through the outbox. Skipped when nothing but checkpoints arrived
   * since the last one, or the checkpoint's own event would keep the job busy forever.
   */
  async checkpoint(): Promise<AuditCheckpoint | null> {
    return this.db.transaction(async (em) => {
      // Replicas run the same job: one checkpoint at a time, or two could publish the same head.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('compliance:audit-checkpoint'))`);
      const [head] = await em.query('SELECT last_sequence, last_hash FROM audit_counter WHERE id');
      const sequence = Number(head.last_sequence);
      if (sequence === 0) return null;
      const [previous] = await em.query('SELECT sequence FROM audit_checkpoint ORDER BY id DESC LIMIT 1');
      if (previous) {
        const [news] = await em.query(
          'SELECT count(*)::int AS n FROM audit_entry WHERE sequence > $1 AND sequence <= $2 AND type <> $3',
          [previous.sequence, sequence, CHECKPOINT_TYPE],
        );
        if (news.n === 0) return null;
      }
      const event = auditCheckpointed({ sequence, hash: head.last_hash });
      const saved = await em.save(
        em.create(AuditCheckpoint, {
          sequence: String(sequence),
          hash: head.last_hash,
          eventId: event.id,
          createdAt: new Date(event.time),
        }),
      );
      await recordEvents(em, event);
      return saved;
    });
  }

  checkpoints(first: number): Promise<AuditCheckpoint[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badInput('first must be between 1 and 100', 'first');
    return this.db.getRepository(AuditCheckpoint).find({ order: { id: 'DESC' }, take: first });
  }

  async count(): Promise<number> {
    const [head] = await this.db.query('SELECT last_sequence FROM audit_counter WHERE id');
    return Number(head.last_sequence);
  }
}

/**
 * The payload as the jsonb column will give it back: what JSON cannot carry is dropped the way
 * JSON.stringify drops it, and a NUL character (which jsonb refuses) is spelled out as U+2400.
 */
function jsonSafe(data: unknown): unknown {
  if (data === undefined) return null;
  const text = JSON.stringify(data, (_key, value) =>
    typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\u2400') : value,
  );
  return text === undefined ? null : JSON.parse(text);
}
