import type { ServiceContext } from '@backoffice/kit';
import type { ComplianceServices } from '../services.js';
import type { Approval } from './approval.entity.js';
import { mayDecide } from './approval.rules.js';
import type { ApprovalFilter, RequestApprovalInput } from './approval.service.js';

type Ctx = ServiceContext<ComplianceServices>;

export const approvalResolvers = {
  Query: {
    approvals: (_: unknown, { filter }: { filter?: ApprovalFilter }, ctx: Ctx) =>
      ctx.services.approvals.list(ctx, filter ?? {}),
    approval: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.approvals.get(ctx, id),
  },
  Mutation: {
    requestApproval: (_: unknown, { input }: { input: RequestApprovalInput }, ctx: Ctx) =>
      ctx.services.approvals.request(ctx, input),
    decideApproval: (_: unknown, a: { id: string; approve: boolean; comment?: string }, ctx: Ctx) =>
      ctx.services.approvals.decide(ctx, a.id, a.approve, a.comment),
  },
  Approval: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.approvals.get(ctx, ref.id),
    requestedAt: (a: Approval) => a.createdAt,
    requestedByEmployee: (a: Approval) =>
      a.requestedByEmployeeId ? { __typename: 'Employee', id: a.requestedByEmployeeId } : null,
    steps: (a: Approval, _: unknown, ctx: Ctx) => ctx.services.approvals.steps(ctx, a.id),
    canDecide: async (a: Approval, _: unknown, ctx: Ctx) => {
      if (a.status !== 'PENDING' || a.expiresAt <= new Date()) return false;
      const steps = await ctx.services.approvals.steps(ctx, a.id);
      return (
        mayDecide({ ...a, steps }, ctx.identity) && !steps.some((s) => s.decidedBy === ctx.identity.userId)
      );
    },
  },
  JournalEntry: {
    approval: (je: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.services.approvals.latestForJournalEntry(ctx, je.id),
  },
};
