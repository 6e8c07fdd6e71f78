import type { EntityManager } from 'typeorm';
import {
  COLUMNS,
  type TicketStats,
  type TicketStatsDimension,
  type TicketStatsGroup,
  toGroup,
} from './ticket-stats.service.js';

const DAY_MS = 86_400_000;
const NIL = '00000000-0000-0000-0000-000000000000';
const PERCENTILE = 0.9;
const NO_FIGURES = {
  compliance: null,
  mean_response: null,
  mean_resolution: null,
  p90_response: null,
  p90_resolution: null,
};

/**
 * ticketStats without sorting the range's tickets (issue 26), for no grouping, the assignee alone, or
 * any of status, priority and category (the dimensions `ticket_stats_day` keys):
 *   - counts, resolved, SLA compliance and means: the whole UTC days of the range from the daily
 *     rollup (migration 1764204000000, kept by triggers in every ticket change's transaction), the
 *     partial days at either end from the tickets themselves;
 *   - each p90: the two values `percentile_cont` would interpolate, read at their rank from the top of
 *     the group's duration index (about a tenth of the group's entries), then interpolated as it does.
 * Runs in one REPEATABLE READ transaction: the counts that fix the ranks and the index reads see one snapshot.
 */
export async function statsFromRollup(
  em: EntityManager,
  from: Date,
  to: Date,
  dims: TicketStatsDimension[],
): Promise<TicketStats> {
  const firstDay = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const lastDay = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  // Without a whole day in the range, the edge covers it all.
  const [daysFrom, daysTo] = firstDay < lastDay ? [firstDay, lastDay] : [to, to];
  const byAssignee = dims.includes('ASSIGNEE');
  const rollup = byAssignee ? 'ticket_stats_day_assignee' : 'ticket_stats_day';
  const rollupKeys = dims.map((d) => (d === 'ASSIGNEE' ? `nullif(assignee_key, '${NIL}')` : COLUMNS[d]));
  const liveKeys = dims.map((d) => COLUMNS[d]);
  const keyNames = dims.map((_, i) => `k${i}`);
  const keys = (exprs: string[]) => exprs.map((e, i) => `${e} AS k${i}, `).join('');
  const rows: Record<string, unknown>[] = await em.query(
    `WITH parts AS (
       SELECT ${keys(rollupKeys)} tickets, resolved, compliant, responded, response_seconds, resolution_seconds
         FROM ${rollup} WHERE day >= ($3::timestamptz AT TIME ZONE 'UTC')::date AND day < ($4::timestamptz AT TIME ZONE 'UTC')::date
       UNION ALL
       SELECT ${keys(liveKeys)} 1, (resolved_at IS NOT NULL)::int, (coalesce(resolved_at <= resolution_due_at, false))::int,
              (response_minutes IS NOT NULL)::int,
              extract(epoch FROM coalesce(first_responded_at, resolved_at) - created_at),
              extract(epoch FROM resolved_at - created_at)
         FROM ticket
        WHERE (created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at < $2))
     SELECT ${dims.length ? `${keyNames.join(', ')}, GROUPING(${keyNames.join(', ')}) <> 0 AS is_total` : 'true AS is_total'},
            sum(tickets)::int AS count, sum(resolved)::int AS resolved, sum(responded)::int AS responded,
            round((100.0 * sum(compliant)::bigint / nullif(sum(resolved)::bigint, 0))::numeric, 2)::float8 AS compliance,
            round(sum(response_seconds) / 60 / nullif(sum(responded), 0), 2)::float8 AS mean_response,
            round(sum(resolution_seconds) / 60 / nullif(sum(resolved), 0), 2)::float8 AS mean_resolution
       FROM parts
      ${dims.length ? `GROUP BY GROUPING SETS ((${keyNames.join(', ')}), ())` : ''}
     HAVING sum(tickets) > 0
      ORDER BY ${dims.length ? keyNames.join(', ') : '1'}`,
    [from, to, daysFrom, daysTo],
  );
  const p90s = await percentiles(em, from, to, dims, rows);
  const groups = rows.map((r, i) => withKeys(toGroup({ ...r, ...p90s[i] }), dims, rows[i]));
  const totalIndex = rows.findIndex((r) => r.is_total);
  return {
    from,
    to,
    groupBy: dims,
    // As the statement over the tickets answers an empty range: one total row, its keys null.
    total: totalIndex >= 0 ? groups[totalIndex] : toGroup({ count: 0, resolved: 0, ...NO_FIGURES }),
    groups: dims.length ? groups.filter((_, i) => i !== totalIndex) : [],
  };
}

const FIELDS = { STATUS: 'status', PRIORITY: 'priority', CATEGORY: 'category', ASSIGNEE: 'assigneeId' };

function withKeys(g: TicketStatsGroup, dims: TicketStatsDimension[], row: Record<string, unknown>) {
  return { ...g, ...Object.fromEntries(dims.map((d, i) => [FIELDS[d], row[`k${i}`] ?? null])) };
}

/**
 * For each row (group or total), p90 response and resolution minutes as `percentile_cont(0.9)` gives
 * them: with n values ascending and k = 0.9 (n - 1), the values at floor(k) and ceil(k), the first
 * plus (k - floor(k)) times the difference, in float8 as PostgreSQL computes it. Both values are
 * read in one index scan from the top of the group's entries (descending offset n - 1 - ceil(k)).
 * `OFFSET 0` keeps the array a subquery of its own: inlined, it was scanned once per use of `v` (5 times).
 */
async function percentiles(
  em: EntityManager,
  from: Date,
  to: Date,
  dims: TicketStatsDimension[],
  rows: Record<string, unknown>[],
): Promise<Record<string, number | null>[]> {
  const params: unknown[] = [from, to];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  rows.forEach((row, i) => {
    for (const [metric, n] of [
      ['response', row.responded as number],
      ['resolution', row.resolved as number],
    ] as const) {
      if (!n) continue;
      const column = `${metric}_minutes`;
      const k = PERCENTILE * (n - 1);
      const offset = n - 1 - Math.ceil(k);
      const limit = Math.ceil(k) - Math.floor(k) + 1;
      let where = `${column} IS NOT NULL AND created_at >= $1 AND created_at < $2`;
      // The group's every key; the planner walks whichever key's index reaches the rank soonest (the
      // others are included in it). The assignee as its index has it (the unassigned under the nil uuid).
      if (!row.is_total)
        dims.forEach((d, j) => {
          const k = row[`k${j}`];
          where +=
            d === 'ASSIGNEE'
              ? ` AND coalesce(assignee_id, '${NIL}') = ${param(k ?? NIL)}::uuid`
              : ` AND ${COLUMNS[d]} = ${param(k)}`;
        });
      const nParam = param(n);
      parts.push(
        `SELECT ${i} AS i, '${metric}' AS metric,
                (SELECT CASE WHEN cardinality(v) = 2
                             THEN v[2] + ((0.9::float8 * (${nParam}::bigint - 1) - floor(0.9::float8 * (${nParam}::bigint - 1))) * (v[1] - v[2]))
                             ELSE v[1] END
                   FROM (SELECT array(SELECT ${column} FROM ticket WHERE ${where}
                                       ORDER BY ${column} DESC OFFSET ${offset} LIMIT ${limit}) AS v OFFSET 0) x) AS p90`,
      );
    }
  });
  const out = rows.map(() => ({ p90_response: null, p90_resolution: null }) as Record<string, number | null>);
  if (parts.length === 0) return out;
  const found: { i: number; metric: string; p90: number | null }[] = await em.query(
    `SELECT i, metric, round(p90::numeric, 2)::float8 AS p90 FROM (${parts.join(' UNION ALL ')}) p`,
    params,
  );
  for (const f of found) out[f.i][`p90_${f.metric}`] = f.p90;
  return out;
}
