import {
  type ServiceContext,
  badInput,
  conflict,
  groupByKeys,
  notFound,
  recordEvents,
  isUuid,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { KnownDocument } from '../documents/known-document.entity.js';
import { LegalHold } from './legal-hold.entity.js';
import { legalHoldPlaced, legalHoldReleased } from './legal-hold.events.js';

export interface LegalHoldFilter {
  documentId?: string | null;
  active?: boolean | null;
}

export class LegalHoldService {
  constructor(private readonly db: DataSource) {}

  /**
   * A document compliance has not heard of yet is accepted: documents' events may lag behind the
   * officer, and a hold on a document that turns out not to exist harms nothing. One already purged
   * cannot be held any more.
   */
  async place(ctx: ServiceContext, documentId: string, reason: string): Promise<LegalHold> {
    const id = documentId?.trim();
    if (!id || id.length > 200) throw badInput('documentId must be 1 to 200 characters', 'documentId');
    const why = reason?.trim();
    if (!why || why.length > 2000) throw badInput('reason must be 1 to 2000 characters', 'reason');
    return this.db.transaction(async (em) => {
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
          releasedBy: null,
          releasedAt: null,
        }),
      );
      await recordEvents(em, legalHoldPlaced(hold, ctx.identity));
      return hold;
    });
  }

  async release(ctx: ServiceContext, id: string): Promise<LegalHold> {
    return this.db.transaction(async (em) => {
      const hold = isUuid(id)
        ? await em
            .getRepository(LegalHold)
            .createQueryBuilder('h')
            .setLock('pessimistic_write')
            .where('h.id = :id', { id })
            .getOne()
        : null;
      if (!hold) throw notFound('LegalHold', id);
      if (hold.releasedAt)
        throw conflict(`legal hold ${id} was already released on ${hold.releasedAt.toISOString()}`);
      hold.releasedAt = new Date();
      hold.releasedBy = ctx.identity.userId;
      await em.save(hold);
      await recordEvents(em, legalHoldReleased(hold, ctx.identity));
      return hold;
    });
  }

  list(filter: LegalHoldFilter = {}): Promise<LegalHold[]> {
    const qb = this.db.getRepository(LegalHold).createQueryBuilder('h');
    if (filter.documentId) qb.andWhere('h.document_id = :d', { d: filter.documentId });
    if (filter.active === true) qb.andWhere('h.released_at IS NULL');
    if (filter.active === false) qb.andWhere('h.released_at IS NOT NULL');
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
      .load(documentId);
  }

  async activeCount(): Promise<number> {
    const [row] = await this.db.query('SELECT count(*)::int AS n FROM legal_hold WHERE released_at IS NULL');
    return row.n;
  }
}
