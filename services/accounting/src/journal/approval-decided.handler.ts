import { type ApprovalDecidedData, EVENTS, type EventHandler, recordEvents } from '@backoffice/kit';
import { JournalEntry } from './journal.entity.js';
import { journalEntryRejected } from './journal.events.js';
import { isUuid } from './journal.service.js';
import type { Ledger } from './ledger.js';

/**
 * Four eyes, the accounting half: compliance decides, we post or reject. An approval by the entry's own
 * author is refused here too (the entry stays pending), whatever compliance let through.
 */
export const approvalDecidedHandler = (ledger: Ledger): EventHandler<ApprovalDecidedData> => ({
  durable: 'accounting-approvals',
  subject: EVENTS.approvalDecided,
  async handle(event, { em, log }) {
    const d = event.data;
    if (d.subjectType !== 'JournalEntry') return;
    if (!isUuid(d.subjectId)) {
      log.warn({ subjectId: d.subjectId }, 'decision for a journal entry id that cannot exist ignored');
      return;
    }
    if (d.status === 'APPROVED') {
      if (!d.decidedBy) {
        log.warn(
          { journalEntryId: d.subjectId },
          'approval without an approver ignored; the entry stays pending',
        );
        return;
      }
      const result = await ledger.postApproved(em, d.subjectId, d.decidedBy, d.comment);
      if ('refused' in result)
        log.warn(
          { journalEntryId: d.subjectId, decidedBy: d.decidedBy, reason: result.refused },
          'approval not applied',
        );
      return;
    }
    // REJECTED or EXPIRED: the entry never reaches the books.
    const [pending] = await em.query(
      `SELECT id FROM journal_entry WHERE id = $1 AND status = 'PENDING_APPROVAL' FOR UPDATE`,
      [d.subjectId],
    );
    if (!pending) {
      log.warn(
        { journalEntryId: d.subjectId, status: d.status },
        'decision for an entry that is not pending ignored',
      );
      return;
    }
    await em.query(
      `UPDATE journal_entry SET status = 'REJECTED', decided_by = $2, decision_comment = $3 WHERE id = $1`,
      [d.subjectId, d.decidedBy, d.comment ?? (d.status === 'EXPIRED' ? 'approval expired' : null)],
    );
    const entry = await em.findOneByOrFail(JournalEntry, { id: d.subjectId });
    await recordEvents(em, journalEntryRejected(entry, d.decidedBy ? { userId: d.decidedBy } : null));
  },
});
