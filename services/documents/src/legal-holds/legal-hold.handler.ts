import { CONSUMERS, compliance } from '@backoffice/events';
import { type EventHandler, isUuid, recordEvents } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';
import { legalHoldApplied, legalHoldLifted } from './legal-hold.events.js';

/**
 * Compliance's legal holds, applied here and confirmed back: the second phase of a hold. compliance's
 * `placeLegalHold` answers only once our `legal_hold.applied` has come back, so from that answer on
 * the document can no longer be deleted, replaced or purged. The document's row is locked while the
 * hold is recorded: a deletion running at the same moment either committed before (the document stays
 * deleted to its users, but the purge skips it and compliance still reads it) or sees the hold.
 * Placed and released share one durable, so they apply in order; a release seen first still wins.
 */
export const legalHoldHandler: EventHandler<
  typeof compliance.legalHoldPlaced | typeof compliance.legalHoldReleased
> = {
  consumer: CONSUMERS.documents.legalHolds,
  async handle(event, { em }) {
    const h = event.data;
    if (event.type === compliance.legalHoldPlaced.type) {
      const doc = await lockDocument(em, h.documentId);
      if (!doc || doc.purged_at) {
        await recordEvents(em, legalHoldApplied(h, doc ? 'PURGED' : 'NO_SUCH_DOCUMENT', false));
        return;
      }
      await em.query(
        `INSERT INTO legal_hold (id, document_id, reason, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [h.legalHoldId, doc.id, h.reason, h.placedBy, event.time],
      );
      await recordEvents(em, legalHoldApplied(h, 'HELD', doc.deleted_at !== null));
    } else if (event.type === compliance.legalHoldReleased.type) {
      const doc = await lockDocument(em, h.documentId);
      if (doc) {
        await em.query(
          `INSERT INTO legal_hold (id, document_id, reason, placed_by, released_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET released_at = coalesce(legal_hold.released_at, excluded.released_at)`,
          [h.legalHoldId, doc.id, h.reason, h.placedBy, event.time],
        );
      }
      const [{ n }] = doc
        ? await em.query(
            'SELECT count(*)::int AS n FROM legal_hold WHERE document_id = $1 AND released_at IS NULL',
            [doc.id],
          )
        : [{ n: 0 }];
      await recordEvents(em, legalHoldLifted(h, n > 0));
    }
  },
};

async function lockDocument(
  em: EntityManager,
  documentId: string,
): Promise<{ id: string; deleted_at: Date | null; purged_at: Date | null } | null> {
  if (!isUuid(documentId)) return null;
  const [doc] = await em.query('SELECT id, deleted_at, purged_at FROM document WHERE id = $1 FOR UPDATE', [
    documentId,
  ]);
  return doc ?? null;
}
