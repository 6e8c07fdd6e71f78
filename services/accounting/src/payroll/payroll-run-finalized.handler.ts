import { EVENTS, type EventHandler, type PayrollRunFinalizedData } from '@backoffice/kit';
import type { Ledger } from '../journal/ledger.js';
import { PayrollBookingError, payrollBookingLines } from './payroll-booking.rules.js';

export const PAYROLL_AUTHOR = 'system:payroll';

/**
 * Books a finalized payroll run exactly once: the inbox drops a redelivered event, and the unique
 * (source, source_id) drops a second event naming the same run. Above the four-eyes threshold the entry
 * waits for approval like any other. The per-employee cost feeds `Employee.payrollCost`.
 */
export const payrollRunFinalizedHandler = (ledger: Ledger): EventHandler<PayrollRunFinalizedData> => ({
  durable: 'accounting-payroll-booking',
  subject: EVENTS.payrollRunFinalized,
  async handle(event, { em, log }) {
    const run = event.data;
    const [booked] = await em.query(
      `SELECT id, number FROM journal_entry WHERE source = 'PAYROLL' AND source_id = $1`,
      [run.payrollRunId],
    );
    if (booked) {
      log.info({ payrollRunId: run.payrollRunId, journalEntryId: booked.id }, 'payroll run already booked');
      return;
    }
    if (run.currency !== ledger.settings.baseCurrency)
      throw new PayrollBookingError(
        `payroll run in ${run.currency}; the books are kept in ${ledger.settings.baseCurrency}`,
      );
    const entry = await ledger.book(
      em,
      {
        date: run.bookingDate,
        description: `Payroll ${run.period}`,
        reference: `payroll-run:${run.payrollRunId}`,
        lines: payrollBookingLines(run),
        source: 'PAYROLL',
        sourceId: run.payrollRunId,
      },
      PAYROLL_AUTHOR,
      { userId: PAYROLL_AUTHOR },
    );
    for (const e of run.employees) {
      await em.query(
        `INSERT INTO employee_payroll_cost (employee_id, payroll_run_id, period, cost_center, cost, currency)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [e.employeeId, run.payrollRunId, run.period, e.costCenter, e.cost, run.currency],
      );
    }
    log.info(
      { payrollRunId: run.payrollRunId, journalEntryId: entry.id, status: entry.status },
      'payroll run booked',
    );
  },
});
