import type { ServiceContext } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';
import { type PayData, payDataHands } from './duties.rules.js';

/**
 * The append-only record of who changed whose pay data, and from when it applies: what the four-eyes
 * rule on payroll runs reads to know whose hands were on a run's figures.
 */
export async function recordPayDataChange(
  em: EntityManager,
  ctx: ServiceContext,
  employeeId: string,
  what: Exclude<PayData, 'bank account'>,
  effectiveFrom: string,
): Promise<void> {
  await em.query(
    'INSERT INTO pay_data_change (employee_id, what, effective_from, changed_by) VALUES ($1, $2, $3, $4)',
    [employeeId, what, effectiveFrom, ctx.identity.userId ?? null],
  );
}

/**
 * Who changed pay data that goes into a run of `period` for these employees: changes in force by the
 * period's end that either take effect within the period or were made since the last earlier run was
 * finalized (so a raise scheduled months ahead still counts for the run it first reaches).
 */
export async function payDataHandsFor(
  em: EntityManager,
  employeeIds: readonly string[],
  period: { firstDay: string; lastDay: string; period: string },
): Promise<ReturnType<typeof payDataHands>> {
  const changes: { changedBy: string | null }[] = await em.query(
    `SELECT c.changed_by AS "changedBy" FROM pay_data_change c
      WHERE c.employee_id = ANY($1::uuid[]) AND c.effective_from <= $3
        AND (c.effective_from >= $2 OR c.changed_at > coalesce(
              (SELECT max(finalized_at) FROM payroll_run WHERE status = 'FINALIZED' AND period < $4), '-infinity'))
      ORDER BY c.changed_at, c.id`,
    [employeeIds, period.firstDay, period.lastDay, period.period],
  );
  return payDataHands(changes);
}
