/**
 * The payroll screen's English texts, merged into the catalogue by catalogue.ts (SCREEN_TEXTS);
 * nl/payroll.ts must have exactly these keys.
 */
export const payroll = {
  'nav.payroll': 'Payroll',

  'payroll.title': 'Payroll runs',
  'payroll.notAllowed': 'Payroll runs are for payroll, hr and administrators; your role may not open them.',
  'payroll.runs': 'Runs',
  'payroll.theRuns': 'the payroll runs',
  'payroll.noRuns': 'No payroll runs yet: create the first one for a month.',
  'payroll.count': { one: '{count} run', other: '{count} runs' },
  'payroll.period': 'Period',
  'payroll.status': 'Status',
  'payroll.gross': 'Gross',
  'payroll.allowances': 'Allowances',
  'payroll.deductions': 'Deductions',
  'payroll.net': 'Net',
  'payroll.total': 'Total',
  'payroll.create': 'New run',
  'payroll.month': 'Month',
  'payroll.createSubmit': 'Create run',

  'payroll.run': 'Payroll {period}',
  'payroll.theRun': 'the payroll run',
  'payroll.notFound': 'Payroll run not found',
  'payroll.noSuch': 'There is no payroll run with this id.',
  'payroll.allRuns': 'All payroll runs',
  'payroll.steps': 'Steps',
  'payroll.calculate': 'Calculate',
  'payroll.recalculate': 'Recalculate',
  'payroll.finalize': 'Finalize',
  'payroll.calculatedBy': 'Calculated by {who} on {date}.',
  'payroll.finalizedBy': 'Finalized by {who} on {date}; the run no longer changes.',
  'payroll.notCalculated': 'Not calculated yet: calculate the run to make its payslips.',
  'payroll.fourEyes':
    'Four eyes: whoever calculated a run or changed pay data in it cannot finalize it; a second person in payroll does.',
  'payroll.fourEyesYou':
    'You calculated this run or changed pay data in it, so a second person in payroll must finalize it.',

  'payroll.payslips': 'Payslips',
  'payroll.noPayslips': 'No payslips: nobody was employed in this period, or the run is not calculated yet.',
  'payroll.employee': 'Employee',
  'payroll.daysPaid': 'Days paid',
  'payroll.daysOf': '{paid} of {days}',
  'payroll.showLines': 'Lines',
  'payroll.linesOf': 'Payslip of {name}',
  'payroll.code': 'Code',
  'payroll.description': 'Description',
  'payroll.amount': 'Amount',
  'payroll.taxable': 'Taxable',
  'payroll.yes': 'yes',
  'payroll.no': 'no',
  'payroll.informational': 'for information, not paid',
  'payroll.netPaid': 'Net paid',

  'payroll.booking': 'Booking in accounting',
  'payroll.theBooking': 'the booking',
  'payroll.bookingAfterFinalize': 'Accounting books the run once it is finalized.',
  'payroll.bookingWaiting': 'Accounting has not booked this run yet; this updates by itself.',
  'payroll.bookingEntry': 'Journal entry {number} of {date}, {total}: {status}',
  'payroll.bookingUnnumbered': 'Journal entry of {date}, {total}, numbered once it is posted: {status}',
  'payroll.bookingAccountingOnly': 'The booking',

  'pager.previous': 'Previous page',
  'pager.next': 'Next page',
  'pager.pageOf': 'Page {page} of {pages}',

  'enum.PayrollRunStatus.DRAFT': 'Draft',
  'enum.PayrollRunStatus.CALCULATED': 'Calculated',
  'enum.PayrollRunStatus.FINALIZED': 'Finalized',
} as const;
