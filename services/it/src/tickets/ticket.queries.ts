import {
  type Connection,
  type ServiceContext,
  byIdLoader,
  connection,
  decodeCursor,
  forbidden,
  groupByKeys,
  hasRole,
  isSelf,
  notFound,
  pageSize,
  isUuid,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import type { TicketFilter } from '../generated/graphql.js';
import { type SlaStatus, computeSla } from '../sla/sla.rules.js';
import { isAgent, mayWork, REQUESTER_MOVES } from './ticket.access.js';
import { Ticket, TicketChange, TicketComment, TicketSlaPause, TicketWatcher } from './ticket.entity.js';
import { OPEN_STATUSES, type TicketStatus } from './ticket.types.js';
import { allowedTransitions } from './ticket.workflow.js';

export const ticketNumber = (t: Ticket) => `IT-${String(t.number).padStart(6, '0')}`;

/** Reading tickets: one SQL statement per kind of thing, however many tickets a request touches. */
export class TicketQueries {
  constructor(
    private readonly db: DataSource,
    private readonly reopenWindowDays: number,
  ) {}

  private tickets(ctx: ServiceContext) {
    return byIdLoader(ctx, this.db, Ticket);
  }

  /** Whether the caller watches each ticket: one query for all the tickets of a request. */
  private watchedByCaller(ctx: ServiceContext) {
    return ctx.loaders.get<string, boolean>('watched-by-caller', async (ids) => {
      const me = ctx.identity.employeeId;
      const valid = ids.filter(isUuid);
      const rows: { ticket_id: string }[] =
        me && valid.length
          ? await this.db.query(
              'SELECT ticket_id FROM ticket_watcher WHERE employee_id = $1 AND ticket_id = ANY($2)',
              [me, valid],
            )
          : [];
      const watched = new Set(rows.map((r) => r.ticket_id));
      return ids.map((id) => watched.has(id));
    });
  }

  /** Agents see every ticket; anyone else the tickets they requested or watch. */
  async maySee(ctx: ServiceContext, ticket: Ticket): Promise<boolean> {
    if (mayWork(ctx, ticket)) return true;
    return this.watchedByCaller(ctx).load(ticket.id);
  }

  async find(ctx: ServiceContext, id: string): Promise<Ticket | null> {
    const ticket = await this.tickets(ctx).load(id);
    if (ticket && !(await this.maySee(ctx, ticket)))
      throw forbidden('only IT agents, the requester and watchers may see this ticket');
    return ticket;
  }

  async get(ctx: ServiceContext, id: string): Promise<Ticket> {
    const ticket = await this.find(ctx, id);
    if (!ticket) throw notFound('Ticket', id);
    return ticket;
  }

  async list(
    ctx: ServiceContext,
    args: { first?: number | null; after?: string | null; filter?: TicketFilter | null },
  ): Promise<Connection<Ticket>> {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    const qb = this.db.getRepository(Ticket).createQueryBuilder('t');
    const self = ctx.identity.employeeId;
    if (!isAgent(ctx)) {
      // Row-level rule: a non-agent lists only tickets they requested or watch, whatever the filter says.
      if (!self) return connection([], first, 0, () => []);
      qb.andWhere(
        '(t.requester_id = :self OR EXISTS (SELECT 1 FROM ticket_watcher w WHERE w.ticket_id = t.id AND w.employee_id = :self))',
        { self },
      );
    }
    if (filter.watching) {
      if (!self) return connection([], first, 0, () => []);
      qb.andWhere(
        'EXISTS (SELECT 1 FROM ticket_watcher w2 WHERE w2.ticket_id = t.id AND w2.employee_id = :self)',
        { self },
      );
    }
    if (filter.status?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.status });
    if (filter.open) qb.andWhere('t.status IN (:...open)', { open: OPEN_STATUSES });
    if (filter.priority) qb.andWhere('t.priority = :priority', { priority: filter.priority });
    if (filter.category) qb.andWhere('t.category = :category', { category: filter.category });
    if (filter.requesterEmployeeId)
      qb.andWhere('t.requester_id::text = :requester', { requester: filter.requesterEmployeeId });
    if (filter.assigneeEmployeeId)
      qb.andWhere('t.assignee_id::text = :assignee', { assignee: filter.assigneeEmployeeId });
    // Counted only if the client asks for totalCount: on a big table the count costs more than the page.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    const after = decodeCursor(args.after, 2);
    if (after)
      qb.andWhere('(t.created_at, t.id::text) < (:at::timestamptz, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const loader = this.tickets(ctx);
    for (const row of rows) loader.prime(row.id, row);
    return connection(rows, first, totalCount, (t) => [t.createdAt.toISOString(), t.id], args.after);
  }

  requestedBy(ctx: ServiceContext, employeeId: string): Promise<Ticket[]> {
    if (!hasRole(ctx, 'it_agent') && !isSelf(ctx, employeeId)) {
      throw forbidden("only IT agents and the employee themself may see an employee's tickets");
    }
    return ctx.loaders
      .get<string, Ticket[]>('tickets-by-requester', async (ids) => {
        const valid = ids.filter(isUuid);
        const rows = valid.length
          ? await this.db
              .getRepository(Ticket)
              .createQueryBuilder('t')
              .where('t.requester_id = ANY(:ids)', { ids: valid })
              .orderBy('t.created_at', 'DESC')
              .getMany()
          : [];
        return groupByKeys(ids, rows, (t) => t.requesterId);
      })
      .load(employeeId);
  }

  async sla(ctx: ServiceContext, ticket: Ticket, now = new Date()): Promise<SlaStatus> {
    const pauses = await ctx.loaders
      .get<string, TicketSlaPause[]>('sla-pauses', async (ids) => {
        const rows = await this.db
          .getRepository(TicketSlaPause)
          .createQueryBuilder('p')
          .where('p.ticket_id = ANY(:ids)', { ids })
          .getMany();
        return groupByKeys(ids, rows, (p) => p.ticketId);
      })
      .load(ticket.id);
    return computeSla({
      priority: ticket.priority,
      createdAt: ticket.createdAt,
      firstRespondedAt: ticket.firstRespondedAt,
      resolvedAt: ticket.resolvedAt,
      pauses: pauses.map((p) => ({ from: p.pausedFrom, to: p.pausedTo })),
      now,
    });
  }

  watchers(ctx: ServiceContext, ticket: Ticket): Promise<TicketWatcher[]> {
    return ctx.loaders
      .get<string, TicketWatcher[]>('ticket-watchers', async (ids) => {
        const rows = await this.db
          .getRepository(TicketWatcher)
          .createQueryBuilder('w')
          .where('w.ticket_id = ANY(:ids)', { ids })
          .orderBy('w.added_at')
          .getMany();
        return groupByKeys(ids, rows, (w) => w.ticketId);
      })
      .load(ticket.id);
  }

  allowedTransitions(ctx: ServiceContext, ticket: Ticket): TicketStatus[] {
    const all = allowedTransitions(ticket.status, {
      resolvedAt: ticket.resolvedAt,
      now: new Date(),
      reopenWindowDays: this.reopenWindowDays,
    });
    if (isAgent(ctx)) return all;
    const mine = isSelf(ctx, ticket.requesterId) ? (REQUESTER_MOVES[ticket.status] ?? []) : [];
    return all.filter((s) => mine.includes(s));
  }

  comments(ctx: ServiceContext, ticket: Ticket): Promise<TicketComment[]> {
    return ctx.loaders
      .get<string, TicketComment[]>(`ticket-comments`, async (ids) => {
        const qb = this.db
          .getRepository(TicketComment)
          .createQueryBuilder('c')
          .where('c.ticket_id = ANY(:ids)', { ids });
        // Internal notes are the agents' working notes: requesters and watchers never get them.
        if (!isAgent(ctx)) qb.andWhere('c.internal = false');
        return groupByKeys(ids, await qb.orderBy('c.id').getMany(), (c) => c.ticketId);
      })
      .load(ticket.id);
  }

  history(ctx: ServiceContext, ticket: Ticket): Promise<TicketChange[]> {
    return ctx.loaders
      .get<string, TicketChange[]>('ticket-history', async (ids) => {
        const rows = await this.db
          .getRepository(TicketChange)
          .createQueryBuilder('c')
          .where('c.ticket_id = ANY(:ids)', { ids })
          .orderBy('c.id')
          .getMany();
        return groupByKeys(ids, rows, (c) => c.ticketId);
      })
      .load(ticket.id);
  }
}
