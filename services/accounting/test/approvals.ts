import { type CloudEvent, domainEvent, type RunningSubgraph } from '@backoffice/kit';
import {
  accounting,
  type ApprovalDecidedData,
  compliance,
  type JournalEntryApprovalRequestedData,
} from '@backoffice/events';
import { eventually, publishSignedEvent } from '@backoffice/testkit';
import type { AccountingServices } from '../src/services.js';

/**
 * Four eyes from outside, as compliance takes part in it: the approval request accounting recorded for
 * an entry, decisions put on the bus as compliance sends them (good or forged), and the entry's status.
 */
export function approvals(subgraph: () => RunningSubgraph<AccountingServices>) {
  const publish = (event: CloudEvent) => publishSignedEvent(subgraph().deps.bus, event);
  const inboxHas = async (eventId: string) =>
    (await subgraph().deps.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length > 0;
  return {
    publish,
    /** The approval request accounting recorded for an entry. */
    async requestOf(entryId: string): Promise<CloudEvent<JournalEntryApprovalRequestedData>> {
      const [row] = await subgraph().deps.db.query(
        'SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject = $2',
        [entryId, accounting.journalEntryApprovalRequested.type],
      );
      return row.payload;
    },
    statusOf: async (id: string) =>
      (
        await subgraph().deps.db.query(
          'SELECT status, number, approval_id FROM journal_entry WHERE id = $1',
          [id],
        )
      )[0] as { status: string; number: string | null; approval_id: string | null },
    /** Publishes each decision and waits until accounting has taken it in (applied or not). */
    async deliver(...events: CloudEvent[]) {
      for (const e of events) await publish(e);
      for (const e of events) await eventually(() => inboxHas(e.id), Boolean);
    },
  };
}

/** A decision as compliance sends it for `request`; `over` forges or bends any part of it. */
export function decision(
  request: CloudEvent<JournalEntryApprovalRequestedData>,
  status: ApprovalDecidedData['status'],
  deciders: string[],
  over: Partial<ApprovalDecidedData> = {},
  source = 'compliance',
): CloudEvent<ApprovalDecidedData> {
  const role = request.data.requiredRole;
  const last = deciders.at(-1) ?? null;
  const event = domainEvent(
    compliance.approvalDecided,
    crypto.randomUUID(),
    {
      approvalId: crypto.randomUUID(),
      subjectType: 'JournalEntry',
      subjectId: request.data.journalEntryId,
      status,
      decidedBy: last,
      comment: status === 'APPROVED' ? null : 'no',
      requestEventId: request.id,
      requiredRole: role,
      stepsRequired: request.data.stepsRequired ?? 1,
      steps: deciders.map((decidedBy, i) => ({
        step: i + 1,
        role: i === 0 ? role : 'admin',
        decidedBy,
        approve: status === 'APPROVED' || i < deciders.length - 1,
      })),
      ...over,
    },
    last ? { userId: last } : null,
  );
  // On compliance's subject, claiming to come from another service.
  return { ...event, source: `/backoffice/${source}` };
}
