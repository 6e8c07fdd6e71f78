import { CONSUMERS, documents } from '@backoffice/events';
import { type EventHandler, isUuid } from '@backoffice/kit';

/**
 * The second phase of a legal hold: documents says it applied the hold (or had nothing to hold), or
 * lifted it. `placeLegalHold` and `releaseLegalHold` wait for exactly this before they answer.
 */
export const legalHoldConfirmedHandler = (): EventHandler<
  typeof documents.legalHoldApplied | typeof documents.legalHoldLifted
> => ({
  consumer: CONSUMERS.compliance.legalHoldConfirmations,
  async handle(event, { em }) {
    const id = event.data?.legalHoldId;
    if (!isUuid(id)) return;
    if (event.type === documents.legalHoldApplied.type) {
      const d = event.data;
      const refused = d.outcome === 'HELD' ? null : d.outcome;
      await em.query(
        `UPDATE legal_hold SET applied_at = CASE WHEN $2::text IS NULL THEN $3::timestamptz END,
           refused = $2, document_deleted = $4
         WHERE id = $1 AND applied_at IS NULL AND refused IS NULL`,
        [id, refused, event.time, !!d.documentDeleted],
      );
    } else if (event.type === documents.legalHoldLifted.type) {
      await em.query('UPDATE legal_hold SET lifted_at = $2 WHERE id = $1 AND lifted_at IS NULL', [
        id,
        event.time,
      ]);
    }
  },
});
