import { badInput } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { PRIORITIES, type Priority } from '../sla/sla.priority.js';
import { OPEN_STATUSES } from '../tickets/ticket.types.js';
import { statsFromRollup } from './ticket-stats.rollup.js';

export type TicketStatsDimension = 'STATUS' | 'PRIORITY' | 'CATEGORY' | 'ASSIGNEE';

/** Only these columns ever reach the SQL text: the dimension is an enum, never free input. */
export const COLUMNS: Record<TicketStatsDimension, string> = {
  STATUS: 'status',
  PRIORITY: 'priority',
  CATEGORY: 'category',
  ASSIGNEE: 'assignee_id',
};

export interface TicketStatsGroup {
  status?: string | null;
  priority?: string | null;
  category?: string | null;
  assigneeId?: string | null;
  count: number;
  resolved: number;
  slaCompliancePercent: number | null;
  meanFirstResponseMinutes: number | null;
  p90FirstResponseMinutes: number | null;
  meanResolutionMinutes: number | null;
  p90ResolutionMinutes: number | null;
}

export interface TicketStats {
  from: Date;
  to: Date;
  groupBy: TicketStatsDimension[];
  total: TicketStatsGroup;
  groups: TicketStatsGroup[];
}

export interface TicketBacklogRow {
  priority: Priority;
  days0To1: number;
  days1To3: number;
  days3To7: number;
  days7Plus: number;
  total: number;
}

const MAX_RANGE_DAYS = 3 * 366;

/**
 * Reports for analysts and leads, computed in SQL over the stored due times (one statement each).
 * A resolution also counts as the first response when nobody answered before, as in the SLA rules.
 */
export class TicketStatsService {
  constructor(private readonly db: DataSource) {}

  async stats(from: Date, to: Date, groupBy: TicketStatsDimension[] = []): Promise<TicketStats> {
    if (!(from < to)) throw badInput('from must be before to', 'to');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      throw badInput(`the range may span at most ${MAX_RANGE_DAYS} days`, 'to');
    const dims = [...new Set(groupBy)];
    // One snapshot for the rollup, the live edges and the p90 lookups, so they describe the same tickets.
    const rollupKeys = dims.length <= 1 || !dims.includes('ASSIGNEE');
    if (rollupKeys)
      return this.db.transaction('REPEATABLE READ', (em) => statsFromRollup(em, from, to, dims));
    return this.statsOverTickets(from, to, dims);
  }

  /**
   * The figures straight from the tickets, sorting every duration in range: what the rollup must
   * equal, and the answer for the assignee with another dimension (groups no rollup keys).
   */
  async statsOverTickets(from: Date, to: Date, dims: TicketStatsDimension[]): Promise<TicketStats> {
    const cols = dims.map((d) => COLUMNS[d]);
    const keys = cols.length
      ? `${cols.join(', ')}, GROUPING(${cols.join(', ')}) <> 0 AS is_total`
      : 'true AS is_total';
    const grouping = cols.length ? `GROUP BY GROUPING SETS ((${cols.join(', ')}), ())` : '';
    // The stored duration columns hold these expressions' values (migration 1764204000000).
    const response = 'response_minutes';
    const resolution = 'resolution_minutes';
    const minutes = (sql: string) => `round((${sql})::numeric, 2)::float8`;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${keys},
              count(*)::int AS count,
              count(resolved_at)::int AS resolved,
              ${minutes('100.0 * count(*) FILTER (WHERE resolved_at <= resolution_due_at) / nullif(count(resolved_at), 0)')} AS compliance,
              ${minutes(`avg(${response})`)} AS mean_response,
              ${minutes(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${response})`)} AS p90_response,
              ${minutes(`avg(${resolution})`)} AS mean_resolution,
              ${minutes(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${resolution})`)} AS p90_resolution
         FROM ticket
        WHERE created_at >= $1 AND created_at < $2
        ${grouping}
        ORDER BY ${cols.length ? `${cols.join(', ')}` : '1'}`,
      [from, to],
    );
    const groups = rows.map(toGroup);
    const totalIndex = rows.findIndex((r) => r.is_total);
    const total = totalIndex >= 0 ? groups[totalIndex] : emptyGroup();
    return {
      from,
      to,
      groupBy: dims,
      total,
      groups: cols.length ? groups.filter((_, i) => i !== totalIndex) : [],
    };
  }

  async backlog(now = new Date()): Promise<TicketBacklogRow[]> {
    const rows: TicketBacklogRow[] = await this.db.query(
      `SELECT priority,
              count(*) FILTER (WHERE age < interval '1 day')::int AS "days0To1",
              count(*) FILTER (WHERE age >= interval '1 day' AND age < interval '3 days')::int AS "days1To3",
              count(*) FILTER (WHERE age >= interval '3 days' AND age < interval '7 days')::int AS "days3To7",
              count(*) FILTER (WHERE age >= interval '7 days')::int AS "days7Plus",
              count(*)::int AS total
         FROM (SELECT priority, $1::timestamptz - created_at AS age FROM ticket WHERE status = ANY($2)) open
        GROUP BY priority`,
      [now, OPEN_STATUSES],
    );
    return PRIORITIES.map(
      (priority) =>
        rows.find((r) => r.priority === priority) ?? {
          priority,
          days0To1: 0,
          days1To3: 0,
          days3To7: 0,
          days7Plus: 0,
          total: 0,
        },
    );
  }
}

export function toGroup(r: Record<string, unknown>): TicketStatsGroup {
  return {
    status: (r.status as string | undefined) ?? null,
    priority: (r.priority as string | undefined) ?? null,
    category: (r.category as string | undefined) ?? null,
    assigneeId: (r.assignee_id as string | undefined) ?? null,
    count: r.count as number,
    resolved: r.resolved as number,
    slaCompliancePercent: r.compliance as number | null,
    meanFirstResponseMinutes: r.mean_response as number | null,
    p90FirstResponseMinutes: r.p90_response as number | null,
    meanResolutionMinutes: r.mean_resolution as number | null,
    p90ResolutionMinutes: r.p90_resolution as number | null,
  };
}

export function emptyGroup(): TicketStatsGroup {
  return {
    count: 0,
    resolved: 0,
    slaCompliancePercent: null,
    meanFirstResponseMinutes: null,
    p90FirstResponseMinutes: null,
    meanResolutionMinutes: null,
    p90ResolutionMinutes: null,
  };
}
