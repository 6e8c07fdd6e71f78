import type { Resolvers } from '../generated/graphql.js';

export const leaveResolvers: Resolvers = {
  Query: {
    leaveRequests: (_, { filter }, ctx) => ctx.services.leave.list(ctx, filter ?? {}),
  },
  Mutation: {
    requestLeave: (_, { input }, ctx) => ctx.services.leave.request(ctx, input),
    decideLeave: (_, a, ctx) => ctx.services.leave.decide(ctx, a.id, a.approve, a.comment),
    cancelLeave: (_, { id }, ctx) => ctx.services.leave.cancel(ctx, id),
  },
  LeaveRequest: {
    // the requester exists (a foreign key); a missing one stays GraphQL's non-null error
    employee: async (l, _, ctx) => (await ctx.services.employees.byId(ctx, l.employeeId))!,
    days: (l) => Number(l.days),
  },
  Employee: {
    leaveBalance: (e, { year }, ctx) => ctx.services.leave.balance(ctx, e.id, year),
    leaveRequests: (e, _, ctx) => ctx.services.leave.ofEmployee(ctx, e.id),
  },
};
