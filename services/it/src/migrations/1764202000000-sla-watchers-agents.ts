import type { MigrationInterface, QueryRunner } from 'typeorm';
import { computeSla } from '../sla/sla.rules.js';
import type { Priority } from '../tickets/ticket.types.js';

/**
 * Stored SLA due times (so reports and the breach job work in SQL), watchers, and the roster of IT
 * agents tickets may be assigned to.
 */
export class SlaWatchersAgents1764202000000 implements MigrationInterface {
  name = 'SlaWatchersAgents1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE ticket ADD COLUMN response_due_at timestamptz, ADD COLUMN resolution_due_at timestamptz',
    );
    // Backfill with the same rules the service applies, so existing tickets report like new ones.
    const tickets: {
      id: string;
      priority: Priority;
      created_at: Date;
      first_responded_at: Date | null;
      resolved_at: Date | null;
    }[] = await q.query('SELECT id, priority, created_at, first_responded_at, resolved_at FROM ticket');
    const pauses: { ticket_id: string; paused_from: Date; paused_to: Date | null }[] = await q.query(
      'SELECT ticket_id, paused_from, paused_to FROM ticket_sla_pause',
    );
    const now = new Date();
    for (const t of tickets) {
      const sla = computeSla({
        priority: t.priority,
        createdAt: t.created_at,
        firstRespondedAt: t.first_responded_at,
        resolvedAt: t.resolved_at,
        pauses: pauses
          .filter((p) => p.ticket_id === t.id)
          .map((p) => ({ from: p.paused_from, to: p.paused_to })),
        now,
      });
      await q.query('UPDATE ticket SET response_due_at = $2, resolution_due_at = $3 WHERE id = $1', [
        t.id,
        sla.responseDueAt,
        sla.resolutionDueAt,
      ]);
    }
    await q.query(
      'ALTER TABLE ticket ALTER COLUMN response_due_at SET NOT NULL, ALTER COLUMN resolution_due_at SET NOT NULL',
    );
    await q.query(`
      ALTER TABLE ticket ADD CONSTRAINT ticket_status_known
        CHECK (status IN ('NEW', 'TRIAGED', 'IN_PROGRESS', 'WAITING_ON_REQUESTER', 'RESOLVED', 'CLOSED'))`);
    // The breach job's scan: only tickets that may still breach or breached without being recorded.
    // A ticket resolved in time can never breach again (a reopen clears resolved_at), so it drops out.
    await q.query(`
      CREATE INDEX ticket_breach_watch ON ticket (resolution_due_at)
        WHERE breach_recorded_at IS NULL
          AND (resolved_at IS NULL OR resolved_at > resolution_due_at
               OR coalesce(first_responded_at, resolved_at) > response_due_at)`);
    await q.query(`CREATE INDEX ticket_resolved_for_close ON ticket (resolved_at) WHERE status = 'RESOLVED'`);
    await q.query(`
      CREATE TABLE ticket_watcher (
        ticket_id uuid NOT NULL REFERENCES ticket (id),
        employee_id uuid NOT NULL,
        added_by text,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, employee_id)
      )`);
    await q.query('CREATE INDEX ticket_watcher_by_employee ON ticket_watcher (employee_id)');
    // IT does not know users' roles (hr and the identity provider do): the desk keeps its own roster.
    await q.query(`
      CREATE TABLE it_agent (
        employee_id uuid PRIMARY KEY,
        lead boolean NOT NULL DEFAULT false,
        registered_by text,
        registered_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await q.query('CREATE INDEX asset_assignment_by_asset ON asset_assignment (asset_id, assigned_at DESC)');
    // At most one open assignment per asset, whatever the code does.
    await q.query(
      'CREATE UNIQUE INDEX asset_assignment_one_open ON asset_assignment (asset_id) WHERE returned_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX asset_assignment_one_open, asset_assignment_by_asset');
    await q.query('DROP TABLE it_agent, ticket_watcher');
    await q.query('DROP INDEX ticket_resolved_for_close, ticket_breach_watch');
    await q.query('ALTER TABLE ticket DROP CONSTRAINT ticket_status_known');
    await q.query('ALTER TABLE ticket DROP COLUMN response_due_at, DROP COLUMN resolution_due_at');
  }
}
