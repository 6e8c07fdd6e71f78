import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from '../services.js';
import type { Ticket } from './ticket.entity.js';
import { type CreateTicketInput, type TicketFilter, ticketNumber } from './ticket.service.js';
import type { TicketStatus } from './ticket.types.js';

type Ctx = ServiceContext<ItServices>;
const employeeRef = (id: string | null) => (id ? { __typename: 'Employee', id } : null);

export const ticketResolvers = {
  Query: {
    ticket: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.tickets.find(ctx, id),
    tickets: (_: unknown, args: { first?: number; after?: string; filter?: TicketFilter }, ctx: Ctx) =>
      ctx.services.tickets.list(ctx, args),
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
  },
  Ticket: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.tickets.find(ctx, ref.id),
    number: (t: Ticket) => ticketNumber(t),
    requester: (t: Ticket) => employeeRef(t.requesterId),
    assignee: (t: Ticket) => employeeRef(t.assigneeId),
    sla: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.tickets.sla(ctx, t),
    allowedTransitions: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.tickets.allowedTransitions(ctx, t),
    comments: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.tickets.comments(ctx, t),
    history: (t: Ticket, _: unknown, ctx: Ctx) => ctx.services.tickets.history(t),
  },
  Employee: {
    tickets: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.tickets.requestedBy(ctx, e.id),
    assets: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.assets.assignedTo(ctx, e.id),
  },
};
