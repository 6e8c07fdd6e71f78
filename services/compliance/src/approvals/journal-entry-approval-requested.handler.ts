import { CONSUMERS, type accounting } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import type { ApprovalService } from './approval.service.js';

/**
 * accounting asks for four eyes on an entry above its threshold: a pending approval keyed by the request
 * event, its author the requester (who may never decide), amount, role and steps as accounting gave them.
 * A request without an author or an amount is a defect at the producer: it fails loudly, never opens
 * an approval that would be easier to pass than the one accounting meant.
 */
export const journalEntryApprovalRequestedHandler = (
  approvals: ApprovalService,
): EventHandler<typeof accounting.journalEntryApprovalRequested> => ({
  consumer: CONSUMERS.compliance.journalEntryApprovals,
  async handle(event, { em, log }) {
    if (event.source !== '/backoffice/accounting') {
      log.warn(
        { source: event.source, eventId: event.id },
        'journal entry approval request not from accounting ignored',
      );
      return;
    }
    const d = event.data ?? {};
    if (!d.authorUserId || d.amount === null || d.amount === undefined || !d.currency)
      throw new Error(`approval_requested ${event.id} lacks the entry's author, amount or currency`);
    const approval = await approvals.openForOwner(em, {
      requestEventId: event.id,
      subjectType: 'JournalEntry',
      subjectId: d.journalEntryId ?? event.subject,
      reason: d.description ?? null,
      amount: String(d.amount),
      currency: d.currency,
      requiredRole: d.requiredRole ?? 'controller',
      stepsRequired: d.stepsRequired ?? 1,
      author: d.authorUserId,
      authorEmployeeId: d.authorEmployeeId ?? null,
    });
    if (!approval) log.info({ subject: event.subject, eventId: event.id }, 'approval request already opened');
  },
});
