import { type FormEvent, useState } from 'react';
import { useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { BarChart } from '../charts';
import { useI18n } from '../i18n/context';
import { parseAmountInput } from '../i18n/format';
import { WorkplaceCost } from '../operations';
import { amountColumn, ColumnHeads, Link, Loaded, Section } from '../ui';
import './payroll-leave.css';

/** Who may read the report (admin passes every check); hr's @requiresRole says the same. */
export const WORKPLACE_ROLES = ['hr', 'payroll', 'analyst', 'controller'];

/**
 * What remote work saves in a year: office seats not needed minus the allowances paid, per department
 * for everyone who may read the report, per person for hr and payroll only (the graph leaves the rows
 * empty for the others, and hides a small department's allowances so no one person's pay shows).
 */
export function WorkplaceCostScreen({ session }: { session: Session }) {
  const { t, locale } = useI18n();
  const [input, setInput] = useState({ year: new Date().getFullYear(), seat: '450.00' });
  const [invalid, setInvalid] = useState(false);
  if (!hasRole(session, ...WORKPLACE_ROLES))
    return (
      <>
        <h1 tabIndex={-1}>{t('workplace.title')}</h1>
        <p className="not-visible">{t('workplace.notAllowed')}</p>
      </>
    );
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const seat = parseAmountInput(String(form.get('seat')), locale);
    setInvalid(seat === null);
    if (seat !== null) setInput({ year: Number(form.get('year')), seat });
  }
  return (
    <>
      <h1 tabIndex={-1}>{t('workplace.title')}</h1>
      <p>{t('workplace.intro')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('workplace.title')}>
        <label>
          {t('workplace.year')}
          <input name="year" type="number" min={2000} max={2100} defaultValue={input.year} required />
        </label>
        <label>
          {t('workplace.seatCost')}
          <input name="seat" inputMode="decimal" defaultValue={input.seat} aria-invalid={invalid} required />
        </label>
        <button type="submit">{t('workplace.show')}</button>
      </form>
      <Report year={input.year} seat={input.seat} />
    </>
  );
}

function Report({ year, seat }: { year: number; seat: string }) {
  const { t, money, decimal } = useI18n();
  const state = useQuery(WorkplaceCost, { year, seat });
  return (
    <Loaded state={state} what={t('workplace.theReport')}>
      {({ workplaceCostReport: r }) => (
        <>
          <Section title={t('workplace.totals')} id="workplace-totals">
            <dl className="totals" data-testid="workplace-totals">
              <dt>{t('workplace.seatCostAvoided')}</dt>
              <dd>{money(r.totalSeatCostAvoided)}</dd>
              <dt>{t('workplace.allowancesPaid')}</dt>
              <dd>{money(r.totalAllowancesPaid)}</dd>
              <dt>{t('workplace.netSaving')}</dt>
              <dd>
                <strong>{money(r.totalNetSaving)}</strong>
              </dd>
            </dl>
          </Section>
          <Section title={t('workplace.byDepartment')} id="workplace-departments">
            {r.departments.length === 0 ? (
              <p>{t('workplace.nobodyRemote')}</p>
            ) : (
              <>
                <table data-testid="workplace-departments">
                  <ColumnHeads
                    columns={[
                      t('workplace.department'),
                      amountColumn(t('workplace.remoteEmployees')),
                      amountColumn(t('workplace.monthsRemote')),
                      amountColumn(t('workplace.seatCostAvoided')),
                      amountColumn(t('workplace.allowancesPaid')),
                      amountColumn(t('workplace.netSaving')),
                    ]}
                  />
                  <tbody>
                    {r.departments.map((d) => (
                      <tr key={d.department.id}>
                        <th scope="row">
                          {d.department.name} ({d.department.costCenter})
                        </th>
                        <td className="amount">{d.remoteEmployees}</td>
                        <td className="amount">{d.monthsRemote}</td>
                        <td className="amount">{money(d.seatCostAvoided)}</td>
                        <td className="amount">
                          {d.allowancesPaid === null ? t('workplace.hidden') : money(d.allowancesPaid)}
                        </td>
                        <td className="amount">
                          {d.netSaving === null ? t('workplace.hidden') : money(d.netSaving)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {r.departments.some((d) => d.allowancesPaid === null) && (
                  <p className="hint">{t('workplace.hiddenNote')}</p>
                )}
                {/* What each department saves; seats alone where its allowances are hidden. */}
                <BarChart
                  title={t('workplace.chart')}
                  unit=" EUR"
                  bars={r.departments.map((d) => ({
                    label: d.department.name,
                    value: Number(d.netSaving ?? d.seatCostAvoided),
                  }))}
                />
              </>
            )}
          </Section>
          <Section title={t('workplace.byPerson')} id="workplace-people">
            {r.rows.length === 0 ? (
              <p className="not-visible">{t('workplace.perPersonOnly')}</p>
            ) : (
              <table data-testid="workplace-people">
                <ColumnHeads
                  columns={[
                    t('workplace.person'),
                    amountColumn(t('workplace.monthsRemote')),
                    amountColumn(t('workplace.seatCostAvoided')),
                    amountColumn(t('workplace.allowancesPaid')),
                    amountColumn(t('workplace.netSaving')),
                  ]}
                />
                <tbody>
                  {r.rows.map((row) => (
                    <tr key={row.employee.id}>
                      <th scope="row">
                        <Link to={`/people/${row.employee.id}`}>
                          {row.employee.givenName} {row.employee.familyName}
                        </Link>
                      </th>
                      <td className="amount">{decimal(row.monthsRemote)}</td>
                      <td className="amount">{money(row.seatCostAvoided)}</td>
                      <td className="amount">{money(row.allowancesPaid)}</td>
                      <td className="amount">{money(row.netSaving)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        </>
      )}
    </Loaded>
  );
}
