import type { Resolvers } from '../generated/graphql.js';

export const ticketStatsResolvers: Resolvers = {
  Query: {
    ticketStats: (_, a, ctx) => ctx.services.stats.stats(a.from, a.to, a.groupBy ?? []),
    ticketBacklog: (_, __, ctx) => ctx.services.stats.backlog(),
  },
  TicketStatsGroup: {
    assignee: (g) => (g.assigneeId ? { __typename: 'Employee', id: g.assigneeId } : null),
  },
};
