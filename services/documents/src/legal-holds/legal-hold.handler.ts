import { EVENTS, type EventHandler, type LegalHoldData } from '@backoffice/kit';

/**
 * Compliance's legal holds, copied so deletion and purging can refuse while one stands. Placed and
 * released share one durable, so they apply in order; a release seen first still wins.
 */
export const legalHoldHandler: EventHandler<LegalHoldData> = {
  durable: 'documents-legal-holds',
  subject: 'backoffice.compliance.legal_hold.*',
  async handle(event, { em }) {
    const h = event.data;
    if (event.type === EVENTS.legalHoldPlaced) {
      await em.query(
        `INSERT INTO legal_hold (id, document_id, reason, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [h.legalHoldId, h.documentId, h.reason, h.placedBy, event.time],
      );
    } else if (event.type === EVENTS.legalHoldReleased) {
      await em.query(
        `INSERT INTO legal_hold (id, document_id, reason, placed_by, released_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET released_at = coalesce(legal_hold.released_at, excluded.released_at)`,
        [h.legalHoldId, h.documentId, h.reason, h.placedBy, event.time],
      );
    }
  },
};
