import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLClient, graphqlClient, mintToken, testEnv, uniqueRunId } from '@backoffice/testkit';
import { payroll as payrollEn } from '../../apps/console/src/i18n/en/payroll.js';
import { payroll as payrollNl } from '../../apps/console/src/i18n/nl/payroll.js';
import { lastMonths, thisMonth } from '../../apps/console/src/payroll-cost.js';
import { CATALOGUE, DUTCH, expectAccessible, NBSP, screenshot } from './browser.js';
import { type ConsolePlatform, startConsolePlatform } from './console-platform.js';

/**
 * The payroll cost per month on the payroll screen, in a real browser against the real platform (a
 * Dutch company, so payslips carry the employer's contributions): nothing is drawn for a calculated run,
 * the month's exact cost once a second person has finalized it, and an empty year says so.
 */
const runId = uniqueRunId();
const env: Record<string, string> = { ...testEnv(runId), COUNTRY: 'NL' };
const EN = { ...CATALOGUE.en, ...payrollEn };
const NL = { ...CATALOGUE.nl, ...payrollNl };
/** Last month: inside the chart's default twelve months whatever day the test runs. */
const PERIOD = lastMonths(2, thisMonth())[0];
const fill = (text: string, values: Record<string, string>) =>
  Object.entries(values).reduce((s, [key, value]) => s.replace(`{${key}}`, value), text);

let consolePlatform: ConsolePlatform | undefined;
let payrollA: GraphQLClient;
let runIdOfPeriod = '';

const open = (...args: Parameters<ConsolePlatform['open']>) =>
  (consolePlatform as ConsolePlatform).open(...args);

/** Exact money text from a Decimal string (Intl formats a numeric string without a float). */
const euros = (amount: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(
    amount as Intl.StringNumericLiteral,
  );

const cents = (amount: string) => BigInt(amount.replace('.', ''));
const decimal = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

beforeAll(async () => {
  consolePlatform = await startConsolePlatform(runId, env);
  const { gatewayUrl } = consolePlatform.platform;
  const hr = graphqlClient(gatewayUrl, await mintToken({ sub: 'cost-hr', roles: ['hr'] }));
  payrollA = graphqlClient(gatewayUrl, await mintToken({ sub: 'cost-payroll-a', roles: ['payroll'] }));
  const dept = await hr.query(
    'mutation { createDepartment(input: { name: "Sales", costCenter: "SAL-1" }) { id } }',
  );
  expect(dept.errors).toBeUndefined();
  for (const [givenName, salary] of [
    ['Sam', '5400.00'],
    ['Noor', '3125.50'],
  ]) {
    const r = await hr.query(`mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }`, {
      i: {
        givenName,
        familyName: 'Cost',
        email: `${givenName.toLowerCase()}.${runId}@example.com`,
        departmentId: dept.data.createDepartment.id,
        startDate: '2025-01-06',
        workLocation: 'OFFICE',
        contract: { monthlySalary: salary, currency: 'EUR', fte: 1 },
      },
    });
    expect(r.errors).toBeUndefined();
  }
  // Payroll user A makes and calculates last month's run; finalizing it is left to a second person.
  const created = await payrollA.query('mutation($p: String!) { createPayrollRun(period: $p) { id } }', {
    p: PERIOD,
  });
  expect(created.errors).toBeUndefined();
  runIdOfPeriod = created.data.createPayrollRun.id;
  const calculated = await payrollA.query('mutation($id: ID!) { calculatePayrollRun(id: $id) { status } }', {
    id: runIdOfPeriod,
  });
  expect(calculated.errors).toBeUndefined();
}, 240_000);

afterAll(() => consolePlatform?.stop(), 60_000);

describe('the payroll cost per month in the console', () => {
  it('draws a month once its run is finalized, with the exact amounts in the table', async () => {
    const page = await open(['payroll']);
    await page.getByRole('link', { name: EN['nav.payroll'] }).click();
    const section = page.locator('#payroll-cost-heading').locator('..');
    const range = { from: monthName(lastMonths(12, thisMonth())[0]), to: monthName(thisMonth()) };
    // A calculated run is not yet a cost: nothing is drawn.
    await section.getByText(fill(EN['payrollCost.none'], range)).waitFor();
    expect(await page.getByTestId('payroll-cost').count()).toBe(0);

    // A second person finalizes it from its page, then goes back to the list.
    await page.getByRole('link', { name: monthName(PERIOD) }).click();
    await page.getByRole('button', { name: EN['payroll.finalize'] }).click();
    await page.getByTestId('run-status').getByText('Finalized').waitFor();
    await page.getByRole('link', { name: EN['payroll.allRuns'] }).click();

    // What the chart must show, read from the graph: the run's totals, and its payslips' contributions
    // added up here, a second way to the run's totalEmployerContributions.
    const { data, errors } = await payrollA.query(
      `query($id: ID!) { payrollRun(id: $id) {
        totalGross totalAllowances totalEmployerContributions payslips { employerContributions } } }`,
      { id: runIdOfPeriod },
    );
    expect(errors).toBeUndefined();
    const run = data.payrollRun;
    const employer = run.payslips.reduce(
      (sum: bigint, p: { employerContributions: string }) => sum + cents(p.employerContributions),
      0n,
    );
    expect(run.payslips).toHaveLength(2);
    expect(run.totalGross).toBe('8525.50'); // 5400.00 + 3125.50: both worked the whole month
    expect(employer).toBeGreaterThan(0n);
    expect(run.totalEmployerContributions).toBe(decimal(employer));
    const total = decimal(cents(run.totalGross) + cents(run.totalAllowances) + employer);

    const figure = page.getByRole('figure', { name: fill(EN['payrollCost.chart'], range) });
    const row = figure.getByRole('row', { name: new RegExp(`^${monthName(PERIOD)}`) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual([
      euros(run.totalGross, 'en-GB'),
      euros(run.totalAllowances, 'en-GB'),
      euros(run.totalEmployerContributions, 'en-GB'),
      euros(total, 'en-GB'),
    ]);
    expect(await figure.getByRole('row').count()).toBe(2); // the header and the one finalized month
    // The chart itself: an image named by the caption, described with the same amounts, with bars drawn.
    const svg = figure.locator('svg[role="img"]');
    await expect(svg.getAttribute('aria-label')).resolves.toBe(fill(EN['payrollCost.chart'], range));
    await expect(svg.getAttribute('aria-description')).resolves.toContain(euros(total, 'en-GB'));
    expect(await svg.locator('rect').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'payroll cost chart');
    await screenshot(page, 'payroll-cost');

    // A year without runs says so, and draws nothing.
    await section.getByLabel(EN['payrollCost.upTo']).fill('2019-12');
    await section
      .getByText(fill(EN['payrollCost.none'], { from: 'January 2019', to: 'December 2019' }))
      .waitFor();
    expect(await page.getByTestId('payroll-cost').count()).toBe(0);
    await expectAccessible(page, 'payroll cost chart (empty year)');
  }, 120_000);

  it('shows hr the same cost in Dutch', async () => {
    const page = await open(['hr'], undefined, DUTCH);
    await page.getByRole('link', { name: NL['nav.payroll'] }).click();
    const figure = page.getByTestId('payroll-cost');
    await figure.getByRole('columnheader', { name: NL['payrollCost.employerContributions'] }).waitFor();
    const { data } = await payrollA.query('query($id: ID!) { payrollRun(id: $id) { totalGross } }', {
      id: runIdOfPeriod,
    });
    const row = figure.getByRole('row', { name: new RegExp(`^${monthName(PERIOD, 'nl-NL')}`) });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe(
      euros(data.payrollRun.totalGross, 'nl-NL'),
    );
    expect(euros(data.payrollRun.totalGross, 'nl-NL')).toContain(`€${NBSP}`);
    await expectAccessible(page, 'payroll cost chart in Dutch');
  }, 60_000);

  it('is not shown to a role that may not read payroll runs', async () => {
    const page = await open(['accountant']);
    expect(await page.getByRole('link', { name: EN['nav.payroll'] }).count()).toBe(0);
    await page.goto(`${consolePlatform?.origin}/console/payroll`);
    await page.getByText(EN['payroll.notAllowed']).waitFor();
    expect(await page.locator('#payroll-cost-heading').count()).toBe(0);
  }, 60_000);
});

/** A YYYY-MM period as the console names it ("November 2026", "november 2026"). */
function monthName(period: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}
