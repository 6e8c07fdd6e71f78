import type { Resolvers } from '../generated/graphql.js';
import { ticketNumber } from './ticket.queries.js';

const employeeRef = (id: string) => ({ __typename: 'Employee' as const, id });

export const ticketResolvers: Resolvers = {
  Query: {
    ticket: (_, { id }, ctx) => ctx.services.ticketQueries.find(ctx, id),
    tickets: (_, args, ctx) => ctx.services.ticketQueries.list(ctx, args),
  },
  Mutation: {
    createTicket: (_, { input }, ctx) => ctx.services.tickets.create(ctx, input),
    assignTicket: (_, a, ctx) => ctx.services.tickets.assign(ctx, a.id, a.assigneeEmployeeId),
    transitionTicket: (_, a, ctx) => ctx.services.tickets.transition(ctx, a.id, a.to),
    commentOnTicket: (_, a, ctx) => ctx.services.tickets.comment(ctx, a.id, a.body, a.internal ?? false),
    watchTicket: (_, a, ctx) => ctx.services.watchers.watch(ctx, a.id, a.employeeId),
    unwatchTicket: (_, a, ctx) => ctx.services.watchers.unwatch(ctx, a.id, a.employeeId),
  },
  Ticket: {
    __resolveReference: (ref, ctx) => ctx.services.ticketQueries.find(ctx, ref.id),
    number: (t) => ticketNumber(t),
    requester: (t) => employeeRef(t.requesterId),
    assignee: (t) => (t.assigneeId ? employeeRef(t.assigneeId) : null),
    sla: (t, _, ctx) => ctx.services.ticketQueries.sla(ctx, t),
    allowedTransitions: (t, _, ctx) => ctx.services.ticketQueries.allowedTransitions(ctx, t),
    comments: (t, _, ctx) => ctx.services.ticketQueries.comments(ctx, t),
    history: (t, _, ctx) => ctx.services.ticketQueries.history(ctx, t),
    watchers: async (t, _, ctx) =>
      (await ctx.services.ticketQueries.watchers(ctx, t)).map((w) => employeeRef(w.employeeId)),
  },
  Employee: {
    tickets: (e, _, ctx) => ctx.services.ticketQueries.requestedBy(ctx, e.id),
    assets: (e, _, ctx) => ctx.services.assets.assignedTo(ctx, e.id),
  },
};
