import { useState } from 'react';
import { useQuery } from '../api';
import { StackedColumnChart } from '../charts';
import { useI18n } from '../i18n/context';
import { lastMonths, type MonthCost, monthlyCost, thisMonth } from '../payroll-cost';
import { PayrollCost } from '../payroll-operations';
import { Loaded, Section } from '../ui';

/** Months the chart shows, up to the month chosen (this month unless the user picks another). */
const MONTHS = 12;

/**
 * The employer's payroll cost per month over the twelve months up to a chosen one: gross, allowances
 * and contributions stacked, with the exact amounts in the table beside the chart. Rendered only inside
 * the payroll screen, which is for the payroll roles.
 */
export function PayrollCostSection() {
  const { t, month } = useI18n();
  const [upTo, setUpTo] = useState(thisMonth);
  const state = useQuery(PayrollCost);
  const months = lastMonths(MONTHS, upTo);
  const range = { from: month(months[0]), to: month(upTo) };
  return (
    <Section title={t('payrollCost.title')} id="payroll-cost">
      <form className="inline-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="payroll-cost-up-to">{t('payrollCost.upTo')}</label>{' '}
        <input
          id="payroll-cost-up-to"
          type="month"
          required
          value={upTo}
          // A half-typed month is not a month: keep the last whole one.
          onChange={(event) => /^\d{4}-\d{2}$/.test(event.target.value) && setUpTo(event.target.value)}
        />
      </form>
      <Loaded state={state} what={t('payrollCost.theCost')}>
        {(data) => {
          const costs = monthlyCost(data.payrollRuns, months);
          return costs.length === 0 ? (
            <p data-testid="payroll-cost-empty">{t('payrollCost.none', range)}</p>
          ) : (
            <CostChart costs={costs} months={months} title={t('payrollCost.chart', range)} />
          );
        }}
      </Loaded>
    </Section>
  );
}

function CostChart({ costs, months, title }: { costs: MonthCost[]; months: string[]; title: string }) {
  const { t, month, money, decimal, locale } = useI18n();
  // Twelve columns fit only with short names ("Nov 26"); the table has the months in full.
  const short = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const parts = [t('payroll.gross'), t('payroll.allowances'), t('payrollCost.employerContributions')];
  return (
    <StackedColumnChart
      title={title}
      testId="payroll-cost"
      xLabel={t('payroll.month')}
      series={parts}
      columns={[...parts, t('payroll.total')]}
      domain={months}
      format={(value) => decimal(value)}
      xFormat={(period) => short.format(new Date(`${period}-01T00:00:00Z`))}
      points={costs.map((c) => ({
        x: c.period,
        label: month(c.period),
        // Numbers for drawing only; the table shows the strings.
        values: [c.gross, c.allowances, c.employerContributions].map(Number),
        cells: [c.gross, c.allowances, c.employerContributions, c.total].map((a) => money(a, c.currency)),
      }))}
    />
  );
}
