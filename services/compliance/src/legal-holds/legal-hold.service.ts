import {
  type ServiceContext,
  badInput,
  conflict,
  groupByKeys,
  isUuid,
  notFound,
  recordEvents,
  lockById,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { KnownDocument } from '../documents/known-document.entity.js';
import { LegalHold } from './legal-hold.entity.js';
import { legalHoldPlaced, legalHoldReleased } from './legal-hold.events.js';
import { pendingMessage } from './legal-hold.rules.js';
import type { LegalHoldFilter } from '../generated/graphql.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Legal holds in two phases. The hold and its event commit together here; documents applies it under
 * the document's lock and confirms; `place` answers only then, so from its answer on the document can
 * no longer be deleted, replaced or purged. A release waits for documents the same way.
 */
export class LegalHoldService {
  constructor(
    private readonly db: DataSource,
    /** How long `place` and `release` wait for documents' confirmation. */
    private readonly confirmTimeoutMs = 10_000,
  ) {}

  async place(ctx: ServiceContext, documentId: string, reason: string): Promise<LegalHold> {
    const id = documentId?.trim().toLowerCase();
    if (!id || !isUuid(id)) throw badInput('documentId must be a document id (a UUID)', 'documentId');
    const why = reason?.trim();
    if (!why || why.length > 2000) throw badInput('reason must be 1 to 2000 characters', 'reason');
    const recorded = await this.db.transaction(async (em) => {
      const document = await em.findOneBy(KnownDocument, { id });
      if (document?.purgedAt)
        throw conflict(
          `document ${id} was purged on ${document.purgedAt.toISOString()}; nothing is left to hold`,
        );
      const hold = await em.save(
        em.create(LegalHold, {
          documentId: id,
          reason: why,
          placedBy: ctx.identity.userId as string,
          appliedAt: null,
          refused: null,
          documentDeleted: null,
          releasedBy: null,
          releasedAt: null,
          liftedAt: null,
        }),
      );
      await recordEvents(em, legalHoldPlaced(hold, ctx.identity));
      return hold;
    });
    const hold = await this.confirmed(recorded, (h) => h.appliedAt !== null || h.refused !== null);
    if (!hold) throw conflict(pendingMessage(recorded, 'placed', this.confirmTimeoutMs / 1000));
    if (hold.refused === 'NO_SUCH_DOCUMENT') throw notFound('Document', id);
    if (hold.refused === 'PURGED')
      throw conflict(`document ${id} was purged after its retention; nothing is left to hold`);
    return hold;
  }

  async release(ctx: ServiceContext, id: string): Promise<LegalHold> {
    const recorded = await this.db.transaction(async (em) => {
      const hold = await lockById(em, LegalHold, id);
      if (hold.releasedAt)
        throw conflict(`legal hold ${id} was already released on ${hold.releasedAt.toISOString()}`);
      if (hold.refused) throw conflict(`legal hold ${id} never took effect: ${hold.refused}`);
      hold.releasedAt = new Date();
      hold.releasedBy = ctx.identity.userId;
      await em.save(hold);
      await recordEvents(em, legalHoldReleased(hold, ctx.identity));
      return hold;
    });
    const hold = await this.confirmed(recorded, (h) => h.liftedAt !== null);
    if (!hold) throw conflict(pendingMessage(recorded, 'released', this.confirmTimeoutMs / 1000));
    return hold;
  }

  /** Polls the hold until documents' confirmation has arrived (`done`), or null after the timeout. */
  private async confirmed(hold: LegalHold, done: (h: LegalHold) => boolean): Promise<LegalHold | null> {
    const deadline = Date.now() + this.confirmTimeoutMs;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const now = await this.db.getRepository(LegalHold).findOneByOrFail({ id: hold.id });
      if (done(now)) return now;
      if (Date.now() >= deadline) return null;
      await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
    }
  }

  list(filter: LegalHoldFilter = {}): Promise<LegalHold[]> {
    const qb = this.db.getRepository(LegalHold).createQueryBuilder('h');
    if (filter.documentId) qb.andWhere('h.document_id = :d', { d: filter.documentId.trim().toLowerCase() });
    if (filter.active === true) qb.andWhere('h.released_at IS NULL AND h.refused IS NULL');
    if (filter.active === false) qb.andWhere('(h.released_at IS NOT NULL OR h.refused IS NOT NULL)');
    return qb.orderBy('h.placed_at', 'DESC').limit(500).getMany();
  }

  forDocument(ctx: ServiceContext, documentId: string): Promise<LegalHold[]> {
    return ctx.loaders
      .get<string, LegalHold[]>('legalHoldsByDocument', async (ids) => {
        const rows = await this.db
          .getRepository(LegalHold)
          .createQueryBuilder('h')
          .where('h.document_id = ANY(:ids)', { ids })
          .orderBy('h.placed_at', 'DESC')
          .getMany();
        return groupByKeys(ids, rows, (h) => h.documentId);
      })
      .load(documentId.toLowerCase());
  }

  async activeCount(): Promise<number> {
    const [row] = await this.db.query(
      'SELECT count(*)::int AS n FROM legal_hold WHERE released_at IS NULL AND refused IS NULL',
    );
    return row.n;
  }
}
