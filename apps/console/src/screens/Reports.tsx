import { type FormEvent, useState } from 'react';
import { useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { BarChart } from '../charts';
import type { StatementRowFieldsFragment as StatementRow } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { BalanceSheet, ProfitAndLoss, VatReturn } from '../operations';
import { Loaded, Section, today } from '../ui';
import { GeneralLedgerSection } from './GeneralLedger';
import './payroll-leave.css';

/** The roles that read the books' reports (admin passes every check); the gateway enforces the same. */
export const REPORT_ROLES = ['accountant', 'controller', 'analyst'];

/** Profit and loss over a range, the balance sheet on a date and the VAT return of a quarter. */
export function Reports({ session }: { session: Session }) {
  const { t } = useI18n();
  if (!hasRole(session, ...REPORT_ROLES))
    return (
      <>
        <h1 tabIndex={-1}>{t('reports.title')}</h1>
        <p className="not-visible">{t('reports.notAllowed')}</p>
      </>
    );
  return (
    <>
      <h1 tabIndex={-1}>{t('reports.title')}</h1>
      <ProfitAndLossSection />
      <GeneralLedgerSection />
      <div className="columns">
        <BalanceSheetSection />
        <VatReturnSection />
      </div>
    </>
  );
}

/** Statement rows with a total row; `total` already computed by accounting. */
function StatementTable({
  caption,
  rows,
  total,
  totalLabel,
  extra,
}: {
  caption: string;
  rows: StatementRow[];
  total: string;
  totalLabel: string;
  extra?: { label: string; amount: string };
}) {
  const { t, money } = useI18n();
  return (
    <table data-testid={`statement-${caption}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.account')}</th>
          <th scope="col" className="amount">
            {t('reports.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && !extra && (
          <tr>
            <td colSpan={2}>{t('reports.noRows')}</td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.accountCode}>
            <th scope="row">
              {r.accountCode} {r.accountName}
            </th>
            <td className="amount">{money(r.amount)}</td>
          </tr>
        ))}
        {extra && (
          <tr>
            <th scope="row">{extra.label}</th>
            <td className="amount">{money(extra.amount)}</td>
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{totalLabel}</th>
          <td className="amount">
            <strong>{money(total)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function ProfitAndLossSection() {
  const year = today().slice(0, 4);
  const [range, setRange] = useState({ from: `${year}-01-01`, to: today() });
  const state = useQuery(ProfitAndLoss, range);
  const { t, money } = useI18n();
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRange({ from: String(form.get('from')), to: String(form.get('to')) });
  }
  return (
    <Section title={t('reports.profitAndLoss')} id="pnl">
      <form className="filters" onSubmit={apply} aria-label={t('reports.profitAndLoss')}>
        <label>
          {t('reports.from')}
          <input name="from" type="date" defaultValue={range.from} required />
        </label>
        <label>
          {t('reports.to')}
          <input name="to" type="date" defaultValue={range.to} required />
        </label>
        <button type="submit">{t('reports.show')}</button>
      </form>
      <Loaded state={state} what={t('reports.theProfitAndLoss')}>
        {({ profitAndLoss: pnl }) => (
          <>
            <div className="columns">
              <StatementTable
                caption={t('reports.revenue')}
                rows={pnl.revenue}
                total={pnl.totalRevenue}
                totalLabel={t('reports.totalRevenue')}
              />
              <StatementTable
                caption={t('reports.expenses')}
                rows={pnl.expenses}
                total={pnl.totalExpenses}
                totalLabel={t('reports.totalExpenses')}
              />
            </div>
            <p className="net" data-testid="net-income">
              <strong>
                {t('reports.netIncome')}: {money(pnl.netIncome)}
              </strong>
            </p>
            <BarChart
              title={t('reports.pnlChart')}
              bars={[
                { label: t('reports.totalRevenue'), value: Number(pnl.totalRevenue) },
                { label: t('reports.totalExpenses'), value: Number(pnl.totalExpenses) },
                { label: t('reports.netIncome'), value: Number(pnl.netIncome) },
              ]}
            />
          </>
        )}
      </Loaded>
    </Section>
  );
}

function BalanceSheetSection() {
  const [asOf, setAsOf] = useState(today);
  const state = useQuery(BalanceSheet, { asOf });
  const { t } = useI18n();
  return (
    <Section title={t('reports.balanceSheet')} id="balance-sheet">
      <label className="inline">
        {t('reports.asOf')}{' '}
        <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
      </label>
      <Loaded state={state} what={t('reports.theBalanceSheet')}>
        {({ balanceSheet: b }) => (
          <>
            <StatementTable
              caption={t('reports.assets')}
              rows={b.assets}
              total={b.totalAssets}
              totalLabel={t('reports.totalAssets')}
            />
            <StatementTable
              caption={t('reports.liabilities')}
              rows={b.liabilities}
              total={b.totalLiabilities}
              totalLabel={t('reports.totalLiabilities')}
            />
            <StatementTable
              caption={t('reports.equity')}
              rows={b.equity}
              total={b.totalEquity}
              totalLabel={t('reports.totalEquity')}
              extra={{ label: t('reports.currentResult'), amount: b.currentResult }}
            />
            <p className={b.balanced ? 'ok' : 'error'} data-testid="balance-check">
              {b.balanced ? t('reports.balanced') : t('reports.unbalanced')}
            </p>
          </>
        )}
      </Loaded>
    </Section>
  );
}

function VatReturnSection() {
  const now = today();
  const [year, setYear] = useState(Number(now.slice(0, 4)));
  const [quarter, setQuarter] = useState(Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1);
  const state = useQuery(VatReturn, { year, quarter });
  const { t, money } = useI18n();
  return (
    <Section title={t('reports.vatReturn')} id="vat-return">
      <div className="filters">
        <label>
          {t('reports.year')}
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => Number(e.target.value) >= 2000 && setYear(Number(e.target.value))}
          />
        </label>
        <label>
          {t('reports.quarter')}
          <select value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('reports.quarterN', { quarter: q })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loaded state={state} what={t('reports.theVatReturn')}>
        {({ vatReturn }) => {
          const boxes = vatReturn.boxes.filter((b) => Number(b.turnover) !== 0 || Number(b.vat) !== 0);
          const payable = vatReturn.boxes.find((b) => b.code === '5g');
          return (
            <table data-testid="vat-return">
              <caption>{t('reports.vatOf', { quarter: vatReturn.quarter, year: vatReturn.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.box')}</th>
                  <th scope="col" className="amount">
                    {t('reports.turnover')}
                  </th>
                  <th scope="col" className="amount">
                    {t('reports.vat')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {boxes.length === 0 ? (
                  <tr>
                    <td colSpan={3}>{t('reports.noVat')}</td>
                  </tr>
                ) : (
                  boxes
                    .filter((b) => b.code !== '5g')
                    .map((b) => (
                      <tr key={b.code}>
                        <th scope="row">{b.code}</th>
                        <td className="amount">{money(b.turnover)}</td>
                        <td className="amount">{money(b.vat)}</td>
                      </tr>
                    ))
                )}
              </tbody>
              {payable && (
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      {t('reports.vatPayable')}
                    </th>
                    <td className="amount">
                      <strong>{money(payable.vat)}</strong>
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          );
        }}
      </Loaded>
    </Section>
  );
}
