import { hr as hrEvents } from '@backoffice/events';
import type { RunningSubgraph } from '@backoffice/kit';
import { type TestRun, callSubgraph, newTestRun, startTestSubgraph, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrSubgraph } from '../src/hr.subgraph.js';
import { Money } from '../src/payroll/money.js';
import type { HrServices } from '../src/services.js';

// COUNTRY defaults to NL: everyone hired here gets the NL rule pack.
let run: TestRun;
let hr: RunningSubgraph<HrServices>;
const asHr = testIdentity(['hr'], { userId: 'hr-user' });
const asPayroll = testIdentity(['payroll'], { userId: 'payroll-user' });
let dept: string;

const gql = (query: string, variables: Record<string, unknown>, as = asHr) =>
  callSubgraph(hr.url, query, variables, as);

async function hire(
  familyName: string,
  contract: Record<string, unknown> = {},
  workLocation = 'HYBRID',
): Promise<string> {
  const r = await gql('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id workCountry } }', {
    i: {
      givenName: 'Test',
      familyName,
      email: `${familyName.toLowerCase()}.${run.id}@example.com`,
      departmentId: dept,
      startDate: '2026-01-01',
      workLocation,
      contract: { monthlySalary: '3000.00', currency: 'EUR', fte: 1, ...contract },
    },
  });
  expect(r.errors).toBeUndefined();
  expect(r.data.hireEmployee.workCountry).toBe('NL');
  return r.data.hireEmployee.id;
}

const REGISTER =
  'mutation($e: ID!, $d: Date!, $k: WorkdayKind!, $km: Decimal) { registerWorkday(employeeId: $e, date: $d, kind: $k, commuteKm: $km) { employeeId date kind commuteKm } }';

async function payroll(period: string) {
  const id = (await gql(`mutation { createPayrollRun(period: "${period}") { id } }`, {}, asPayroll)).data
    .createPayrollRun.id;
  const calc = await gql(
    'mutation($id: ID!) { calculatePayrollRun(id: $id) { totalEmployerContributions payslips { employee { familyName } net employerContributions lines { code amount taxable informational description } } } }',
    { id },
    asPayroll,
  );
  expect(calc.errors).toBeUndefined();
  const slips = Object.fromEntries(
    calc.data.calculatePayrollRun.payslips.map((p: any) => [p.employee.familyName, p]),
  );
  const employerContributions = calc.data.calculatePayrollRun.payslips
    .reduce((sum: InstanceType<typeof Money>, p: any) => sum.plus(p.employerContributions), new Money(0))
    .toFixed(2);
  // The run's total, summed by the database from the stored lines, is the payslips' own added up.
  expect(calc.data.calculatePayrollRun.totalEmployerContributions).toBe(employerContributions);
  return { id, slips, employerContributions };
}
/** A second person in payroll finalizes what the first calculated (four eyes). */
const finalize = (id: string) =>
  gql(
    'mutation($id: ID!) { finalizePayrollRun(id: $id) { status } }',
    { id },
    testIdentity(['payroll'], { userId: 'payroll-user-2' }),
  );

beforeAll(async () => {
  run = newTestRun();
  hr = await startTestSubgraph(run, hrSubgraph);
  dept = (await gql('mutation { createDepartment(input: { name: "NL", costCenter: "NL-1" }) { id } }', {}))
    .data.createDepartment.id;
});
afterAll(() => run?.cleanup());

describe('NL rules through the graph', () => {
  it('registers workdays once per day, pays them and the holiday allowance, and books the reserve', async () => {
    const anna = await hire('Anna');
    const bram = await hire('Bram', { holidayAllowanceMonthly: true });
    const eva = await hire('Eva', {}, 'REMOTE');
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'])
      expect((await gql(REGISTER, { e: eva, d, k: 'HOME' })).errors).toBeUndefined();
    const asAnna = testIdentity(['employee'], { userId: 'anna', employeeId: anna });

    // Ten home-working days in March 2026 (weekdays 2-13 March), registered by Anna herself.
    const homeDays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13'].map((d) => `2026-03-${d}`);
    for (const d of homeDays) {
      const r = await gql(REGISTER, { e: anna, d, k: 'HOME' }, asAnna);
      expect(r.errors).toBeUndefined();
    }
    // A day registered both ways is refused; the same kind again only updates the kilometres.
    const twice = await gql(REGISTER, { e: anna, d: '2026-03-02', k: 'OFFICE', km: '40' }, asAnna);
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(twice.errors?.[0].message).toMatch(/already registered as HOME/);
    expect(
      (await gql(REGISTER, { e: anna, d: '2026-03-16', k: 'OFFICE', km: '40' }, asAnna)).errors,
    ).toBeUndefined();
    const updated = await gql(REGISTER, { e: anna, d: '2026-03-16', k: 'OFFICE', km: '50' }, asHr);
    expect(updated.data.registerWorkday).toEqual({
      employeeId: anna,
      date: '2026-03-16',
      kind: 'OFFICE',
      commuteKm: '50.00',
    });
    expect(
      (await gql(REGISTER, { e: anna, d: '2026-03-17', k: 'HOME', km: '5' }, asAnna)).errors?.[0].extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
    const stranger = await gql(REGISTER, { e: bram, d: '2026-03-17', k: 'HOME' }, asAnna);
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await gql(
      'query($e: ID!) { employee(id: $e) { workdays(from: "2026-03-01", to: "2026-03-31") { kind } } }',
      { e: anna },
      asAnna,
    );
    expect(listed.data.employee.workdays).toHaveLength(11);

    const march = await payroll('2026-03');
    const line = (who: string, code: string) => march.slips[who].lines.filter((l: any) => l.code === code);
    expect(line('Anna', 'HOLIDAY_ALLOWANCE_RESERVED')).toEqual([
      expect.objectContaining({ amount: '240.00', taxable: false, informational: true }),
    ]);
    expect(line('Anna', 'HOLIDAY_ALLOWANCE')).toEqual([]);
    expect(line('Anna', 'HOME_WORKING_ALLOWANCE')).toEqual([
      expect.objectContaining({ amount: '24.50', taxable: false }),
    ]);
    expect(line('Anna', 'COMMUTING_ALLOWANCE')).toEqual([
      expect.objectContaining({ amount: '11.50', taxable: false }),
    ]);
    // Bram's contract pays the holiday allowance monthly: reserved and paid in the same month.
    expect(line('Bram', 'HOLIDAY_ALLOWANCE')).toEqual([
      expect.objectContaining({ amount: '240.00', taxable: true }),
    ]);
    // Tax-free allowances go to net in full: 2522.83 (net of 3000.00 after pension and loonheffing) + 24.50 + 11.50.
    expect(march.slips.Anna.net).toBe('2558.83');
    expect(line('Anna', 'WAGE_WITHHOLDING')[0].description).toMatch(
      /^Loonheffing over loon 2850.00: witte tabel/,
    );

    expect((await finalize(march.id)).data.finalizePayrollRun.status).toBe('FINALIZED');
    const [row] = await hr.deps.db.query(
      `SELECT payload FROM outbox WHERE subject = '${hrEvents.payrollRunFinalized.type}' AND aggregate_id = $1`,
      [march.id],
    );
    expect(row.payload.data.costCenters[0]).toMatchObject({
      costCenter: 'NL-1',
      // Anna, Bram and Eva each reserve 240.00; only Bram's is paid out in March.
      holidayAllowanceAccrued: '720.00',
      holidayAllowancePaid: '240.00',
      // The employer's Zvw, AWf, Aof and Wko of the three payslips, for accounting to book.
      employerContributions: march.employerContributions,
    });
    expect(Number(march.employerContributions)).toBeGreaterThan(0);
    const late = await gql(REGISTER, { e: anna, d: '2026-03-20', k: 'HOME' }, asAnna);
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');

    // The workplace cost report counts the real home-working allowance paid to the remote employee.
    const report = await gql(
      '{ workplaceCostReport(year: 2026, officeSeatMonthlyCost: "400.00") { rows { employee { familyName } allowancesPaid } departments { remoteEmployees allowancesPaid } } }',
      {},
      asPayroll,
    );
    expect(report.data.workplaceCostReport.rows).toEqual([
      { employee: { familyName: 'Eva' }, allowancesPaid: '12.25' },
    ]);
    // An analyst sees the department, and with one remote person behind it, not her allowance.
    const aggregated = await gql(
      '{ workplaceCostReport(year: 2026, officeSeatMonthlyCost: "400.00") { rows { allowancesPaid } departments { remoteEmployees allowancesPaid } totalSeatCostAvoided } }',
      {},
      testIdentity(['analyst']),
    );
    expect(aggregated.data.workplaceCostReport.rows).toEqual([]);
    expect(aggregated.data.workplaceCostReport.departments).toEqual([
      { remoteEmployees: 1, allowancesPaid: null },
    ]);

    // April reserves another 240.00; May pays March + April + May: 720.00, taxable.
    await finalize((await payroll('2026-04')).id);
    const may = await payroll('2026-05');
    expect(may.slips.Anna.lines.filter((l: any) => l.code === 'HOLIDAY_ALLOWANCE')).toEqual([
      expect.objectContaining({ amount: '720.00', taxable: true }),
    ]);
    // Paid once a year, it is a special reward: taxed at the special-reward table's rate, apart from the wage.
    expect(may.slips.Anna.lines.filter((l: any) => l.code === 'WAGE_WITHHOLDING_SPECIAL_REWARD')).toEqual([
      expect.objectContaining({ description: expect.stringMatching(/bijzondere beloning 720.00 x/) }),
    ]);
  });

  it('shows statutory and extra leave hours with their expiry: 36 hours a week is 144 statutory hours', async () => {
    const cas = await hire('Cas', { weeklyHours: '36' });
    const r = await gql(
      'query($e: ID!) { employee(id: $e) { leaveBalance(year: 2026) { entitled buckets { kind year entitledHours remainingHours expiresOn } } } }',
      { e: cas },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.employee.leaveBalance.entitled).toBe(25);
    expect(r.data.employee.leaveBalance.buckets).toEqual([
      {
        kind: 'STATUTORY',
        year: 2026,
        entitledHours: '144.00',
        remainingHours: '144.00',
        expiresOn: '2027-07-01',
      },
      { kind: 'EXTRA', year: 2026, entitledHours: '36.00', remainingHours: '36.00', expiresOn: '2032-01-01' },
    ]);
  });

  it('keeps the BSN to payroll and the employee, and refuses one failing the eleven-test', async () => {
    const dirk = await hire('Dirk');
    const asDirk = testIdentity(['employee'], { userId: 'dirk', employeeId: dirk });
    const UPDATE = 'mutation($e: ID!, $b: String) { updateEmployee(id: $e, input: { bsn: $b }) { id } }';
    expect((await gql(UPDATE, { e: dirk, b: '123456789' }, asDirk)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await gql(UPDATE, { e: dirk, b: '123456782' }, asDirk)).errors).toBeUndefined();
    const BSN = 'query($e: ID!) { employee(id: $e) { personalData { bsn } } }';
    expect((await gql(BSN, { e: dirk }, asDirk)).data.employee.personalData.bsn).toBe('123456782');
    expect((await gql(BSN, { e: dirk }, asPayroll)).data.employee.personalData.bsn).toBe('123456782');
    expect((await gql(BSN, { e: dirk }, asHr)).data.employee.personalData.bsn).toBeNull();
    const [event] = await hr.deps.db.query(
      `SELECT payload FROM outbox WHERE subject = '${hrEvents.employeeUpdated.type}' AND aggregate_id = $1`,
      [dirk],
    );
    expect(JSON.stringify(event.payload)).not.toContain('123456782');
  });

  it('applies the wage tax credit unless the employee chooses another employer for it', async () => {
    const eva = await hire('Wagecredit');
    const asEva = testIdentity(['employee'], { userId: 'eva', employeeId: eva });
    const READ = 'query($e: ID!) { employee(id: $e) { wageTaxCredit } }';
    const SET =
      'mutation($e: ID!, $c: Boolean) { updateEmployee(id: $e, input: { wageTaxCredit: $c }) { wageTaxCredit } }';
    expect((await gql(READ, { e: eva }, asPayroll)).data.employee.wageTaxCredit).toBe(true);
    // Her own choice: she makes it; a colleague may not make it for her, and an analyst may not read it.
    const asColleague = testIdentity(['employee'], {
      userId: 'colleague',
      employeeId: await hire('Wagecolleague'),
    });
    expect((await gql(SET, { e: eva, c: false }, asColleague)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(SET, { e: eva, c: false }, asEva)).data.updateEmployee.wageTaxCredit).toBe(false);
    expect((await gql(READ, { e: eva }, asPayroll)).data.employee.wageTaxCredit).toBe(false);
    const asAnalyst = testIdentity(['analyst'], { userId: 'analyst' });
    expect((await gql(READ, { e: eva }, asAnalyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // hr records it for her (a paper declaration); the event names the field, never its value.
    expect((await gql(SET, { e: eva, c: true }, asHr)).data.updateEmployee.wageTaxCredit).toBe(true);
    const events = await hr.deps.db.query(
      `SELECT payload FROM outbox WHERE subject = '${hrEvents.employeeUpdated.type}' AND aggregate_id = $1`,
      [eva],
    );
    expect(
      events.map((e: { payload: { data: { changedFields: string[] } } }) => e.payload.data.changedFields),
    ).toEqual([['wageTaxCredit'], ['wageTaxCredit']]);
  });

  it('refuses January 2027 through the graph, naming every figure no public source gives yet', async () => {
    const id = (await gql('mutation { createPayrollRun(period: "2027-01") { id } }', {}, asPayroll)).data
      .createPayrollRun.id;
    const refused = await gql(
      'mutation($id: ID!) { calculatePayrollRun(id: $id) { id } }',
      { id },
      asPayroll,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const message: string = refused.errors?.[0].message ?? '';
    expect(message).toMatch(/payroll period 2027-01 has no NL rules/);
    for (const missing of [
      'wageTax.bracket1Rate (no final 2027 figure found in a public source on 2026-12-05',
      'generalTaxCredit.maximum (no final 2027 figure',
      'employer.zvwRate (no final 2027 percentage',
      'specialReward.rateWithCredit (no 2027 white special-reward table',
      'homeWorkingAllowance.taxFreePerDay (no 2027 tax-free amount',
      'commutingAllowance.taxFreePerKm (no 2027 tax-free amount',
    ])
      expect(message).toContain(missing);
    // Never a copied 2026 figure: the refusal is the whole answer, no payslip is made.
    const run = await gql(
      'query($id: ID!) { payrollRun(id: $id) { status payslips { net } } }',
      { id },
      asPayroll,
    );
    expect(run.data.payrollRun).toEqual({ status: 'DRAFT', payslips: [] });
  });

  it('records the wage tax table on the employee: white by default, hr changes it, the employee may not', async () => {
    const tom = await hire('Tablewhite');
    const asTom = testIdentity(['employee'], { userId: 'tom', employeeId: tom });
    const READ = 'query($e: ID!) { employee(id: $e) { wageTaxTable } }';
    const SET =
      'mutation($e: ID!, $t: WageTaxTable) { updateEmployee(id: $e, input: { wageTaxTable: $t }) { wageTaxTable } }';
    expect((await gql(READ, { e: tom }, asTom)).data.employee.wageTaxTable).toBe('WHITE');
    expect((await gql(SET, { e: tom, t: 'GREEN' }, asTom)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(SET, { e: tom, t: 'GREEN' }, asHr)).data.updateEmployee.wageTaxTable).toBe('GREEN');
    const asAnalyst = testIdentity(['analyst'], { userId: 'analyst' });
    expect((await gql(READ, { e: tom }, asAnalyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Payroll refuses the green table, naming the employee, rather than taxing a benefit as a wage.
    const id = (await gql('mutation { createPayrollRun(period: "2026-09") { id } }', {}, asPayroll)).data
      .createPayrollRun.id;
    const refused = await gql(
      'mutation($id: ID!) { calculatePayrollRun(id: $id) { id } }',
      { id },
      asPayroll,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(new RegExp(`employee ${tom}: .*green wage tax table`));
    expect((await gql(SET, { e: tom, t: 'WHITE' }, asHr)).data.updateEmployee.wageTaxTable).toBe('WHITE');
  });
});
