import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from '../services.js';
import type { TicketStatsDimension, TicketStatsGroup } from './ticket-stats.service.js';

type Ctx = ServiceContext<ItServices>;

export const ticketStatsResolvers = {
  Query: {
    ticketStats: (
      _: unknown,
      a: { from: Date; to: Date; groupBy?: TicketStatsDimension[] | null },
      ctx: Ctx,
    ) => ctx.services.stats.stats(a.from, a.to, a.groupBy ?? []),
    ticketBacklog: (_: unknown, __: unknown, ctx: Ctx) => ctx.services.stats.backlog(),
  },
  TicketStatsGroup: {
    assignee: (g: TicketStatsGroup) => (g.assigneeId ? { __typename: 'Employee', id: g.assigneeId } : null),
  },
};
