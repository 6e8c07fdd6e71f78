import {
  type ServiceContext,
  badInput,
  forbidden,
  notFound,
  recordEvents,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { KnownEmployee } from '../employees/known-employee.entity.js';
import { mayWork } from './ticket.access.js';
import { Ticket, TicketWatcher } from './ticket.entity.js';
import { ticketWatcherAdded, ticketWatcherRemoved } from './ticket.events.js';

/**
 * Watchers follow a ticket and may read it like its requester. Anyone who may work the ticket (an
 * agent, the requester) watches it or adds a colleague; a watcher may always stop watching, and the
 * requester or an agent may remove anyone. Watching never lets a watcher change the ticket.
 */
export class TicketWatcherService {
  constructor(private readonly db: DataSource) {}

  watch(ctx: ServiceContext, ticketId: string, employeeId?: string | null): Promise<Ticket> {
    const who = this.who(ctx, employeeId);
    return this.db.transaction(async (em) => {
      const ticket = await lockById(em, Ticket, ticketId);
      if (!mayWork(ctx, ticket))
        throw forbidden('only IT agents and the requester may add watchers to this ticket');
      const employee = isUuid(who) ? await em.findOneBy(KnownEmployee, { id: who }) : null;
      if (!employee) throw Object.assign(notFound('Employee', who), { field: 'employeeId' });
      if (!employee.active) throw badInput(`employee ${who} has left`, 'employeeId');
      const added: unknown[] = await em.query(
        `INSERT INTO ticket_watcher (ticket_id, employee_id, added_by) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING ticket_id`,
        [ticket.id, who, ctx.identity.userId],
      );
      if (added.length) await recordEvents(em, ticketWatcherAdded(ticket, who, ctx.identity));
      return ticket;
    });
  }

  unwatch(ctx: ServiceContext, ticketId: string, employeeId?: string | null): Promise<Ticket> {
    const who = this.who(ctx, employeeId);
    return this.db.transaction(async (em) => {
      const ticket = await lockById(em, Ticket, ticketId);
      const self = who === ctx.identity.employeeId;
      if (!self && !mayWork(ctx, ticket))
        throw forbidden('only IT agents and the requester may remove another watcher');
      const removed = await em.delete(TicketWatcher, { ticketId: ticket.id, employeeId: who });
      if (removed.affected) await recordEvents(em, ticketWatcherRemoved(ticket, who, ctx.identity));
      return ticket;
    });
  }

  private who(ctx: ServiceContext, employeeId?: string | null): string {
    const who = employeeId ?? ctx.identity.employeeId;
    if (!who) throw badInput('your sign-in is not linked to an employee; name the employeeId', 'employeeId');
    return who;
  }
}
