import type { DataSource } from 'typeorm';

export type FindingKind =
  | 'OVERDUE_ACKNOWLEDGEMENTS'
  | 'APPROVALS_PAST_DEADLINE'
  | 'TICKET_SLA_BREACHES'
  | 'JOURNAL_ENTRIES_REVERSED_MORE_THAN_ONCE';

export interface ComplianceFinding {
  kind: FindingKind;
  description: string;
  count: number;
  /** The entities concerned (employees, approvals, tickets, journal entries), at most 200. */
  entityIds: string[];
}

export interface ComplianceCounts {
  auditEntries: number;
  pendingApprovals: number;
  approvalsPastDeadline: number;
  overdueAcknowledgements: number;
  activeLegalHolds: number;
  ticketSlaBreaches: number;
  journalEntriesReversedMoreThanOnce: number;
}

const MAX_IDS = 200;

/**
 * An entry reversed twice over, or whose reversal was itself reversed (A by B, B by C): either way
 * the books saw its effect undone more than once.
 */
const REVERSED_MORE_THAN_ONCE = `
  SELECT reversed_entry_id AS id FROM journal_reversal GROUP BY reversed_entry_id HAVING count(*) > 1
  UNION
  SELECT r1.reversed_entry_id FROM journal_reversal r1 JOIN journal_reversal r2 ON r2.reversed_entry_id = r1.reversal_entry_id`;

/** The officer's checklist: what needs attention now, counted, with the entities to look at. */
export class FindingsService {
  constructor(private readonly db: DataSource) {}

  async findings(
    overdueAfterDays: number,
    since: Date | null,
    now = new Date(),
  ): Promise<ComplianceFinding[]> {
    const [acks, approvals, breaches, reversals] = await Promise.all([
      this.ids(
        `SELECT DISTINCT a.employee_id AS id FROM policy_acknowledgement a
         JOIN known_employee e ON e.id = a.employee_id AND e.active
         WHERE a.acknowledged_at IS NULL AND a.requested_at < $1::timestamptz - make_interval(days => $2)`,
        [now, overdueAfterDays],
      ),
      // Pending past the deadline: the expiry job has not run yet, or failed.
      this.ids(`SELECT id::text AS id FROM approval WHERE status = 'PENDING' AND expires_at <= $1`, [now]),
      this.ids(
        'SELECT DISTINCT ticket_id AS id FROM sla_breach WHERE $1::timestamptz IS NULL OR breached_at >= $1',
        [since],
      ),
      this.ids(REVERSED_MORE_THAN_ONCE, []),
    ]);
    return [
      {
        kind: 'OVERDUE_ACKNOWLEDGEMENTS',
        description: `active employees with a policy acknowledgement pending more than ${overdueAfterDays} days`,
        ...acks,
      },
      {
        kind: 'APPROVALS_PAST_DEADLINE',
        description: 'approvals still pending after their deadline',
        ...approvals,
      },
      { kind: 'TICKET_SLA_BREACHES', description: 'IT tickets that breached their SLA', ...breaches },
      {
        kind: 'JOURNAL_ENTRIES_REVERSED_MORE_THAN_ONCE',
        description: 'journal entries reversed more than once',
        ...reversals,
      },
    ];
  }

  async counts(overdueAfterDays: number, now = new Date()): Promise<ComplianceCounts> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT last_sequence FROM audit_counter WHERE id)::int AS "auditEntries",
         (SELECT count(*) FROM approval WHERE status = 'PENDING')::int AS "pendingApprovals",
         (SELECT count(*) FROM approval WHERE status = 'PENDING' AND expires_at <= $1)::int AS "approvalsPastDeadline",
         (SELECT count(*) FROM policy_acknowledgement a JOIN known_employee e ON e.id = a.employee_id AND e.active
           WHERE a.acknowledged_at IS NULL AND a.requested_at < $1::timestamptz - make_interval(days => $2))::int
           AS "overdueAcknowledgements",
         (SELECT count(*) FROM legal_hold WHERE released_at IS NULL AND refused IS NULL)::int AS "activeLegalHolds",
         (SELECT count(DISTINCT ticket_id) FROM sla_breach)::int AS "ticketSlaBreaches",
         (SELECT count(*) FROM (${REVERSED_MORE_THAN_ONCE}) r)::int
           AS "journalEntriesReversedMoreThanOnce"`,
      [now, overdueAfterDays],
    );
    return row;
  }

  private async ids(sql: string, params: unknown[]): Promise<{ count: number; entityIds: string[] }> {
    const rows: { id: string }[] = await this.db.query(sql, params);
    return { count: rows.length, entityIds: rows.slice(0, MAX_IDS).map((r) => r.id) };
  }
}
