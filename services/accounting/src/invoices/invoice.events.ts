import { accounting } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Invoice, Payment } from './invoice.entity.js';

type Actor = Pick<Identity, 'userId'> | null;

export const invoiceIssued = (i: Invoice, actor: Actor) =>
  domainEvent(
    accounting.invoiceIssued,
    i.id,
    {
      invoiceId: i.id,
      kind: i.kind,
      number: i.number,
      counterparty: i.counterparty,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      currency: i.currency,
      netTotal: i.netTotal,
      vatTotal: i.vatTotal,
      total: i.total,
      journalEntryId: i.journalEntryId,
    },
    actor,
  );

export const invoiceSettled = (i: Invoice, paymentId: string, amount: string, open: string, actor: Actor) =>
  domainEvent(
    accounting.invoiceSettled,
    i.id,
    {
      invoiceId: i.id,
      kind: i.kind,
      number: i.number,
      counterparty: i.counterparty,
      paymentId,
      amount,
      currency: i.currency,
      openAmount: open,
      fullySettled: Number(open) === 0,
    },
    actor,
  );

export const paymentRecorded = (p: Payment, actor: Actor) =>
  domainEvent(
    accounting.paymentRecorded,
    p.id,
    {
      paymentId: p.id,
      kind: p.kind,
      counterparty: p.counterparty,
      amount: p.amount,
      currency: p.currency,
      date: p.date,
      reference: p.reference,
      journalEntryId: p.journalEntryId,
    },
    actor,
  );
