import { type ServiceContext, badInput, conflict, recordEvents } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { checkPeriod, checkText } from '../journal/journal.rules.js';
import { periodClosed, periodReopened } from './period.events.js';

export interface FiscalPeriodView {
  period: string;
  status: 'OPEN' | 'CLOSED';
  changedAt: Date | null;
  changedBy: string | null;
  pendingEntries: number;
}

export interface PeriodChangeView {
  period: string;
  action: 'CLOSED' | 'REOPENED';
  reason: string | null;
  changedBy: string | null;
  changedAt: Date;
}

export class PeriodService {
  constructor(private readonly db: DataSource) {}

  /** The twelve months of a fiscal year; a month never touched is open. */
  async year(year: number): Promise<FiscalPeriodView[]> {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) throw badInput('year is out of range', 'year');
    const rows: {
      period: string;
      status: string;
      changed_at: Date;
      changed_by: string | null;
      pending: number;
    }[] = await this.db.query(
      `SELECT m.period, coalesce(p.status, 'OPEN') AS status, p.changed_at, p.changed_by,
                (SELECT count(*)::int FROM journal_entry e
                  WHERE e.status = 'PENDING_APPROVAL' AND to_char(e.date, 'YYYY-MM') = m.period) AS pending
           FROM (SELECT $1::text || '-' || lpad(g::text, 2, '0') AS period FROM generate_series(1, 12) g) m
           LEFT JOIN fiscal_period p ON p.period = m.period
          ORDER BY m.period`,
      [String(year)],
    );
    return rows.map((r) => ({
      period: r.period,
      status: r.status as 'OPEN' | 'CLOSED',
      changedAt: r.changed_at ?? null,
      changedBy: r.changed_by,
      pendingEntries: r.pending,
    }));
  }

  async history(period: string): Promise<PeriodChangeView[]> {
    const rows = await this.db.query(
      `SELECT period, action, reason, changed_by, changed_at FROM fiscal_period_change WHERE period = $1 ORDER BY id`,
      [checkPeriod(period)],
    );
    return rows.map((r: any) => ({
      period: r.period,
      action: r.action,
      reason: r.reason,
      changedBy: r.changed_by,
      changedAt: r.changed_at,
    }));
  }

  /**
   * Closes a month for posting. Updating the period row waits for postings in flight (they hold it
   * share-locked), so no entry slips in around the close.
   */
  async close(ctx: ServiceContext, period: string): Promise<boolean> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      await em.query('INSERT INTO fiscal_period (period) VALUES ($1) ON CONFLICT DO NOTHING', [period]);
      const [row] = await em.query('SELECT status FROM fiscal_period WHERE period = $1 FOR UPDATE', [period]);
      if (row.status === 'CLOSED') throw conflict(`period ${period} is already closed`);
      await em.query(
        `UPDATE fiscal_period SET status = 'CLOSED', changed_at = now(), changed_by = $2 WHERE period = $1`,
        [period, ctx.identity.userId],
      );
      await em.query(
        `INSERT INTO fiscal_period_change (period, action, changed_by) VALUES ($1, 'CLOSED', $2)`,
        [period, ctx.identity.userId],
      );
      const [{ pending }] = await em.query(
        `SELECT count(*)::int AS pending FROM journal_entry WHERE status = 'PENDING_APPROVAL' AND to_char(date, 'YYYY-MM') = $1`,
        [period],
      );
      await recordEvents(em, periodClosed(period, pending, ctx.identity));
      return true;
    });
  }

  /** Reopening is exceptional: the reason is recorded and goes to the audit trail. */
  async reopen(ctx: ServiceContext, period: string, reason: string): Promise<boolean> {
    checkPeriod(period);
    const why = checkText(reason, 'reason', 500) as string;
    return this.db.transaction(async (em) => {
      const [row] = await em.query('SELECT status FROM fiscal_period WHERE period = $1 FOR UPDATE', [period]);
      if (row?.status !== 'CLOSED') throw conflict(`period ${period} is not closed`);
      await em.query(
        `UPDATE fiscal_period SET status = 'OPEN', changed_at = now(), changed_by = $2 WHERE period = $1`,
        [period, ctx.identity.userId],
      );
      await em.query(
        `INSERT INTO fiscal_period_change (period, action, reason, changed_by) VALUES ($1, 'REOPENED', $2, $3)`,
        [period, why, ctx.identity.userId],
      );
      await recordEvents(em, periodReopened(period, why, ctx.identity));
      return true;
    });
  }
}
