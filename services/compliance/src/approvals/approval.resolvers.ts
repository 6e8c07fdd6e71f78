import { mayDecide } from './approval.rules.js';
import type { Resolvers } from '../generated/graphql.js';

export const approvalResolvers: Resolvers = {
  Query: {
    approvals: (_, { filter }, ctx) => ctx.services.approvals.list(ctx, filter ?? {}),
    approval: (_, { id }, ctx) => ctx.services.approvals.get(ctx, id),
  },
  Mutation: {
    requestApproval: (_, { input }, ctx) => ctx.services.approvals.request(ctx, input),
    decideApproval: (_, a, ctx) => ctx.services.approvals.decide(ctx, a.id, a.approve, a.comment),
  },
  Approval: {
    __resolveReference: (ref, ctx) => ctx.services.approvals.get(ctx, ref.id),
    requestedAt: (a) => a.createdAt,
    requestedByEmployee: (a) =>
      a.requestedByEmployeeId ? { __typename: 'Employee', id: a.requestedByEmployeeId } : null,
    steps: (a, _, ctx) => ctx.services.approvals.steps(ctx, a.id),
    canDecide: async (a, _, ctx) => {
      if (a.status !== 'PENDING' || a.expiresAt <= new Date()) return false;
      const steps = await ctx.services.approvals.steps(ctx, a.id);
      return (
        mayDecide({ ...a, steps }, ctx.identity) && !steps.some((s) => s.decidedBy === ctx.identity.userId)
      );
    },
  },
  JournalEntry: {
    approval: (je, _, ctx) => ctx.services.approvals.latestForJournalEntry(ctx, je.id),
  },
};
