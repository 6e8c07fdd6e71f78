import { CONSUMERS, type hr } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import type { Ledger } from '../journal/ledger.js';
import { PayrollBookingError, payrollBookingLines } from './payroll-booking.rules.js';

/** The booking's author when an event names no finalizer (events from before hr recorded one). */
export const PAYROLL_AUTHOR = 'system:payroll';

/**
 * Books a finalized payroll run exactly once: the inbox drops a redelivered event, and the unique
 * (source, source_id) drops a second event naming the same run. Above the four-eyes threshold the entry
 * waits for approval like any other. Its author is the person who finalized the run, so they cannot
 * approve the booking of their own run. The event carries totals per cost center only: pay per employee
 * stays in hr (which also answers `Employee.payrollCost`).
 */
export const payrollRunFinalizedHandler = (ledger: Ledger): EventHandler<typeof hr.payrollRunFinalized> => ({
  consumer: CONSUMERS.accounting.payrollBooking,
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
    const author = run.finalizedBy || event.actor || PAYROLL_AUTHOR;
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
      author,
      { userId: author },
    );
    log.info(
      { payrollRunId: run.payrollRunId, journalEntryId: entry.id, status: entry.status, author },
      'payroll run booked',
    );
  },
});
