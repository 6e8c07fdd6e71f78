import { type Logger, recordEvents } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { Ticket } from './ticket.entity.js';
import { ticketStatusChanged } from './ticket.events.js';
import { isDueForAutoClose } from './ticket.workflow.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

/**
 * Closes RESOLVED tickets once their reopen window is over: nobody can reopen them any more, so they
 * only clutter the queues. One transaction per batch; SKIP LOCKED lets replicas share the work and
 * leaves alone a ticket someone is reopening right now.
 */
export class TicketAutoCloseJob {
  constructor(
    private readonly db: DataSource,
    private readonly reopenWindowDays: number,
    private readonly log?: Logger,
  ) {}

  /** Returns the tickets this run closed. */
  async run(now = new Date()): Promise<string[]> {
    const closed = await this.db.transaction(async (em) => {
      const cutoff = new Date(now.getTime() - this.reopenWindowDays * DAY_MS);
      const candidates = await em
        .getRepository(Ticket)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where("t.status = 'RESOLVED' AND t.resolved_at < :cutoff", { cutoff })
        .orderBy('t.resolved_at')
        .limit(BATCH)
        .getMany();
      const due = candidates.filter((t) => isDueForAutoClose(t, now, this.reopenWindowDays));
      if (due.length === 0) return [];
      const ids = due.map((t) => t.id);
      await em.query(
        `UPDATE ticket SET status = 'CLOSED', closed_at = $2, updated_at = now() WHERE id = ANY($1)`,
        [ids, now],
      );
      await em.query(
        `INSERT INTO ticket_change (ticket_id, kind, from_value, to_value, changed_by, changed_at)
         SELECT id, 'STATUS', 'RESOLVED', 'CLOSED', 'system:it-auto-close', $2 FROM unnest($1::uuid[]) AS id`,
        [ids, now],
      );
      await recordEvents(
        em,
        ...due.map((t) => ticketStatusChanged({ ...t, status: 'CLOSED', closedAt: now }, 'RESOLVED', null)),
      );
      return ids;
    });
    if (closed.length)
      this.log?.info({ tickets: closed.length }, 'resolved tickets closed after the reopen window');
    return closed;
  }
}
