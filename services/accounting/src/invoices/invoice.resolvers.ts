import type { ServiceContext } from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { AccountingServices } from '../services.js';
import type { Invoice, Payment, Settlement } from './invoice.entity.js';
import type { Allocation, InvoiceKind, PaymentKind } from './invoice.rules.js';
import type { CreateInvoiceInput, InvoiceFilter } from './invoice.service.js';
import type { RecordPaymentInput } from './payment.service.js';

type Ctx = ServiceContext<AccountingServices>;
const today = () => new Date().toISOString().slice(0, 10);

export const invoiceResolvers = {
  Query: {
    invoice: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.invoices.byId(ctx, id),
    invoices: (_: unknown, args: { first?: number; after?: string; filter?: InvoiceFilter }, ctx: Ctx) =>
      ctx.services.invoices.list(args),
    payment: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.payments.byId(ctx, id),
    payments: (
      _: unknown,
      a: { counterparty?: string; kind?: PaymentKind; unappliedOnly?: boolean },
      ctx: Ctx,
    ) => ctx.services.payments.list(a.counterparty, a.kind, a.unappliedOnly ?? false),
    openItems: (_: unknown, a: { counterparty?: string; kind?: InvoiceKind }, ctx: Ctx) =>
      ctx.services.invoices.openItems(a.counterparty, a.kind, today()),
    agingReport: (_: unknown, a: { asOf: string; kind?: InvoiceKind }, ctx: Ctx) =>
      ctx.services.invoices.aging(a.asOf, a.kind),
  },
  Mutation: {
    createInvoice: (_: unknown, { input }: { input: CreateInvoiceInput }, ctx: Ctx) =>
      ctx.services.invoices.create(ctx, input),
    recordPayment: (_: unknown, { input }: { input: RecordPaymentInput }, ctx: Ctx) =>
      ctx.services.payments.record(ctx, input),
    settle: (_: unknown, a: { paymentId: string; allocations: Allocation[]; date?: string }, ctx: Ctx) =>
      ctx.services.payments.settle(ctx, a.paymentId, a.allocations, a.date),
  },
  Invoice: {
    openAmount: (i: Invoice) => new Decimal(i.total).minus(i.settledAmount).toFixed(2),
    status: (i: Invoice) => {
      const settled = new Decimal(i.settledAmount);
      if (settled.isZero()) return 'OPEN';
      return settled.greaterThanOrEqualTo(i.total) ? 'SETTLED' : 'PARTIALLY_SETTLED';
    },
    lines: (i: Invoice, _: unknown, ctx: Ctx) => ctx.services.invoices.lines(ctx, i.id),
    journalEntry: (i: Invoice, _: unknown, ctx: Ctx) => ctx.services.journal.byId(ctx, i.journalEntryId),
    settlements: (i: Invoice, _: unknown, ctx: Ctx) =>
      ctx.services.payments.settlementsOf(ctx, 'invoice_id', i.id),
  },
  Payment: {
    unappliedAmount: (p: Payment) => new Decimal(p.amount).minus(p.appliedAmount).toFixed(2),
    journalEntry: (p: Payment, _: unknown, ctx: Ctx) => ctx.services.journal.byId(ctx, p.journalEntryId),
    settlements: (p: Payment, _: unknown, ctx: Ctx) =>
      ctx.services.payments.settlementsOf(ctx, 'payment_id', p.id),
  },
  Settlement: {
    invoice: (s: Settlement, _: unknown, ctx: Ctx) => ctx.services.invoices.byId(ctx, s.invoiceId),
    payment: (s: Settlement, _: unknown, ctx: Ctx) => ctx.services.payments.byId(ctx, s.paymentId),
    journalEntry: (s: Settlement, _: unknown, ctx: Ctx) => ctx.services.journal.byId(ctx, s.journalEntryId),
  },
};
