import { useEffect, useState } from 'react';
import { useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import type { ConsolePayrollRunQuery } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { PayrollBooking } from '../operations';
import { usePages } from '../pager';
import { amountColumn, ColumnHeads, Loaded, NotVisible, Section } from '../ui';

type Run = NonNullable<ConsolePayrollRunQuery['payrollRun']>;
type Payslip = Run['payslips'][number];

/** A run's payslips, a page at a time; each opens to its lines (gross, deductions, allowances, net). */
export function Payslips({ payslips }: { payslips: Payslip[] }) {
  const sorted = [...payslips].sort((a, b) =>
    `${a.employee.familyName} ${a.employee.givenName}`.localeCompare(
      `${b.employee.familyName} ${b.employee.givenName}`,
    ),
  );
  const { rows, pager } = usePages(sorted, 20);
  const [open, setOpen] = useState<string | null>(null);
  const { t, money } = useI18n();
  return (
    <Section title={t('payroll.payslips')} id="payroll-payslips">
      {sorted.length === 0 ? (
        <p>{t('payroll.noPayslips')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table>
              <ColumnHeads
                columns={[
                  t('payroll.employee'),
                  t('payroll.daysPaid'),
                  amountColumn(t('payroll.gross')),
                  amountColumn(t('payroll.deductions')),
                  amountColumn(t('payroll.allowances')),
                  amountColumn(t('payroll.net')),
                  t('payroll.showLines'),
                ]}
              />
              <tbody>
                {rows.map((slip) => {
                  const name = `${slip.employee.givenName} ${slip.employee.familyName}`;
                  return (
                    <tr key={slip.employee.id}>
                      <th scope="row">{name}</th>
                      <td>{t('payroll.daysOf', { paid: slip.daysPaid, days: slip.daysInPeriod })}</td>
                      <td className="amount">{money(slip.gross, slip.currency)}</td>
                      <td className="amount">{money(slip.deductions, slip.currency)}</td>
                      <td className="amount">{money(slip.allowances, slip.currency)}</td>
                      <td className="amount">{money(slip.net, slip.currency)}</td>
                      <td>
                        <button
                          type="button"
                          aria-expanded={open === slip.employee.id}
                          aria-controls="payslip-lines"
                          onClick={() => setOpen(open === slip.employee.id ? null : slip.employee.id)}
                        >
                          {t('payroll.showLines')}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      )}
      <div id="payslip-lines">
        {sorted
          .filter((slip) => slip.employee.id === open)
          .map((slip) => (
            <PayslipLines key={slip.employee.id} slip={slip} />
          ))}
      </div>
    </Section>
  );
}

/** The line as a payslip names it (brutoloon, loonheffing, ... in Dutch); an unknown code as itself. */
const LINE_NAMES = {
  BASE_SALARY: 'payroll.line.BASE_SALARY',
  ALLOWANCE_REMOTE_WORK: 'payroll.line.ALLOWANCE_REMOTE_WORK',
  ALLOWANCE_TRAVEL: 'payroll.line.ALLOWANCE_TRAVEL',
  ALLOWANCE_OTHER: 'payroll.line.ALLOWANCE_OTHER',
  HOLIDAY_ALLOWANCE: 'payroll.line.HOLIDAY_ALLOWANCE',
  HOLIDAY_ALLOWANCE_RESERVED: 'payroll.line.HOLIDAY_ALLOWANCE_RESERVED',
  HOME_WORKING_ALLOWANCE: 'payroll.line.HOME_WORKING_ALLOWANCE',
  COMMUTING_ALLOWANCE: 'payroll.line.COMMUTING_ALLOWANCE',
  PENSION_EMPLOYEE: 'payroll.line.PENSION_EMPLOYEE',
  WAGE_WITHHOLDING: 'payroll.line.WAGE_WITHHOLDING',
  WAGE_WITHHOLDING_SPECIAL_REWARD: 'payroll.line.WAGE_WITHHOLDING_SPECIAL_REWARD',
  EMPLOYER_ZVW: 'payroll.line.EMPLOYER_ZVW',
  EMPLOYER_AWF: 'payroll.line.EMPLOYER_AWF',
  EMPLOYER_AOF: 'payroll.line.EMPLOYER_AOF',
  EMPLOYER_WKO: 'payroll.line.EMPLOYER_WKO',
} as const;

const lineName = (t: ReturnType<typeof useI18n>['t'], code: string): string =>
  code in LINE_NAMES ? t(LINE_NAMES[code as keyof typeof LINE_NAMES]) : code;

function PayslipLines({ slip }: { slip: Payslip }) {
  const { t, money } = useI18n();
  const name = `${slip.employee.givenName} ${slip.employee.familyName}`;
  return (
    <table className="payslip" data-testid="payslip-lines">
      <caption>{t('payroll.linesOf', { name })}</caption>
      <ColumnHeads
        columns={[
          t('payroll.line'),
          t('payroll.description'),
          t('payroll.taxable'),
          amountColumn(t('payroll.amount')),
        ]}
      />
      <tbody>
        {slip.lines.map((line, index) => (
          // A code may appear twice (a tax-free and a taxable part), so the position keeps rows apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id and never reorder
          <tr key={`${line.code}-${index}`} className={line.informational ? 'informational' : undefined}>
            <td>
              {lineName(t, line.code)} <code>{line.code}</code>
            </td>
            <td>
              {line.description}
              {line.informational && <em> ({t('payroll.informational')})</em>}
            </td>
            <td>{line.taxable ? t('payroll.yes') : t('payroll.no')}</td>
            <td className="amount">{money(line.amount, slip.currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            {t('payroll.netPaid')}
          </th>
          <td className="amount">{money(slip.net, slip.currency)}</td>
        </tr>
        {slip.employerContributions !== '0.00' && (
          <tr>
            <th scope="row" colSpan={3}>
              {t('payroll.employerContributions')}
            </th>
            <td className="amount">{money(slip.employerContributions, slip.currency)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}

/** Journal entries are for accounting roles; everyone else is told so instead of being asked to wait. */
const BOOKS_ROLES = ['accountant', 'controller', 'analyst'];

/** Where the finalized run stands in accounting: booked by an event, so it may take a moment to appear. */
export function Booking({ run, session }: { run: Run; session: Session }) {
  const { t } = useI18n();
  return (
    <Section title={t('payroll.booking')} id="payroll-booking">
      {run.status !== 'FINALIZED' ? (
        <p>{t('payroll.bookingAfterFinalize')}</p>
      ) : hasRole(session, ...BOOKS_ROLES) ? (
        <BookingStatus runId={run.id} />
      ) : (
        <NotVisible what={t('payroll.bookingAccountingOnly')} />
      )}
    </Section>
  );
}

function BookingStatus({ runId }: { runId: string }) {
  const [booked, setBooked] = useState(false);
  // Accounting books the run when its event arrives: ask again until the entry is there.
  const state = useQuery(
    PayrollBooking,
    { reference: `payroll-run:${runId}` },
    { pollMs: booked ? undefined : 3_000 },
  );
  const entry = state.data?.journalEntries.edges[0]?.node;
  useEffect(() => {
    if (entry) setBooked(true);
  }, [entry]);
  const { t, label, date, money } = useI18n();
  return (
    <Loaded state={state} what={t('payroll.theBooking')}>
      {() =>
        !entry ? (
          <p role="status">{t('payroll.bookingWaiting')}</p>
        ) : (
          <p role="status" data-testid="booking-status">
            {entry.number
              ? t('payroll.bookingEntry', {
                  number: entry.number,
                  date: date(entry.date),
                  total: money(entry.total, entry.currency),
                  status: label('JournalEntryStatus', entry.status),
                })
              : t('payroll.bookingUnnumbered', {
                  date: date(entry.date),
                  total: money(entry.total, entry.currency),
                  status: label('JournalEntryStatus', entry.status),
                })}
          </p>
        )
      }
    </Loaded>
  );
}
