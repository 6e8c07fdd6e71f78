import { type accounting, CONSUMERS, type it } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import { chainTime } from '../audit/audit.chain.js';

/** IT's SLA breaches, kept as observations for the findings report. */
export const ticketSlaBreachedHandler = (): EventHandler<typeof it.ticketSlaBreached> => ({
  consumer: CONSUMERS.compliance.slaBreaches,
  async handle(event, { em }) {
    const d = event.data ?? {};
    const kinds = Array.isArray(d.kinds) ? (d.kinds as unknown[]).filter((k) => typeof k === 'string') : [];
    await em.query(
      `INSERT INTO sla_breach (event_id, ticket_id, priority, kinds, breached_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [
        event.id,
        typeof d.ticketId === 'string' && d.ticketId ? d.ticketId : event.subject,
        typeof d.priority === 'string' ? d.priority : null,
        kinds,
        chainTime(event.time, new Date()),
      ],
    );
  },
});

/** The fields a reversal event may name its entries by; accounting's payload is read defensively. */
interface JournalEntryReversed {
  journalEntryId?: unknown;
  reversalOf?: unknown;
  reversedEntryId?: unknown;
  originalEntryId?: unknown;
  originalJournalEntryId?: unknown;
  reversalId?: unknown;
  reversalEntryId?: unknown;
  reversalJournalEntryId?: unknown;
}

const text = (...values: unknown[]): string | null =>
  (values.find((v) => typeof v === 'string' && v.length > 0) as string | undefined) ?? null;

/**
 * Which entry was reversed and by which: `reversalOf` (or a like-named field) names the original and
 * `journalEntryId` then names the reversal; without one, `journalEntryId` (or the subject) is the original.
 */
export function reversalParts(
  data: JournalEntryReversed | null | undefined,
  subject: string,
): { reversed: string; reversal: string | null } {
  const d = data ?? {};
  const original = text(d.reversalOf, d.reversedEntryId, d.originalEntryId, d.originalJournalEntryId);
  if (original)
    return {
      reversed: original,
      reversal: text(d.reversalId, d.reversalEntryId, d.reversalJournalEntryId, d.journalEntryId),
    };
  return {
    reversed: text(d.journalEntryId, subject) as string,
    reversal: text(d.reversalId, d.reversalEntryId, d.reversalJournalEntryId),
  };
}

export const journalEntryReversedHandler = (): EventHandler<typeof accounting.journalEntryReversed> => ({
  consumer: CONSUMERS.compliance.reversals,
  async handle(event, { em }) {
    const { reversed, reversal } = reversalParts(event.data, event.subject);
    await em.query(
      `INSERT INTO journal_reversal (event_id, reversed_entry_id, reversal_entry_id, reversed_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [event.id, reversed, reversal, chainTime(event.time, new Date())],
    );
  },
});
