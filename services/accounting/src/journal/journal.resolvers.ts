import type { Resolvers } from '../generated/graphql.js';

export const journalResolvers: Resolvers = {
  Query: {
    journalEntry: (_, { id }, ctx) => ctx.services.journal.byId(ctx, id),
    journalEntries: (_, args, ctx) => ctx.services.journal.list(ctx, args),
  },
  Mutation: {
    postJournalEntry: (_, { input }, ctx) => ctx.services.journal.post(ctx, input),
    reverseJournalEntry: (_, a, ctx) => ctx.services.journal.reverse(ctx, a.id, a.date),
  },
  JournalEntry: {
    __resolveReference: (ref, ctx) => ctx.services.journal.byId(ctx, ref.id),
    lines: (e, _, ctx) => ctx.services.journal.lines(ctx, e.id),
    reversalOf: (e, _, ctx) => (e.reversalOf ? ctx.services.journal.byId(ctx, e.reversalOf) : null),
    reversedBy: (e, _, ctx) => (e.status === 'REVERSED' ? ctx.services.journal.reversedBy(ctx, e.id) : null),
  },
  JournalLine: {
    // the line's account exists (a foreign key); a missing one stays GraphQL's non-null error
    account: async (l, _, ctx) => (await ctx.services.accounts.byCode(ctx, l.accountCode))!,
  },
};
