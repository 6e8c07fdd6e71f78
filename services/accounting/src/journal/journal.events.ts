import { type Data, accounting } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { JournalEntry } from './journal.entity.js';

type Actor = Pick<Identity, 'userId'> | null;

/** What every journal event says about its entry: enough for the audit trail, no line detail. */
const summary = (e: JournalEntry) => ({
  journalEntryId: e.id,
  number: e.number,
  date: e.date,
  description: e.description,
  reference: e.reference,
  amount: e.total,
  currency: e.currency,
  source: e.source,
  sourceId: e.sourceId,
  status: e.status,
});

export const journalEntryPosted = (e: JournalEntry, actor: Actor) =>
  domainEvent(accounting.journalEntryPosted, e.id, { ...summary(e), approvedBy: e.decidedBy }, actor);

export const journalEntryReversed = (original: JournalEntry, reversal: JournalEntry, actor: Actor) =>
  domainEvent(
    accounting.journalEntryReversed,
    original.id,
    {
      ...summary(original),
      reversalId: reversal.id,
      reversalNumber: reversal.number,
      reversalDate: reversal.date,
    },
    actor,
  );

export const journalEntryRejected = (e: JournalEntry, actor: Actor) =>
  domainEvent(accounting.journalEntryRejected, e.id, { ...summary(e), rejectedBy: e.decidedBy }, actor);

/**
 * Asks compliance for a four-eyes approval. Its id is the entry's approval request id: compliance keys the
 * approval on it and echoes it in the decision, which is how accounting knows the decision is the one it
 * asked for. Amount, role and steps come from the entry; the author may never approve.
 */
export function journalEntryApprovalRequested(e: JournalEntry, actor: Actor) {
  if (!e.approvalRequestId || !e.approvalRole || !e.approvalSteps)
    throw new Error(`journal entry ${e.id} asks for no approval`);
  const event = domainEvent(
    accounting.journalEntryApprovalRequested,
    e.id,
    {
      journalEntryId: e.id,
      subjectType: 'JournalEntry',
      amount: e.total,
      currency: e.currency,
      description: e.description,
      authorUserId: e.author,
      // The actor of the booking is its author; their employee record, when the token names one.
      authorEmployeeId: (actor as { employeeId?: string | null } | null)?.employeeId ?? null,
      requiredRole: e.approvalRole as Data<typeof accounting.journalEntryApprovalRequested>['requiredRole'],
      stepsRequired: e.approvalSteps as 1 | 2,
      reversalOf: e.reversalOf,
    },
    actor,
  );
  return { ...event, id: e.approvalRequestId };
}
