import { type Logger, recordEvents } from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgentService } from '../agents/agent.service.js';
import { type BreachCandidate, slaBreachesToEmit } from '../sla/sla.rules.js';
import type { Priority } from '../sla/sla.priority.js';
import { refreshDueTimes } from './ticket.due-times.js';
import { Ticket, TicketSlaPause } from './ticket.entity.js';
import { ticketSlaBreached } from './ticket.events.js';
import type { TicketService } from './ticket.service.js';
import { isOpenStatus } from './ticket.types.js';

/** What a breach does besides being recorded and announced (`SLA_ESCALATION`). */
export type EscalationPolicy =
  | { kind: 'priority' }
  /** To this lead, or without one the first lead on the agent roster. */
  | { kind: 'reassign'; leadEmployeeId?: string | null }
  | { kind: 'none' };

const SYSTEM = { userId: 'system:it-sla' };
/** Enough for one run; a larger backlog is worked off over the next runs. */
const BATCH = 500;

/**
 * Finds tickets whose SLA just broke and records each breach exactly once: one transaction per
 * ticket holding its row lock (SKIP LOCKED, so a second replica running the same job passes over a
 * ticket the first is handling and then finds breach_recorded_at set).
 */
export class SlaBreachJob {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketService,
    private readonly agents: AgentService,
    private readonly policy: EscalationPolicy,
    private readonly log?: Logger,
  ) {}

  /** Returns the tickets whose breach this run recorded. */
  async run(now = new Date()): Promise<string[]> {
    // Stored due times are never later than the true ones (a running pause only pushes them back),
    // so this scan may pick up a ticket that is paused; the rule below then leaves it alone.
    const rows: CandidateRow[] = await this.db.query(
      `SELECT id, priority, created_at, first_responded_at, resolved_at, breach_recorded_at
         FROM ticket
        WHERE breach_recorded_at IS NULL
          AND (resolved_at IS NULL OR resolved_at > resolution_due_at
               OR coalesce(first_responded_at, resolved_at) > response_due_at)
          AND (coalesce(first_responded_at, resolved_at, $1) > response_due_at
               OR coalesce(resolved_at, $1) > resolution_due_at)
        ORDER BY resolution_due_at
        LIMIT ${BATCH}`,
      [now],
    );
    if (rows.length === 0) return [];
    const pauses = await this.pausesOf(
      this.db.manager,
      rows.map((r) => r.id),
    );
    const recorded: string[] = [];
    for (const breach of slaBreachesToEmit(
      rows.map((r) => candidate(r, pauses)),
      now,
    )) {
      if (await this.record(breach.ticket.id, now)) recorded.push(breach.ticket.id);
    }
    if (recorded.length) this.log?.info({ tickets: recorded.length }, 'SLA breaches recorded');
    return recorded;
  }

  private record(id: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const ticket = await em
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('t.id = :id AND t.breach_recorded_at IS NULL', { id })
        .getOne();
      if (!ticket) return false; // another replica has it, or already recorded it
      // Judge again under the lock: the ticket may have been answered or parked since the scan.
      const pauses = await this.pausesOf(em, [id]);
      const [breach] = slaBreachesToEmit([candidate(asRow(ticket), pauses)], now);
      if (!breach) return false;
      const priority = ticket.priority;
      ticket.breachRecordedAt = now;
      // A ticket resolved late before the job noticed is only recorded: escalating it helps nobody.
      const open = isOpenStatus(ticket.status);
      if (open && this.policy.kind === 'priority' && breach.escalatedPriority !== priority) {
        ticket.priority = breach.escalatedPriority;
        await refreshDueTimes(em, ticket, now);
        await this.tickets.recordChange(em, id, 'PRIORITY', priority, ticket.priority, SYSTEM);
      }
      await em.save(ticket);
      if (open && this.policy.kind === 'reassign') {
        const lead = this.policy.leadEmployeeId ?? (await this.agents.firstLead(em));
        if (lead && lead !== ticket.assigneeId) await this.tickets.reassign(em, ticket, lead, SYSTEM);
        if (!lead) this.log?.warn({ ticketId: id }, 'SLA breach: no lead to reassign to');
      }
      await recordEvents(
        em,
        ticketSlaBreached(ticket, { priority, kinds: breach.kinds, escalatedPriority: ticket.priority }),
      );
      return true;
    });
  }

  private async pausesOf(em: EntityManager, ids: string[]): Promise<Map<string, TicketSlaPause[]>> {
    const rows = await em
      .getRepository(TicketSlaPause)
      .createQueryBuilder('p')
      .where('p.ticket_id = ANY(:ids)', { ids })
      .getMany();
    const byTicket = new Map<string, TicketSlaPause[]>();
    for (const p of rows) byTicket.set(p.ticketId, [...(byTicket.get(p.ticketId) ?? []), p]);
    return byTicket;
  }
}

interface CandidateRow {
  id: string;
  priority: Priority;
  created_at: Date;
  first_responded_at: Date | null;
  resolved_at: Date | null;
  breach_recorded_at: Date | null;
}

const asRow = (t: Ticket): CandidateRow => ({
  id: t.id,
  priority: t.priority,
  created_at: t.createdAt,
  first_responded_at: t.firstRespondedAt,
  resolved_at: t.resolvedAt,
  breach_recorded_at: t.breachRecordedAt,
});

function candidate(row: CandidateRow, pauses: Map<string, TicketSlaPause[]>): BreachCandidate {
  return {
    id: row.id,
    priority: row.priority,
    createdAt: row.created_at,
    firstRespondedAt: row.first_responded_at,
    resolvedAt: row.resolved_at,
    breachRecordedAt: row.breach_recorded_at,
    pauses: (pauses.get(row.id) ?? []).map((p) => ({ from: p.pausedFrom, to: p.pausedTo })),
  };
}
