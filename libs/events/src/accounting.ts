import { z } from 'zod';
import { defineEvent } from './contract.js';

/** accounting's events. Money is a decimal string; dates are YYYY-MM-DD. No line detail leaves the ledger. */

const producer = 'accounting';

/** What every journal event says about its entry: enough for the audit trail, no line detail. */
const journalEntry = z.object({
  journalEntryId: z.string(),
  number: z.string().nullable(),
  date: z.string(),
  description: z.string(),
  reference: z.string().nullable(),
  amount: z.string(),
  currency: z.string(),
  source: z.string(),
  sourceId: z.string().nullable(),
  status: z.string(),
});

export const journalEntryPosted = defineEvent({
  producer,
  aggregate: 'journal_entry',
  verb: 'posted',
  summary: 'A journal entry posted to the books (approvedBy: the second person, when four eyes applied).',
  schema: journalEntry.extend({ approvedBy: z.string().nullable() }),
});

export const journalEntryReversed = defineEvent({
  producer,
  aggregate: 'journal_entry',
  verb: 'reversed',
  summary: 'A posted entry (journalEntryId) reversed by another (reversalId).',
  schema: journalEntry.extend({
    reversalId: z.string(),
    reversalNumber: z.string().nullable(),
    reversalDate: z.string(),
  }),
});

export const journalEntryRejected = defineEvent({
  producer,
  aggregate: 'journal_entry',
  verb: 'rejected',
  summary: 'An entry waiting for approval rejected (or its approval expired): it never reaches the books.',
  schema: journalEntry.extend({ rejectedBy: z.string().nullable() }),
});

export const journalEntryApprovalRequested = defineEvent({
  producer,
  aggregate: 'journal_entry',
  verb: 'approval_requested',
  summary: 'accounting asks compliance for four eyes on an entry above its threshold.',
  schema: z.object({
    journalEntryId: z.string(),
    /** Always 'JournalEntry': the approval's subject type. */
    subjectType: z.literal('JournalEntry'),
    amount: z.string(),
    currency: z.string(),
    description: z.string(),
    /** The user who authored the entry: never allowed to approve it. */
    authorUserId: z.string(),
    /** The author's employee record, when they have one: no other login of theirs may approve either. */
    authorEmployeeId: z.string().nullable().optional(),
    requiredRole: z.enum(['controller', 'admin']),
    /** 2 above the second threshold (the second step by an admin); absent in older events: 1. */
    stepsRequired: z.union([z.literal(1), z.literal(2)]).optional(),
    /** For a reversal waiting for approval: the posted entry it reverses. */
    reversalOf: z.string().nullable().optional(),
  }),
});

export const invoiceIssued = defineEvent({
  producer,
  aggregate: 'invoice',
  verb: 'issued',
  summary: 'An invoice (sales or purchase) issued and booked.',
  schema: z.object({
    invoiceId: z.string(),
    kind: z.string(),
    number: z.string(),
    counterparty: z.string(),
    issueDate: z.string(),
    dueDate: z.string(),
    currency: z.string(),
    netTotal: z.string(),
    vatTotal: z.string(),
    total: z.string(),
    journalEntryId: z.string(),
  }),
});

export const invoiceSettled = defineEvent({
  producer,
  aggregate: 'invoice',
  verb: 'settled',
  summary: 'A payment applied to an invoice; openAmount is what is left.',
  schema: z.object({
    invoiceId: z.string(),
    kind: z.string(),
    number: z.string(),
    counterparty: z.string(),
    paymentId: z.string(),
    amount: z.string(),
    currency: z.string(),
    openAmount: z.string(),
    fullySettled: z.boolean(),
  }),
});

export const paymentRecorded = defineEvent({
  producer,
  aggregate: 'payment',
  verb: 'recorded',
  summary: 'A payment received or made, and its journal entry.',
  schema: z.object({
    paymentId: z.string(),
    kind: z.string(),
    counterparty: z.string(),
    amount: z.string(),
    currency: z.string(),
    date: z.string(),
    reference: z.string().nullable(),
    journalEntryId: z.string(),
  }),
});

export const periodClosed = defineEvent({
  producer,
  aggregate: 'period',
  verb: 'closed',
  summary: 'A fiscal period (YYYY-MM) closed to postings.',
  schema: z.object({ period: z.string(), pendingEntries: z.number() }),
});

export const periodReopened = defineEvent({
  producer,
  aggregate: 'period',
  verb: 'reopened',
  summary: 'A closed period reopened, with the reason (exceptional; goes to the audit trail).',
  schema: z.object({ period: z.string(), reason: z.string() }),
});

export const accountCreated = defineEvent({
  producer,
  aggregate: 'account',
  verb: 'created',
  summary: 'An account added to the chart of accounts.',
  schema: z.object({
    code: z.string(),
    name: z.string(),
    type: z.string(),
    parentCode: z.string().nullable(),
  }),
});

export const accountActivated = defineEvent({
  producer,
  aggregate: 'account',
  verb: 'activated',
  summary: 'An account takes postings again.',
  schema: z.object({ code: z.string() }),
});

export const accountDeactivated = defineEvent({
  producer,
  aggregate: 'account',
  verb: 'deactivated',
  summary: 'An account takes no new postings; its history and balance stay.',
  schema: z.object({ code: z.string() }),
});
