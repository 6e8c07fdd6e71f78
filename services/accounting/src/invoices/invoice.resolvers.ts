import { Decimal } from 'decimal.js';
import type { Resolvers } from '../generated/graphql.js';

const today = () => new Date().toISOString().slice(0, 10);
// `!` below: a foreign key guarantees the row behind the id; a missing one stays GraphQL's non-null error.

export const invoiceResolvers: Resolvers = {
  Query: {
    invoice: (_, { id }, ctx) => ctx.services.invoices.byId(ctx, id),
    invoices: (_, args, ctx) => ctx.services.invoices.list(args),
    payment: (_, { id }, ctx) => ctx.services.payments.byId(ctx, id),
    payments: (_, a, ctx) => ctx.services.payments.list(a.counterparty, a.kind, a.unappliedOnly ?? false),
    openItems: (_, a, ctx) => ctx.services.invoices.openItems(a.counterparty, a.kind, today()),
    agingReport: (_, a, ctx) => ctx.services.invoices.aging(a.asOf, a.kind),
  },
  Mutation: {
    createInvoice: (_, { input }, ctx) => ctx.services.invoices.create(ctx, input),
    recordPayment: (_, { input }, ctx) => ctx.services.payments.record(ctx, input),
    settle: (_, a, ctx) => ctx.services.payments.settle(ctx, a.paymentId, a.allocations, a.date),
  },
  Invoice: {
    openAmount: (i) => new Decimal(i.total).minus(i.settledAmount).toFixed(2),
    status: (i) => {
      const settled = new Decimal(i.settledAmount);
      if (settled.isZero()) return 'OPEN';
      return settled.greaterThanOrEqualTo(i.total) ? 'SETTLED' : 'PARTIALLY_SETTLED';
    },
    lines: (i, _, ctx) => ctx.services.invoices.lines(ctx, i.id),
    journalEntry: async (i, _, ctx) => (await ctx.services.journal.byId(ctx, i.journalEntryId))!,
    settlements: (i, _, ctx) => ctx.services.payments.settlementsOf(ctx, 'invoice_id', i.id),
  },
  Payment: {
    unappliedAmount: (p) => new Decimal(p.amount).minus(p.appliedAmount).toFixed(2),
    journalEntry: async (p, _, ctx) => (await ctx.services.journal.byId(ctx, p.journalEntryId))!,
    settlements: (p, _, ctx) => ctx.services.payments.settlementsOf(ctx, 'payment_id', p.id),
  },
  Settlement: {
    invoice: async (s, _, ctx) => (await ctx.services.invoices.byId(ctx, s.invoiceId))!,
    payment: async (s, _, ctx) => (await ctx.services.payments.byId(ctx, s.paymentId))!,
    journalEntry: async (s, _, ctx) => (await ctx.services.journal.byId(ctx, s.journalEntryId))!,
  },
};
