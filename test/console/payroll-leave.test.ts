import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GraphQLClient,
  type Platform,
  graphqlClient,
  mintToken,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { leave as leaveEn } from '../../apps/console/src/i18n/en/leave.js';
import { payroll as payrollEn } from '../../apps/console/src/i18n/en/payroll.js';
import { leave as leaveNl } from '../../apps/console/src/i18n/nl/leave.js';
import { payroll as payrollNl } from '../../apps/console/src/i18n/nl/payroll.js';
import { workplace as workplaceEn } from '../../apps/console/src/i18n/en/workplace.js';
import { workplace as workplaceNl } from '../../apps/console/src/i18n/nl/workplace.js';
import {
  CATALOGUE,
  DUTCH,
  expectAccessible,
  keepReadmeScreenshots,
  NBSP,
  screenshot,
  type SignInLanguage,
  until,
} from './browser.js';
import { type ConsolePlatform, startConsolePlatform } from './console-platform.js';

/**
 * Payroll and leave in the console as people do them, in a real browser against the real platform
 * (one platform for every scenario here, a Dutch company): a payroll run made by one person and
 * finalized by another, booked by accounting; leave asked for by an employee and decided by their manager.
 */
const runId = uniqueRunId();
const env: Record<string, string> = { ...testEnv(runId), COUNTRY: 'NL' };
const EN = { ...CATALOGUE.en, ...payrollEn, ...leaveEn, ...workplaceEn };
const NL = { ...CATALOGUE.nl, ...payrollNl, ...leaveNl, ...workplaceNl };

let consolePlatform: ConsolePlatform | undefined;
let platform: Platform;
let origin: string;
let hr: GraphQLClient;
const staff: Record<'manager' | 'employee', string> = { manager: '', employee: '' };

const open = (roles: string[], employeeId?: string, language?: SignInLanguage) =>
  (consolePlatform as ConsolePlatform).open(roles, employeeId, language);

async function hire(
  givenName: string,
  familyName: string,
  departmentId: string,
  managerId?: string,
  workLocation = 'OFFICE',
) {
  const r = await hr.query(`mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }`, {
    i: {
      givenName,
      familyName,
      email: `${givenName.toLowerCase()}.${runId}@example.com`,
      departmentId,
      startDate: '2026-01-05',
      workLocation,
      managerId,
      contract: { monthlySalary: '5400.00', currency: 'EUR', fte: 1 },
    },
  });
  expect(r.errors).toBeUndefined();
  return r.data.hireEmployee.id as string;
}

beforeAll(async () => {
  consolePlatform = await startConsolePlatform(runId, env);
  ({ platform, origin } = consolePlatform);
  hr = graphqlClient(platform.gatewayUrl, await mintToken({ sub: 'payroll-leave-hr', roles: ['hr'] }));
  const dept = await hr.query(
    'mutation { createDepartment(input: { name: "Finance", costCenter: "FIN-1" }) { id } }',
  );
  expect(dept.errors).toBeUndefined();
  staff.manager = await hire('Marit', 'Manager', dept.data.createDepartment.id);
  staff.employee = await hire('Eva', 'Employee', dept.data.createDepartment.id, staff.manager);
  // Works from home all year: what the workplace cost report is about.
  await hire('Rita', 'Remote', dept.data.createDepartment.id, staff.manager, 'REMOTE');
}, 240_000);

afterAll(() => consolePlatform?.stop(), 60_000);
afterAll(
  keepReadmeScreenshots('payroll-run-four-eyes', 'payroll-runs-nl', 'workplace-cost', 'workplace-cost-nl'),
);

describe('payroll runs in the console', () => {
  it('is made and calculated by one person, refused to them for finalizing, finalized by a second and booked', async () => {
    // Payroll user A: creates the November run, calculates it and reads a payslip's lines.
    const a = await open(['payroll']);
    await a.getByRole('link', { name: EN['nav.payroll'] }).click();
    await a.getByRole('heading', { name: EN['payroll.title'], level: 1 }).waitFor();
    await a.getByText(EN['payroll.noRuns']).waitFor();
    await expectAccessible(a, 'payroll runs (empty)');
    await a.getByLabel(EN['payroll.month'], { exact: true }).fill('2026-11');
    await a.getByRole('button', { name: EN['payroll.createSubmit'] }).click();
    await a.getByRole('heading', { name: 'Payroll November 2026', level: 1 }).waitFor();
    await expect(a.getByTestId('run-status').textContent()).resolves.toBe('Draft');
    await a.getByRole('button', { name: EN['payroll.calculate'], exact: true }).click();
    await a.getByTestId('run-status').getByText('Calculated').waitFor();
    await a.getByRole('button', { name: `${EN['payroll.showLines']} Eva Employee` }).click();
    const lines = a.getByTestId('payslip-lines');
    await lines.getByRole('cell', { name: 'BASE_SALARY' }).waitFor();
    await expect(lines.textContent()).resolves.toContain('€5,400.00');
    expect(await lines.getByRole('row').count()).toBeGreaterThan(3);

    // A may not finalize what A calculated: the rule is explained and the server's refusal shown.
    await a.getByRole('button', { name: EN['payroll.finalize'] }).click();
    await a.getByTestId('four-eyes-refusal').getByText(EN['payroll.fourEyesYou']).waitFor();
    const refusal = a.getByRole('alert').filter({ hasText: EN['error.FORBIDDEN'] });
    await expect(refusal.textContent()).resolves.toContain('second person in payroll must finalize it');
    await expect(a.getByTestId('run-status').textContent()).resolves.toBe('Calculated');
    await expectAccessible(a, 'payroll run (four eyes)');
    await screenshot(a, 'payroll-run-four-eyes');

    // Payroll user B (who also keeps the books), in Dutch: finalizes from the list and sees the booking.
    const b = await open(['payroll', 'accountant'], undefined, DUTCH);
    await b.getByRole('link', { name: NL['nav.payroll'] }).click();
    await b.getByRole('heading', { name: NL['payroll.title'], level: 1 }).waitFor();
    await b.getByText(NL['payroll.count'].one.replace('{count}', '1')).waitFor();
    await expectAccessible(b, 'payroll runs in Dutch');
    await screenshot(b, 'payroll-runs-nl');
    await b.getByRole('link', { name: 'november 2026' }).click();
    await b.getByRole('heading', { name: 'Salaris november 2026', level: 1 }).waitFor();
    await b.getByRole('button', { name: NL['payroll.finalize'] }).click();
    await b.getByTestId('run-status').getByText('Definitief').waitFor();
    await b.getByText(/^Definitief gemaakt door dev-/).waitFor();
    const booking = b.getByTestId('booking-status');
    await booking.waitFor({ timeout: 30_000 });
    await expect(booking.textContent()).resolves.toMatch(/^Journaalpost (2026-\d{6} )?van 30 november 2026/);
    await expect(booking.textContent()).resolves.toContain(`€${NBSP}`);
    await expect(booking.textContent()).resolves.toMatch(/: (Wacht op goedkeuring|Geboekt)$/);
    await expectAccessible(b, 'payroll run in Dutch (finalized, booked)');
    await screenshot(b, 'payroll-run-booked-nl');

    // A, without an accounting role, is told the booking is not theirs to read.
    await a.reload();
    await a.getByTestId('run-status').getByText('Finalized').waitFor();
    await a.getByText(`${EN['payroll.bookingAccountingOnly']}: not visible to your role`).waitFor();
  }, 150_000);

  it('pages the list of runs, newest first', async () => {
    // A year of earlier drafts (made through the API): thirteen runs, twelve to a page.
    for (let month = 1; month <= 12; month++) {
      const r = await hr.query('mutation($p: String!) { createPayrollRun(period: $p) { id } }', {
        p: `2025-${String(month).padStart(2, '0')}`,
      });
      expect(r.errors).toBeUndefined();
    }
    const page = await open(['hr']);
    await page.getByRole('link', { name: EN['nav.payroll'] }).click();
    await page.getByText('13 runs').waitFor();
    await page.getByText('Page 1 of 2').waitFor();
    const runs = page.locator('#payroll-runs-heading').locator('..');
    await expect(runs.getByRole('link').first().textContent()).resolves.toBe('November 2026');
    expect(await runs.getByRole('link', { name: 'January 2025' }).count()).toBe(0);
    await page.getByRole('button', { name: EN['pager.next'] }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await expect(runs.getByRole('link').textContent()).resolves.toBe('January 2025');
    await expect(page.getByRole('button', { name: EN['pager.next'] }).isDisabled()).resolves.toBe(true);
  }, 60_000);

  it('has no menu entry for other roles and says so when they open it directly', async () => {
    const agent = await open(['it_agent']);
    expect(await agent.getByRole('link', { name: EN['nav.payroll'] }).count()).toBe(0);
    await agent.goto(`${origin}/console/payroll`);
    await agent.getByText(EN['payroll.notAllowed']).waitFor();
    await agent.goto(`${origin}/console/payroll/00000000-0000-0000-0000-000000000000`);
    await agent.getByText(EN['payroll.notAllowed']).waitFor();
    await expectAccessible(agent, 'payroll not allowed');
  }, 60_000);
});

describe('leave in the console', () => {
  it('is requested by an employee, seen in the balance, approved with a comment by their manager, or refused with one', async () => {
    const employee = await open(['employee'], staff.employee);
    await employee.getByRole('link', { name: EN['nav.leave'] }).click();
    await employee.getByRole('heading', { name: EN['leave.title'], level: 1 }).waitFor();
    const days = employee.getByTestId('leave-days');
    const pendingBefore = await days
      .getByRole('row', { name: new RegExp(`^${EN['leave.pending']}`) })
      .textContent();
    // A Dutch company: the statutory and extra hours in their buckets.
    await employee.getByTestId('leave-buckets').getByRole('rowheader', { name: 'Statutory' }).waitFor();
    await employee.getByLabel(EN['leave.type']).selectOption('ANNUAL');
    await employee.getByLabel(EN['leave.startDate'], { exact: true }).fill('2026-12-14');
    await employee.getByLabel(EN['leave.endDate'], { exact: true }).fill('2026-12-15');
    await employee.getByLabel(EN['leave.comment']).fill('Family visit');
    await employee.getByRole('button', { name: EN['leave.submit'], exact: true }).click();
    await employee.getByTestId('leave-requested').getByText('Requested: 2 working days').waitFor();
    await until(async () => {
      const now = await days.getByRole('row', { name: new RegExp(`^${EN['leave.pending']}`) }).textContent();
      return now !== pendingBefore && now?.endsWith('2');
    });
    const mine = employee.locator('#leave-mine-heading').locator('..');
    await mine
      .getByRole('row', { name: /Family visit/ })
      .getByText('pending')
      .waitFor();
    // The requester decides nothing: the request is not offered to them and no button shows.
    const toDecide = employee.locator('#leave-decide-heading').locator('..');
    await toDecide.getByText(EN['leave.nothingToDecide']).waitFor();
    expect(await employee.getByRole('button', { name: EN['leave.approve'] }).count()).toBe(0);
    await expectAccessible(employee, 'leave (employee)');
    await screenshot(employee, 'leave-employee');

    // The manager, in Dutch, approves it with a comment.
    const manager = await open(['employee'], staff.manager, DUTCH);
    await manager.getByRole('link', { name: NL['nav.leave'] }).click();
    await manager.getByRole('heading', { name: NL['leave.toDecide'] }).waitFor();
    const row = manager.getByTestId('leave-row').filter({ hasText: 'Eva Employee' });
    await row.getByText('14 december 2026').waitFor();
    await expectAccessible(manager, 'leave (manager) in Dutch');
    await screenshot(manager, 'leave-manager-nl');
    await row.getByLabel(NL['leave.decisionComment'].replace('{name}', 'Eva Employee')).fill('Veel plezier');
    await row.getByRole('button', { name: NL['leave.approve'] }).click();
    await manager.getByText(NL['leave.nothingToDecide']).waitFor();

    // The employee sees the decision and who made it.
    await employee.reload();
    await mine
      .getByRole('row', { name: /Family visit/ })
      .getByText('approved')
      .waitFor();
    await expect(mine.getByRole('row', { name: /Family visit/ }).textContent()).resolves.toContain(
      `dev-${staff.manager}: Veel plezier`,
    );

    // A second request, refused: a refusal needs a comment saying why.
    await employee.getByLabel(EN['leave.startDate'], { exact: true }).fill('2026-12-21');
    await employee.getByLabel(EN['leave.endDate'], { exact: true }).fill('2026-12-22');
    await employee.getByLabel(EN['leave.comment']).fill('Christmas');
    await employee.getByRole('button', { name: EN['leave.submit'], exact: true }).click();
    await mine
      .getByRole('row', { name: /Christmas/ })
      .getByText('pending')
      .waitFor();
    await manager.reload();
    const second = manager.getByTestId('leave-row').filter({ hasText: '21 december 2026' });
    await second.getByRole('button', { name: NL['leave.refuse'] }).click();
    await second.getByRole('alert').getByText(NL['leave.commentNeeded']).waitFor();
    await second.getByRole('textbox').fill('Te druk rond de jaarafsluiting');
    await second.getByRole('button', { name: NL['leave.refuse'] }).click();
    await manager.getByText(NL['leave.nothingToDecide']).waitFor();
    await employee.reload();
    await mine
      .getByRole('row', { name: /Christmas/ })
      .getByText('rejected')
      .waitFor();
  }, 120_000);
});

describe('the workplace cost report in the console', () => {
  it('shows hr what remote work saves per person, and an analyst per department without anyone’s pay', async () => {
    const year = new Date().getFullYear();
    const asGraph = (
      await hr.query(
        `{ workplaceCostReport(year: ${year}, officeSeatMonthlyCost: "450.00") { rows { monthsRemote seatCostAvoided } } }`,
      )
    ).data.workplaceCostReport;
    expect(asGraph.rows).toHaveLength(1);
    const { monthsRemote, seatCostAvoided } = asGraph.rows[0];
    expect(Number(seatCostAvoided)).toBe(monthsRemote * 450);

    const page = await open(['hr']);
    await page.getByRole('link', { name: EN['nav.workplaceCost'] }).click();
    await page.getByRole('heading', { name: EN['workplace.title'], level: 1 }).waitFor();
    const person = page.getByTestId('workplace-people').getByRole('row', { name: /Rita Remote/ });
    await person.waitFor();
    const euros = `€${Number(seatCostAvoided).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
    await expect(person.textContent()).resolves.toContain(euros);
    await expect(page.getByTestId('workplace-totals').textContent()).resolves.toContain(euros);
    await page.getByRole('figure', { name: EN['workplace.chart'] }).waitFor();
    await expectAccessible(page, 'workplace cost (hr)');
    await screenshot(page, 'workplace-cost');

    // An analyst, in Dutch: the department's seats, its allowances hidden (one remote person), no names.
    const analyst = await open(['analyst'], undefined, DUTCH);
    await analyst.getByRole('link', { name: NL['nav.workplaceCost'] }).click();
    const row = analyst.getByTestId('workplace-departments').getByRole('row', { name: /Finance/ });
    await row.getByText(NL['workplace.hidden']).first().waitFor();
    await analyst.getByText(NL['workplace.perPersonOnly']).waitFor();
    await expect(analyst.getByText('Rita Remote').count()).resolves.toBe(0);
    await expectAccessible(analyst, 'workplace cost (analyst, nl)');
    await screenshot(analyst, 'workplace-cost-nl');

    // A role the report is not for has no menu entry, and is told so when it opens the address.
    const employee = await open(['employee'], staff.employee);
    await expect(employee.getByRole('link', { name: EN['nav.workplaceCost'] }).count()).resolves.toBe(0);
    await employee.goto(`${origin}/console/workplace-cost`);
    await employee.getByText(EN['workplace.notAllowed']).waitFor();
  }, 120_000);
});
