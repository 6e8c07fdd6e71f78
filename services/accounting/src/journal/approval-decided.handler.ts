import { CONSUMERS, type compliance } from '@backoffice/events';
import { type EventHandler, recordEvents } from '@backoffice/kit';
import { judgeDecision } from './four-eyes.rules.js';
import { JournalEntry } from './journal.entity.js';
import { journalEntryRejected } from './journal.events.js';
import type { Ledger } from './ledger.js';

/**
 * Four eyes, the accounting half: compliance decides, we post or reject, but only on the decision of the
 * approval this entry asked for (found by its request event id), in the role and with the steps it asked
 * for, never by its author. Any other decision about the entry is logged and changes nothing.
 */
export const approvalDecidedHandler = (ledger: Ledger): EventHandler<typeof compliance.approvalDecided> => ({
  consumer: CONSUMERS.accounting.approvals,
  async handle(event, { em, log }) {
    const d = event.data;
    if (d.subjectType !== 'JournalEntry') return;
    const context = { approvalId: d.approvalId, subjectId: d.subjectId, status: d.status };
    if (event.source !== '/backoffice/compliance') {
      log.warn({ ...context, source: event.source }, 'approval decision not from compliance ignored');
      return;
    }
    const entry = d.requestEventId
      ? await em
          .getRepository(JournalEntry)
          .createQueryBuilder('e')
          .setLock('pessimistic_write')
          .where('e.approval_request_id = :r', { r: d.requestEventId })
          .getOne()
      : null;
    if (!entry || entry.id !== String(d.subjectId).toLowerCase()) {
      log.warn(context, 'decision on an approval no journal entry asked for ignored');
      return;
    }
    if (entry.status !== 'PENDING_APPROVAL') {
      log.warn(
        { ...context, entryStatus: entry.status },
        'decision for an entry that is not pending ignored',
      );
      return;
    }
    const verdict = judgeDecision(
      {
        requestEventId: entry.approvalRequestId as string,
        requiredRole: entry.approvalRole as string,
        stepsRequired: entry.approvalSteps as number,
        author: entry.author,
      },
      d,
    );
    if ('ignore' in verdict) {
      log.warn(
        { ...context, reason: verdict.ignore },
        'approval decision not applied; the entry stays pending',
      );
      return;
    }
    let comment = d.comment ?? (d.status === 'EXPIRED' ? 'approval expired' : null);
    if (verdict.apply === 'POST') {
      const result = await ledger.postApproved(em, entry.id, d.decidedBy as string, d.comment, d.approvalId);
      if ('entry' in result) return;
      // The approval it asked for is spent and no other will be accepted: rather than wait forever, the
      // entry is rejected with the reason (e.g. its period closed meanwhile), to be posted again.
      log.warn(
        { ...context, decidedBy: d.decidedBy, reason: result.refused },
        'approval could not be applied',
      );
      comment = `approved, but could not be posted: ${result.refused}; post the entry again`;
    }
    // REJECTED or EXPIRED (or an approval that can no longer be applied): the entry never reaches the books.
    await em.query(
      `UPDATE journal_entry SET status = 'REJECTED', decided_by = $2, decision_comment = $3, approval_id = $4
       WHERE id = $1`,
      [entry.id, d.decidedBy, comment, d.approvalId],
    );
    const rejected = await em.findOneByOrFail(JournalEntry, { id: entry.id });
    await recordEvents(em, journalEntryRejected(rejected, d.decidedBy ? { userId: d.decidedBy } : null));
  },
});
