import {
  type CloudEvent,
  type Connection,
  type ServiceContext,
  badInput,
  byKeys,
  connection,
  decodeCursor,
  forbidden,
  groupByKeys,
  hasRole,
  isSelf,
  notFound,
  pageSize,
  recordEvents,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { KnownEmployee } from '../employees/known-employee.entity.js';
import type { ChecklistTicket } from '../onboarding/checklist.common.js';
import { type SlaStatus, computeSla } from '../sla/sla.rules.js';
import { assertCanComment, commentCountsAsFirstResponse } from './ticket.comments.js';
import { Ticket, TicketChange, TicketComment, TicketSlaPause } from './ticket.entity.js';
import { ticketAssigned, ticketCreated, ticketResolved, ticketStatusChanged } from './ticket.events.js';
import { OPEN_STATUSES, type Priority, type TicketCategory, type TicketStatus } from './ticket.types.js';
import { allowedTransitions, assertTransition, transitionEffects } from './ticket.workflow.js';

export interface CreateTicketInput {
  title: string;
  description?: string | null;
  category: TicketCategory;
  priority: Priority;
  requesterEmployeeId: string;
}

export interface TicketFilter {
  status?: TicketStatus[] | null;
  priority?: Priority | null;
  category?: TicketCategory | null;
  requesterEmployeeId?: string | null;
  assigneeEmployeeId?: string | null;
  open?: boolean | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string | null | undefined): id is string => !!id && UUID.test(id);

/** What a requester may do to their own ticket: answer, reopen within the window, confirm closure. */
const REQUESTER_MOVES: Partial<Record<TicketStatus, TicketStatus[]>> = {
  WAITING_ON_REQUESTER: ['IN_PROGRESS'],
  RESOLVED: ['IN_PROGRESS', 'CLOSED'],
};

export const ticketNumber = (t: Ticket) => `IT-${String(t.number).padStart(6, '0')}`;

export class TicketService {
  constructor(
    private readonly db: DataSource,
    private readonly reopenWindowDays: number,
  ) {}

  /** Agents see every ticket; anyone else the tickets they requested. */
  maySee(ctx: ServiceContext, ticket: Ticket): boolean {
    return hasRole(ctx, 'it_agent') || isSelf(ctx, ticket.requesterId);
  }

  private tickets(ctx: ServiceContext) {
    return ctx.loaders.get<string, Ticket | null>('ticket', async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length
        ? await this.db
            .getRepository(Ticket)
            .createQueryBuilder('t')
            .where('t.id = ANY(:ids)', { ids: valid })
            .getMany()
        : [];
      return byKeys(ids, rows, (t) => t.id);
    });
  }

  async find(ctx: ServiceContext, id: string): Promise<Ticket | null> {
    const ticket = await this.tickets(ctx).load(id);
    if (ticket && !this.maySee(ctx, ticket))
      throw forbidden('only IT agents and the requester may see this ticket');
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
    if (!hasRole(ctx, 'it_agent')) {
      // Row-level rule: a non-agent lists only their own tickets, whatever the filter says.
      if (!ctx.identity.employeeId) return connection([], first, 0, () => []);
      qb.andWhere('t.requester_id = :self', { self: ctx.identity.employeeId });
    }
    if (filter.status?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.status });
    if (filter.open) qb.andWhere('t.status IN (:...open)', { open: OPEN_STATUSES });
    if (filter.priority) qb.andWhere('t.priority = :priority', { priority: filter.priority });
    if (filter.category) qb.andWhere('t.category = :category', { category: filter.category });
    if (filter.requesterEmployeeId)
      qb.andWhere('t.requester_id::text = :requester', { requester: filter.requesterEmployeeId });
    if (filter.assigneeEmployeeId)
      qb.andWhere('t.assignee_id::text = :assignee', { assignee: filter.assigneeEmployeeId });
    const totalCount = await qb.clone().getCount();
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
    return connection(rows, first, totalCount, (t) => [t.createdAt.toISOString(), t.id]);
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

  allowedTransitions(ctx: ServiceContext, ticket: Ticket): TicketStatus[] {
    const all = allowedTransitions(ticket.status, {
      resolvedAt: ticket.resolvedAt,
      now: new Date(),
      reopenWindowDays: this.reopenWindowDays,
    });
    if (hasRole(ctx, 'it_agent')) return all;
    const mine = isSelf(ctx, ticket.requesterId) ? (REQUESTER_MOVES[ticket.status] ?? []) : [];
    return all.filter((s) => mine.includes(s));
  }

  async comments(ctx: ServiceContext, ticket: Ticket): Promise<TicketComment[]> {
    const qb = this.db
      .getRepository(TicketComment)
      .createQueryBuilder('c')
      .where('c.ticket_id = :id', { id: ticket.id });
    if (!hasRole(ctx, 'it_agent')) qb.andWhere('c.internal = false');
    return qb.orderBy('c.id').getMany();
  }

  history(ticket: Ticket): Promise<TicketChange[]> {
    return this.db.getRepository(TicketChange).find({ where: { ticketId: ticket.id }, order: { id: 'ASC' } });
  }

  async create(ctx: ServiceContext, input: CreateTicketInput): Promise<Ticket> {
    if (!hasRole(ctx, 'it_agent', 'hr') && !isSelf(ctx, input.requesterEmployeeId)) {
      throw forbidden('you may open tickets for yourself; it_agent and hr for anyone');
    }
    const title = input.title.trim();
    if (title.length === 0 || title.length > 200)
      throw badInput('title must be 1 to 200 characters', 'title');
    const description = input.description?.trim() || null;
    if (description && description.length > 20_000)
      throw badInput('description must be at most 20000 characters', 'description');
    return this.db.transaction(async (em) => {
      const requester = isUuid(input.requesterEmployeeId)
        ? await em.findOneBy(KnownEmployee, { id: input.requesterEmployeeId })
        : null;
      if (!requester)
        throw Object.assign(notFound('Employee', input.requesterEmployeeId), {
          field: 'requesterEmployeeId',
        });
      const ticket = await em.save(
        em.create(Ticket, {
          title,
          description,
          category: input.category,
          priority: input.priority,
          status: 'NEW',
          requesterId: requester.id,
          createdBy: ctx.identity.userId,
        }),
      );
      return this.afterCreate(em, ticket, ctx.identity);
    });
  }

  /**
   * Opens a checklist ticket caused by an event, in the consumer's transaction. The unique
   * source_event_id makes a second delivery of the same event open nothing.
   */
  async openChecklist(
    em: EntityManager,
    checklist: ChecklistTicket,
    requesterId: string,
    sourceEventId: string,
  ): Promise<Ticket | null> {
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO ticket (title, description, category, priority, status, requester_id, due_at, source_event_id, created_by)
       VALUES ($1, $2, $3, $4, 'NEW', $5, $6, $7, 'system:it') ON CONFLICT (source_event_id) DO NOTHING RETURNING id`,
      [
        checklist.title,
        checklist.description,
        checklist.category,
        checklist.priority,
        requesterId,
        checklist.dueAt,
        sourceEventId,
      ],
    );
    if (inserted.length === 0) return null;
    const ticket = await em.findOneByOrFail(Ticket, { id: inserted[0].id });
    return this.afterCreate(em, ticket, { userId: null }, sourceEventId);
  }

  private async afterCreate(
    em: EntityManager,
    ticket: Ticket,
    actor: { userId: string | null },
    causedBy?: string,
  ): Promise<Ticket> {
    const saved = await em.findOneByOrFail(Ticket, { id: ticket.id }); // with its number
    await em.save(
      em.create(TicketChange, {
        ticketId: saved.id,
        kind: 'STATUS',
        fromValue: null,
        toValue: 'NEW',
        changedBy: actor.userId,
      }),
    );
    await recordEvents(em, ticketCreated(saved, actor, causedBy));
    return saved;
  }

  async assign(ctx: ServiceContext, id: string, assigneeId: string | null | undefined): Promise<Ticket> {
    return this.db.transaction(async (em) => {
      const ticket = await this.lock(em, id);
      if (ticket.status === 'CLOSED') throw badInput('a closed ticket cannot be reassigned', 'id');
      const next = assigneeId ?? null;
      if (next) {
        const agent = isUuid(next) ? await em.findOneBy(KnownEmployee, { id: next }) : null;
        if (!agent) throw Object.assign(notFound('Employee', next), { field: 'assigneeEmployeeId' });
        if (!agent.active)
          throw badInput(`employee ${next} has left and cannot take tickets`, 'assigneeEmployeeId');
      }
      if (ticket.assigneeId === next) return ticket;
      const previous = ticket.assigneeId;
      ticket.assigneeId = next;
      await em.save(ticket);
      await em.save(
        em.create(TicketChange, {
          ticketId: id,
          kind: 'ASSIGNEE',
          fromValue: previous,
          toValue: next,
          changedBy: ctx.identity.userId,
        }),
      );
      await recordEvents(em, ticketAssigned(ticket, previous, ctx.identity));
      return ticket;
    });
  }

  async transition(ctx: ServiceContext, id: string, to: TicketStatus, now = new Date()): Promise<Ticket> {
    return this.db.transaction(async (em) => {
      const ticket = await this.lock(em, id);
      if (!this.maySee(ctx, ticket))
        throw forbidden('only IT agents and the requester may change this ticket');
      const from = ticket.status;
      assertTransition(from, to, {
        resolvedAt: ticket.resolvedAt,
        now,
        reopenWindowDays: this.reopenWindowDays,
      });
      if (!hasRole(ctx, 'it_agent') && !(REQUESTER_MOVES[from] ?? []).includes(to)) {
        throw forbidden(`a requester may not move a ticket from ${from} to ${to}; ask the service desk`);
      }
      const effects = transitionEffects(from, to);
      ticket.status = to;
      if (effects.setsResolvedAt) ticket.resolvedAt = now;
      if (effects.clearsResolvedAt) ticket.resolvedAt = null;
      if (effects.setsClosedAt) ticket.closedAt = now;
      if (effects.countsAsFirstResponse && !ticket.firstRespondedAt) ticket.firstRespondedAt = now;
      if (effects.startsSlaPause)
        await em.save(em.create(TicketSlaPause, { ticketId: id, pausedFrom: now, pausedTo: null }));
      if (effects.endsSlaPause) {
        await em.query(
          'UPDATE ticket_sla_pause SET paused_to = $2 WHERE ticket_id = $1 AND paused_to IS NULL',
          [id, now],
        );
      }
      await em.save(ticket);
      await em.save(
        em.create(TicketChange, {
          ticketId: id,
          kind: 'STATUS',
          fromValue: from,
          toValue: to,
          changedBy: ctx.identity.userId,
        }),
      );
      const events: CloudEvent[] = [ticketStatusChanged(ticket, from, ctx.identity)];
      if (to === 'RESOLVED') events.push(ticketResolved(ticket, ctx.identity));
      await recordEvents(em, ...events);
      return ticket;
    });
  }

  async comment(
    ctx: ServiceContext,
    id: string,
    body: string,
    internal: boolean,
    now = new Date(),
  ): Promise<TicketComment> {
    const text = body.trim();
    if (text.length === 0 || text.length > 20_000)
      throw badInput('body must be 1 to 20000 characters', 'body');
    return this.db.transaction(async (em) => {
      const ticket = await this.lock(em, id);
      if (!this.maySee(ctx, ticket))
        throw forbidden('only IT agents and the requester may comment on this ticket');
      assertCanComment({ status: ticket.status, internal, roles: ctx.identity.roles });
      const comment = await em.save(
        em.create(TicketComment, { ticketId: id, body: text, internal, author: ctx.identity.userId }),
      );
      if (!ticket.firstRespondedAt && commentCountsAsFirstResponse({ internal, roles: ctx.identity.roles })) {
        ticket.firstRespondedAt = now;
        await em.save(ticket);
      }
      return comment;
    });
  }

  private async lock(em: EntityManager, id: string): Promise<Ticket> {
    const ticket = isUuid(id)
      ? await em
          .getRepository(Ticket)
          .createQueryBuilder('t')
          .setLock('pessimistic_write')
          .where('t.id = :id', { id })
          .getOne()
      : null;
    if (!ticket) throw notFound('Ticket', id);
    return ticket;
  }
}
