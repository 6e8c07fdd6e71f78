import type { MigrationInterface, QueryRunner } from 'typeorm';

const NIL = '00000000-0000-0000-0000-000000000000';

/** The figures every ticket adds to its day's rollup rows; one expression for the trigger and the backfill. */
const FIGURES = `count(*) AS tickets,
       count(resolved_at) AS resolved,
       count(*) FILTER (WHERE resolved_at <= resolution_due_at) AS compliant,
       count(response_minutes) AS responded,
       coalesce(sum(extract(epoch FROM coalesce(first_responded_at, resolved_at) - created_at)), 0) AS response_seconds,
       coalesce(sum(extract(epoch FROM resolved_at - created_at)), 0) AS resolution_seconds`;

/**
 * ticketStats from a daily rollup (issue 26): counts, resolved, SLA compliance and the sums behind the
 * means per UTC day of creation, by status, priority and category, and per day by assignee (a rollup
 * keyed by all four would hold about as many rows as there are tickets). Statement-level triggers keep
 * both in the transaction of every ticket change, whoever writes (service, jobs, handlers, bulk SQL).
 * Sums are exact (numeric seconds), so a mean from the rollup is the mean over live rows.
 *
 * The p90s need order, which no rollup of sums holds: the two durations become stored columns (the
 * very expressions the statistics used, so the same float8 values) with an index per dimension, and a
 * p90 is read from the top of its group's index (see ticket-stats.service.ts).
 */
export class TicketStatsRollup1764204000000 implements MigrationInterface {
  name = 'TicketStatsRollup1764204000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket
        ADD COLUMN response_minutes float8 GENERATED ALWAYS AS
          ((extract(epoch FROM coalesce(first_responded_at, resolved_at) - created_at) / 60)::float8) STORED,
        ADD COLUMN resolution_minutes float8 GENERATED ALWAYS AS
          ((extract(epoch FROM resolved_at - created_at) / 60)::float8) STORED`);
    for (const metric of ['response_minutes', 'resolution_minutes']) {
      await q.query(
        `CREATE INDEX ticket_${metric} ON ticket (${metric}) INCLUDE (created_at) WHERE ${metric} IS NOT NULL`,
      );
      // The unassigned under the nil uuid: "assignee_id IS NULL" would not let the planner read the
      // index in duration order, where an equality does. assignee_id is included because an index on
      // an expression serves an index-only scan only if the expression's columns are in it too. The
      // other dimensions are included so a group of two or three is read index-only from one of them.
      for (const [name, key, include] of [
        ['status', 'status', 'created_at, priority, category'],
        ['priority', 'priority', 'created_at, status, category'],
        ['category', 'category', 'created_at, status, priority'],
        ['assignee', `(coalesce(assignee_id, '${NIL}'))`, 'created_at, assignee_id'],
      ]) {
        await q.query(
          `CREATE INDEX ticket_${name}_${metric} ON ticket (${key}, ${metric}) INCLUDE (${include}) WHERE ${metric} IS NOT NULL`,
        );
      }
    }
    const figures = `tickets bigint NOT NULL, resolved bigint NOT NULL, compliant bigint NOT NULL,
        responded bigint NOT NULL, response_seconds numeric NOT NULL, resolution_seconds numeric NOT NULL`;
    await q.query(`
      CREATE TABLE ticket_stats_day (
        day date NOT NULL, status text NOT NULL, priority text NOT NULL, category text NOT NULL,
        ${figures},
        PRIMARY KEY (day, status, priority, category)
      )`);
    // The unassigned tickets under the nil uuid: a primary key column cannot be null.
    await q.query(`
      CREATE TABLE ticket_stats_day_assignee (
        day date NOT NULL, assignee_key uuid NOT NULL,
        ${figures},
        PRIMARY KEY (day, assignee_key)
      )`);
    // Old rows count -1, new rows +1, summed per key before one upsert per key (in key order, so two
    // transactions touching the same keys wait for each other rather than deadlock). Dynamic SQL because
    // a statement may name only the transition tables its event has.
    await q.query(`
      CREATE FUNCTION ticket_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta text := CASE TG_OP
          WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
          WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
          ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows' END;
        figures text := 'sum(sign), coalesce(sum(sign) FILTER (WHERE resolved_at IS NOT NULL), 0),
          coalesce(sum(sign) FILTER (WHERE resolved_at <= resolution_due_at), 0),
          coalesce(sum(sign) FILTER (WHERE response_minutes IS NOT NULL), 0),
          coalesce(sum(sign * extract(epoch FROM coalesce(first_responded_at, resolved_at) - created_at)), 0),
          coalesce(sum(sign * extract(epoch FROM resolved_at - created_at)), 0)';
        adding text := 'tickets = s.tickets + excluded.tickets, resolved = s.resolved + excluded.resolved,
          compliant = s.compliant + excluded.compliant, responded = s.responded + excluded.responded,
          response_seconds = s.response_seconds + excluded.response_seconds,
          resolution_seconds = s.resolution_seconds + excluded.resolution_seconds';
      BEGIN
        EXECUTE format($f$
          WITH delta AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day,
                                coalesce(assignee_id, '00000000-0000-0000-0000-000000000000') AS assignee_key, *
                           FROM (%1$s) d),
               by_kind AS (
                 INSERT INTO ticket_stats_day AS s
                 SELECT day, status, priority, category, %2$s FROM delta
                  GROUP BY day, status, priority, category ORDER BY day, status, priority, category
                 ON CONFLICT (day, status, priority, category) DO UPDATE SET %3$s)
          INSERT INTO ticket_stats_day_assignee AS s
          SELECT day, assignee_key, %2$s FROM delta GROUP BY day, assignee_key ORDER BY day, assignee_key
          ON CONFLICT (day, assignee_key) DO UPDATE SET %3$s $f$, delta, figures, adding);
        RETURN NULL;
      END $$`);
    // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
    await q.query(`CREATE TRIGGER ticket_stats_on_insert AFTER INSERT ON ticket
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_stats_apply()`);
    await q.query(`CREATE TRIGGER ticket_stats_on_update AFTER UPDATE ON ticket
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_stats_apply()`);
    await q.query(`CREATE TRIGGER ticket_stats_on_delete AFTER DELETE ON ticket
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_stats_apply()`);
    await TicketStatsRollup1764204000000.backfill(q);
  }

  /** The rollups rebuilt from the tickets as they are: the backfill, and what a test checks it against. */
  static async backfill(q: { query(sql: string): Promise<unknown> }): Promise<void> {
    await q.query('DELETE FROM ticket_stats_day');
    await q.query('DELETE FROM ticket_stats_day_assignee');
    await q.query(`
      INSERT INTO ticket_stats_day
      SELECT (created_at AT TIME ZONE 'UTC')::date, status, priority, category, ${FIGURES}
        FROM ticket GROUP BY 1, 2, 3, 4`);
    await q.query(`
      INSERT INTO ticket_stats_day_assignee
      SELECT (created_at AT TIME ZONE 'UTC')::date, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000'), ${FIGURES}
        FROM ticket GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER ticket_stats_on_insert ON ticket');
    await q.query('DROP TRIGGER ticket_stats_on_update ON ticket');
    await q.query('DROP TRIGGER ticket_stats_on_delete ON ticket');
    await q.query('DROP FUNCTION ticket_stats_apply()');
    await q.query('DROP TABLE ticket_stats_day, ticket_stats_day_assignee');
    await q.query('ALTER TABLE ticket DROP COLUMN response_minutes, DROP COLUMN resolution_minutes');
  }
}
