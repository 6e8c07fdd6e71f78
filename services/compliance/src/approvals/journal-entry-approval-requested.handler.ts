import { EVENTS, type EventHandler, type JournalEntryApprovalRequestedData } from '@backoffice/kit';
import type { ApprovalService } from './approval.service.js';

/** accounting asks for four eyes on an entry above its threshold: a pending approval, its author the requester. */
export const journalEntryApprovalRequestedHandler = (
  approvals: ApprovalService,
): EventHandler<Partial<JournalEntryApprovalRequestedData>> => ({
  durable: 'compliance-journal-entry-approvals',
  subject: EVENTS.journalEntryApprovalRequested,
  async handle(event, { em, log }) {
    const approval = await approvals.openForJournalEntry(em, event);
    if (!approval) log.info({ subject: event.subject }, 'journal entry already has a pending approval');
  },
});
