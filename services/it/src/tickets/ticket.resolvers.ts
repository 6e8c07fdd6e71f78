import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from '../services.js';
import type { Ticket, TicketWatcher } from './ticket.entity.js';
import { type TicketFilter, ticketNumber } from './ticket.queries.js';
import type { CreateTicketInput } from './ticket.service.js';
import type { TicketStatus } from './ticket.types.js';

type Ctx = ServiceContext<ItServices>;
const employeeRef = (id: string | null) => (id ? { __typename: 'Employee', id } : null);

export const ticketResolvers = {
  Query: {
    ticket: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.ticketQueries.find(ctx, id),
    tickets: (_: unknown, args: { first?: number; after?: string; filter?: TicketFilter }, ctx: Ctx) =>
      ctx.services.ticketQueries.list(ctx, args),
  },
  Mutation: {
    createTicket: (_: unknown, { input }: { input: CreateTicketInput }, ctx: Ctx) =>
      ctx.services.tickets.create(ctx, input),
    assignTicket: (_: unknown, a: { id: string; assigneeEmployeeId?: string | null }, ctx: Ctx) =>
      ctx.services.tickets.assign(ctx, a.id, a.assigneeEmployeeId),
    transitionTicket: (_: unknown, a: { id: string; to: TicketStatus }, ctx: Ctx) =>
      ctx.services.tickets.transition(ctx, a.id, a.to),
    commentOnTicket: (_: unknown, a: { id: string; body: string; internal?: boolean | null }, ctx: Ctx) =>
      ctx.services.tickets.comment(ctx, a.id, a.body, a.internal ?? false),
    watchTicket: (_: unknown, a: { id: string; employeeId?: string | null }, ctx: Ctx) =>
      ctx.services.watchers.watch(ctx, a.id, a.employeeId),
    unwatchTicket: (_: unknown, a: { id: string; employeeId?: string | null }, ctx: Ctx) =>
      ctx.services.watchers.unwatch(ctx, a.id, a.employeeId),
  },
  Ticket: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.ticketQueries.find(ctx, ref.id),
    number: (t: Ticket) => ticketNumber(t),
    requester: (t: Ticket) => employeeRef(t.requesterId),
    assignee: (t: Ticket) => employeeRef(t.assigneeId),
    sla: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.ticketQueries.sla(ctx, t),
    allowedTransitions: (t: Ticket, _: unknown, ctx: Ctx) =>
      ctx.services.ticketQueries.allowedTransitions(ctx, t),
    comments: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.ticketQueries.comments(ctx, t),
    history: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.ticketQueries.history(ctx, t),
    watchers: async (t: Ticket, _: unknown, ctx: Ctx) =>
      (await ctx.services.ticketQueries.watchers(ctx, t)).map((w: TicketWatcher) =>
        employeeRef(w.employeeId),
      ),
  },
  Employee: {
    tickets: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.ticketQueries.requestedBy(ctx, e.id),
    assets: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.assets.assignedTo(ctx, e.id),
  },
};
