import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';
import type { JournalEntry, JournalLine } from './journal.entity.js';
import type { JournalEntryFilter, PostJournalEntryInput } from './journal.service.js';

type Ctx = ServiceContext<AccountingServices>;

export const journalResolvers = {
  Query: {
    journalEntry: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.journal.byId(ctx, id),
    journalEntries: (
      _: unknown,
      args: { first?: number; after?: string; filter?: JournalEntryFilter },
      ctx: Ctx,
    ) => ctx.services.journal.list(ctx, args),
  },
  Mutation: {
    postJournalEntry: (_: unknown, { input }: { input: PostJournalEntryInput }, ctx: Ctx) =>
      ctx.services.journal.post(ctx, input),
    reverseJournalEntry: (_: unknown, a: { id: string; date: string }, ctx: Ctx) =>
      ctx.services.journal.reverse(ctx, a.id, a.date),
  },
  JournalEntry: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.journal.byId(ctx, ref.id),
    lines: (e: JournalEntry, _: unknown, ctx: Ctx) => ctx.services.journal.lines(ctx, e.id),
    reversalOf: (e: JournalEntry, _: unknown, ctx: Ctx) =>
      e.reversalOf ? ctx.services.journal.byId(ctx, e.reversalOf) : null,
    reversedBy: (e: JournalEntry, _: unknown, ctx: Ctx) =>
      e.status === 'REVERSED' ? ctx.services.journal.reversedBy(ctx, e.id) : null,
  },
  JournalLine: {
    account: (l: JournalLine, _: unknown, ctx: Ctx) => ctx.services.accounts.byCode(ctx, l.accountCode),
  },
};
