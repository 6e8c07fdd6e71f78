import {
  type CloudEvent,
  type ServiceContext,
  badInput,
  forbidden,
  hasRole,
  isSelf,
  notFound,
  recordEvents,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { KnownEmployee } from '../employees/known-employee.entity.js';
import type { ChecklistTicket } from '../onboarding/checklist.common.js';
import { isAgent, mayWork, REQUESTER_MOVES } from './ticket.access.js';
import { assertCanComment, commentCountsAsFirstResponse } from './ticket.comments.js';
import { refreshDueTimes } from './ticket.due-times.js';
import { Ticket, TicketChange, TicketComment, TicketSlaPause } from './ticket.entity.js';
import { ticketAssigned, ticketCreated, ticketResolved, ticketStatusChanged } from './ticket.events.js';
import type { CreateTicketInput } from '../generated/graphql.js';
import type { TicketStatus } from './ticket.types.js';
import { assertTransition, transitionEffects } from './ticket.workflow.js';

type Actor = { userId: string | null };

/** Changing tickets: every change, its history row and its events in one transaction. */
export class TicketService {
  constructor(
    private readonly db: DataSource,
    private readonly reopenWindowDays: number,
  ) {}

  async create(ctx: ServiceContext, input: CreateTicketInput, now = new Date()): Promise<Ticket> {
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
      const ticket = em.create(Ticket, {
        title,
        description,
        category: input.category,
        priority: input.priority,
        status: 'NEW',
        requesterId: requester.id,
        createdBy: ctx.identity.userId,
        createdAt: now,
      });
      await refreshDueTimes(em, ticket, now);
      await em.save(ticket);
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
    now = new Date(),
  ): Promise<Ticket | null> {
    const draft = em.create(Ticket, { priority: checklist.priority, createdAt: now });
    await refreshDueTimes(em, draft, now);
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO ticket (title, description, category, priority, status, requester_id, due_at, source_event_id,
         created_by, created_at, response_due_at, resolution_due_at)
       VALUES ($1, $2, $3, $4, 'NEW', $5, $6, $7, 'system:it', $8, $9, $10)
       ON CONFLICT (source_event_id) DO NOTHING RETURNING id`,
      [
        checklist.title,
        checklist.description,
        checklist.category,
        checklist.priority,
        requesterId,
        checklist.dueAt,
        sourceEventId,
        now,
        draft.responseDueAt,
        draft.resolutionDueAt,
      ],
    );
    if (inserted.length === 0) return null;
    const ticket = await em.findOneByOrFail(Ticket, { id: inserted[0].id });
    return this.afterCreate(em, ticket, { userId: null }, sourceEventId);
  }

  /**
   * A hire's onboarding ticket. hr announces a hire once per new employee, so while the employee's
   * onboarding ticket is still open a second announcement (a replay, a corrected start date) is noted
   * on it (`reannounced`) instead of doubling the agents' work; after onboarding finished, a later hire
   * of the same employee opens a new ticket. The caller holds the employee's row lock, so two
   * announcements for one employee serialize.
   */
  async openOnboarding(
    em: EntityManager,
    checklist: ChecklistTicket,
    employeeId: string,
    sourceEventId: string,
    reannounced: string,
  ): Promise<Ticket | null> {
    const [open]: { id: string }[] = await em.query(
      `SELECT id FROM ticket
        WHERE requester_id = $1 AND category = 'ONBOARDING' AND source_event_id IS NOT NULL
          AND status NOT IN ('RESOLVED', 'CLOSED')
        ORDER BY created_at DESC LIMIT 1`,
      [employeeId],
    );
    if (!open) return this.openChecklist(em, checklist, employeeId, sourceEventId);
    await em.insert(TicketComment, {
      ticketId: open.id,
      internal: true,
      author: 'system:it',
      body: reannounced,
    });
    return null;
  }

  private async afterCreate(em: EntityManager, ticket: Ticket, actor: Actor, causedBy?: string) {
    const saved = await em.findOneByOrFail(Ticket, { id: ticket.id }); // with its number
    await this.recordChange(em, saved.id, 'STATUS', null, 'NEW', actor);
    await recordEvents(em, ticketCreated(saved, actor, causedBy));
    return saved;
  }

  async assign(ctx: ServiceContext, id: string, assigneeId: string | null | undefined): Promise<Ticket> {
    return this.db.transaction(async (em) => {
      const ticket = await lockById(em, Ticket, id);
      if (ticket.status === 'CLOSED') throw badInput('a closed ticket cannot be reassigned', 'id');
      const next = assigneeId ?? null;
      if (ticket.assigneeId === next) return ticket; // a repeat changes nothing, even after a retirement
      if (next) await assertActiveAgent(em, next);
      return this.reassign(em, ticket, next, ctx.identity);
    });
  }

  /** Hands a locked ticket to `next`, with its history row and event; used by the breach job too. */
  async reassign(em: EntityManager, ticket: Ticket, next: string | null, actor: Actor): Promise<Ticket> {
    const previous = ticket.assigneeId;
    ticket.assigneeId = next;
    await em.save(ticket);
    await this.recordChange(em, ticket.id, 'ASSIGNEE', previous, next, actor);
    await recordEvents(em, ticketAssigned(ticket, previous, actor));
    return ticket;
  }

  async transition(ctx: ServiceContext, id: string, to: TicketStatus, now = new Date()): Promise<Ticket> {
    return this.db.transaction(async (em) => {
      const ticket = await lockById(em, Ticket, id);
      if (!mayWork(ctx, ticket)) throw forbidden('only IT agents and the requester may change this ticket');
      const from = ticket.status;
      assertTransition(from, to, {
        resolvedAt: ticket.resolvedAt,
        now,
        reopenWindowDays: this.reopenWindowDays,
      });
      if (!isAgent(ctx) && !(REQUESTER_MOVES[from] ?? []).includes(to)) {
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
      await refreshDueTimes(em, ticket, now);
      await em.save(ticket);
      await this.recordChange(em, id, 'STATUS', from, to, ctx.identity);
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
      const ticket = await lockById(em, Ticket, id);
      if (!mayWork(ctx, ticket))
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

  recordChange(
    em: EntityManager,
    ticketId: string,
    kind: TicketChange['kind'],
    fromValue: string | null,
    toValue: string | null,
    actor: Actor,
  ): Promise<TicketChange> {
    return em.save(em.create(TicketChange, { ticketId, kind, fromValue, toValue, changedBy: actor.userId }));
  }
}

/** Tickets go only to employees on the desk's roster who have not retired from it. */
async function assertActiveAgent(em: EntityManager, employeeId: string): Promise<void> {
  const rows: unknown[] = isUuid(employeeId)
    ? await em.query(
        `SELECT 1 FROM it_agent a JOIN known_employee e ON e.id = a.employee_id
          WHERE a.employee_id = $1 AND a.retired_at IS NULL AND e.active`,
        [employeeId],
      )
    : [];
  if (rows.length === 0)
    throw badInput(
      `employee ${employeeId} is not an active IT agent; register them with registerAgent first`,
      'assigneeEmployeeId',
    );
}
