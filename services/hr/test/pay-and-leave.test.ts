import { hr as hrEvents } from '@backoffice/events';
import type { RunningSubgraph } from '@backoffice/kit';
import { type TestRun, callSubgraph, newTestRun, startTestSubgraph, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrSubgraph } from '../src/hr.subgraph.js';
import type { HrServices } from '../src/services.js';

let run: TestRun;
let hr: RunningSubgraph<HrServices>;
const asHr = testIdentity(['hr'], { userId: 'hr-user' });
const asPayroll = testIdentity(['payroll'], { userId: 'payroll-user' });
/** The second person in payroll, who checks and finalizes what the first calculated (four eyes). */
const asPayroll2 = testIdentity(['payroll'], { userId: 'payroll-user-2' });
let dept: string;

async function gql(query: string, variables: Record<string, unknown>, as = asHr) {
  return callSubgraph(hr.url, query, variables, as);
}

async function hire(familyName: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await gql('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }', {
    i: {
      givenName: 'Test',
      familyName,
      email: `${familyName.toLowerCase()}.${run.id}@example.com`,
      departmentId: dept,
      startDate: '2026-01-01',
      workLocation: 'OFFICE',
      contract: { monthlySalary: '3000.00', currency: 'EUR', fte: 1 },
      ...overrides,
    },
  });
  expect(r.errors).toBeUndefined();
  return r.data.hireEmployee.id;
}

beforeAll(async () => {
  run = newTestRun();
  hr = await startTestSubgraph(run, hrSubgraph);
  dept = (
    await gql('mutation { createDepartment(input: { name: "Payroll test", costCenter: "PT-1" }) { id } }', {})
  ).data.createDepartment.id;
});
afterAll(() => run?.cleanup());

describe('payroll runs', () => {
  it('calculates pro rata with allowances and brackets, finalizes once, and emits the booking event', async () => {
    const full = await hire('Full');
    const mid = await hire('Mid', { startDate: '2026-04-16', workLocation: 'REMOTE' });
    const allowance = await gql(
      'mutation($e: ID!) { setAllowance(employeeId: $e, kind: REMOTE_WORK, monthlyAmount: "60.00", currency: "EUR", validFrom: "2026-04-01") { monthlyAmount validFrom } }',
      { e: mid },
    );
    expect(allowance.data.setAllowance).toEqual({ monthlyAmount: '60.00', validFrom: '2026-04-01' });

    const created = await gql(
      'mutation { createPayrollRun(period: "2026-04") { id status } }',
      {},
      asPayroll,
    );
    const id = created.data.createPayrollRun.id;
    expect(
      (await gql('mutation { createPayrollRun(period: "2026-04") { id } }', {}, asPayroll)).errors?.[0]
        .extensions?.code,
    ).toBe('CONFLICT');
    expect(
      (await gql('mutation($id: ID!) { finalizePayrollRun(id: $id) { id } }', { id }, asPayroll)).errors?.[0]
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');

    const calc = await gql(
      'mutation($id: ID!) { calculatePayrollRun(id: $id) { status totalGross totalNet payslips { employee { familyName } gross allowances deductions net lines { code amount } } } }',
      { id },
      asPayroll,
    );
    expect(calc.errors).toBeUndefined();
    const slips = Object.fromEntries(
      calc.data.calculatePayrollRun.payslips.map((p: any) => [p.employee.familyName, p]),
    );
    // Hired on the 16th of a 30-day month: 15/30 of 3000.00; the allowance from the 1st is paid for employed days only.
    expect(slips.Mid.gross).toBe('1500.00');
    expect(slips.Mid.allowances).toBe('30.00');
    expect(slips.Full.gross).toBe('3000.00');
    // Dutch by default (COUNTRY=NL): 5 % pension = 150.00 first; loonheffing on 2850.00 by the white
    // monthly table: L 34182, 12220 - algemene heffingskorting 2831 - arbeidskorting 5463 = 3926 / 12 = 327.17.
    expect(slips.Full.deductions).toBe('477.17');
    expect(slips.Full.net).toBe('2522.83');
    expect(calc.data.calculatePayrollRun.status).toBe('CALCULATED');

    const FINALIZE =
      'mutation($id: ID!) { finalizePayrollRun(id: $id) { status calculatedBy lastPayDataChangeBy finalizedBy } }';
    // Four eyes: neither whoever calculated the run nor whoever changed pay data in it finalizes it.
    const byCalculator = await gql(FINALIZE, { id }, asPayroll);
    expect(byCalculator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(byCalculator.errors?.[0].message).toMatch(/you calculated this payroll run/);
    const changer = await gql(FINALIZE, { id }, asHr);
    expect(changer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(changer.errors?.[0].message).toMatch(/you changed pay data/);
    const fin = await gql(FINALIZE, { id }, asPayroll2);
    expect(fin.data.finalizePayrollRun).toEqual({
      status: 'FINALIZED',
      calculatedBy: 'payroll-user',
      lastPayDataChangeBy: 'hr-user',
      finalizedBy: 'payroll-user-2',
    });
    const again = await gql('mutation($id: ID!) { calculatePayrollRun(id: $id) { id } }', { id }, asPayroll);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    await expect(
      hr.deps.db.query(`UPDATE payslip SET net = 0 WHERE payroll_run_id = $1`, [id]),
    ).rejects.toThrow(/finalized/);

    const [row] = await hr.deps.db.query(
      `SELECT payload FROM outbox WHERE subject = '${hrEvents.payrollRunFinalized.type}' AND aggregate_id = $1`,
      [id],
    );
    const data = row.payload.data;
    expect(data.bookingDate).toBe('2026-04-30');
    expect(data.costCenters).toHaveLength(1);
    const cc = data.costCenters[0];
    const debit = Number(cc.grossSalary) * 100 + Number(cc.allowances) * 100;
    const credit = (Number(cc.netPay) + Number(cc.pensionEmployee) + Number(cc.wageWithholding)) * 100;
    expect(Math.round(debit)).toBe(Math.round(credit));
    // Totals per cost center and the finalizer; pay per employee stays in hr.
    expect(data.finalizedBy).toBe('payroll-user-2');
    expect(data.employees).toBeUndefined();
    expect(JSON.stringify(data)).not.toContain(mid);
    const cost = await gql(
      'query($e: ID!) { employee(id: $e) { payrollCost(year: 2026) } }',
      { e: mid },
      testIdentity(['accountant']),
    );
    expect(cost.data.employee.payrollCost).toBe('1530.00');

    const own = await gql(
      'query($e: ID!) { employee(id: $e) { payslips { period net } } }',
      { e: full },
      testIdentity(['employee'], { employeeId: full }),
    );
    expect(own.data.employee.payslips).toEqual([{ period: '2026-04', net: '2522.83' }]);
    const other = await gql(
      'query($e: ID!) { employee(id: $e) { payslips { net } } }',
      { e: mid },
      testIdentity(['employee'], { employeeId: full }),
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const report = await gql(
      '{ workplaceCostReport(year: 2026, officeSeatMonthlyCost: "400.00") { rows { employee { familyName } monthsRemote seatCostAvoided allowancesPaid netSaving } totalNetSaving } }',
      {},
      testIdentity(['analyst']),
    );
    expect(report.errors).toBeUndefined();
    // An analyst sees departments, never a person's allowance.
    expect(report.data.workplaceCostReport.rows).toEqual([]);
    const perPerson = await gql(
      '{ workplaceCostReport(year: 2026, officeSeatMonthlyCost: "400.00") { rows { employee { familyName } monthsRemote seatCostAvoided allowancesPaid netSaving } departments { department { id } remoteEmployees allowancesPaid } } }',
      {},
      asPayroll,
    );
    expect(perPerson.errors).toBeUndefined();
    expect(perPerson.data.workplaceCostReport.departments).toContainEqual({
      department: { id: dept },
      remoteEmployees: 1,
      allowancesPaid: '0.00',
    });
    const midRow = perPerson.data.workplaceCostReport.rows.find((r: any) => r.employee.familyName === 'Mid');
    // Remote on the 15th from May (hired on 16 April): 8 months of 400.00; 30.00 allowance paid in April is not a remote month.
    expect(midRow).toMatchObject({ monthsRemote: 8, seatCostAvoided: '3200.00' });
  });
});

describe('leave', () => {
  it('requests, lets the manager decide (never the requester), and keeps the balance', async () => {
    const manager = await hire('Manager');
    const worker = await hire('Worker', { managerId: manager });
    const asWorker = testIdentity(['employee'], { userId: 'worker-user', employeeId: worker });
    const asManager = testIdentity(['employee'], { userId: 'manager-user', employeeId: manager });
    const REQUEST = 'mutation($i: RequestLeaveInput!) { requestLeave(input: $i) { id days status } }';
    const r = await gql(
      REQUEST,
      { i: { type: 'ANNUAL', startDate: '2026-08-03', endDate: '2026-08-07' } },
      asWorker,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.requestLeave).toMatchObject({ days: 5, status: 'PENDING' });
    const overlap = await gql(
      REQUEST,
      { i: { type: 'ANNUAL', startDate: '2026-08-07', endDate: '2026-08-10' } },
      asWorker,
    );
    expect(overlap.errors?.[0].extensions?.code).toBe('CONFLICT');
    const tooMuch = await gql(
      REQUEST,
      { i: { type: 'ANNUAL', startDate: '2026-09-01', endDate: '2026-10-30' } },
      asWorker,
    );
    expect(tooMuch.errors?.[0].extensions?.code).toBe('CONFLICT');

    const DECIDE =
      'mutation($id: ID!) { decideLeave(id: $id, approve: true, comment: "enjoy") { status decidedBy } }';
    const self = await gql(DECIDE, { id: r.data.requestLeave.id }, asWorker);
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ok = await gql(DECIDE, { id: r.data.requestLeave.id }, asManager);
    expect(ok.data.decideLeave).toEqual({ status: 'APPROVED', decidedBy: 'manager-user' });
    const twice = await gql(DECIDE, { id: r.data.requestLeave.id }, asManager);
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');

    const balance = await gql(
      'query($e: ID!) { employee(id: $e) { leaveBalance(year: 2026) { entitled taken planned pending remaining } } }',
      { e: worker },
      asWorker,
    );
    expect(balance.data.employee.leaveBalance.entitled).toBe(25);
    expect(balance.data.employee.leaveBalance.remaining).toBe(20);
    const stranger = await gql(
      'query($e: ID!) { employee(id: $e) { leaveBalance { remaining } } }',
      { e: worker },
      testIdentity(['analyst']),
    );
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Sick leave keeps its kind in hr; outside hr every request travels as plain LEAVE.
    const sick = await gql(
      REQUEST,
      { i: { type: 'SICK', startDate: '2026-11-02', endDate: '2026-11-03' } },
      asWorker,
    );
    expect(sick.errors).toBeUndefined();
    const [event] = await hr.deps.db.query(
      `SELECT payload FROM outbox WHERE subject = '${hrEvents.leaveRequested.type}' AND aggregate_id = $1`,
      [sick.data.requestLeave.id],
    );
    expect(event.payload.data).toMatchObject({ type: 'LEAVE', days: 2 });
    expect(JSON.stringify(event.payload)).not.toMatch(/SICK/i);
  });
});
