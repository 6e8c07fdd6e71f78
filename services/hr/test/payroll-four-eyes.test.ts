import type { RunningSubgraph, ServiceContext } from '@backoffice/kit';
import { type TestRun, callSubgraph, newTestRun, startTestSubgraph, testIdentity } from '@backoffice/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { config } from '../src/config.js';
import { hrSubgraph } from '../src/hr.subgraph.js';
import { PayrollService, loadPayrollRules } from '../src/payroll/payroll.service.js';
import type { HrServices } from '../src/services.js';

/**
 * Four eyes on payroll, off only when the company says so: PAYROLL_FOUR_EYES=false lets one person take a
 * run from creation to finalization (a company with one payroll person), and the run records that four
 * eyes did not apply; any other value than true/false refuses to start. The database holds the rule too.
 */
let run: TestRun;
let hr: RunningSubgraph<HrServices>;
const asHr = testIdentity(['hr'], { userId: 'hr-user' });
const solo = {
  identity: { userId: 'solo-payroll', roles: ['payroll'], employeeId: null },
} as unknown as ServiceContext;

beforeAll(async () => {
  run = newTestRun();
  hr = await startTestSubgraph(run, hrSubgraph);
  const dept = await callSubgraph(
    hr.url,
    'mutation { createDepartment(input: { name: "Small company", costCenter: "SC-1" }) { id } }',
    {},
    asHr,
  );
  const hired = await callSubgraph(
    hr.url,
    'mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }',
    {
      i: {
        givenName: 'Only',
        familyName: 'Employee',
        email: `only.${run.id}@example.com`,
        departmentId: dept.data.createDepartment.id,
        startDate: '2026-01-01',
        workLocation: 'OFFICE',
        contract: { monthlySalary: '3000.00', currency: 'EUR', fte: 1 },
      },
    },
    asHr,
  );
  expect(hired.errors).toBeUndefined();
});
afterAll(() => run?.cleanup());

const payrollWith = (fourEyes: boolean) =>
  new PayrollService(
    hr.deps.db,
    loadPayrollRules(config.WITHHOLDING_TABLE_PATH, config.PENSION_EMPLOYEE_RATE),
    fourEyes,
  );

describe('PAYROLL_FOUR_EYES', () => {
  it('is on by default: one person is refused', async () => {
    const payroll = payrollWith(config.PAYROLL_FOUR_EYES);
    expect(config.PAYROLL_FOUR_EYES).toBe(true);
    const created = await payroll.create(solo, '2026-02');
    await payroll.calculate(solo, created.id);
    await expect(payroll.finalize(solo, created.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/you calculated this payroll run/),
    });
  });

  it('switched off, lets one person create, calculate and finalize, and records that four eyes did not apply', async () => {
    const payroll = payrollWith(false);
    const created = await payroll.create(solo, '2026-03');
    await payroll.calculate(solo, created.id);
    const finalized = await payroll.finalize(solo, created.id);
    expect(finalized).toMatchObject({
      status: 'FINALIZED',
      calculatedBy: 'solo-payroll',
      finalizedBy: 'solo-payroll',
    });
    const [row] = await hr.deps.db.query('SELECT four_eyes FROM payroll_run WHERE id = $1', [created.id]);
    expect(row.four_eyes).toBe(false);
  });

  it('is held by the database too: a finalization by the calculator with four eyes on is refused', async () => {
    const payroll = payrollWith(true);
    const created = await payroll.create(solo, '2026-04');
    await payroll.calculate(solo, created.id);
    await expect(
      hr.deps.db.query(
        `UPDATE payroll_run SET status = 'FINALIZED', finalized_by = 'solo-payroll', finalized_at = now() WHERE id = $1`,
        [created.id],
      ),
    ).rejects.toThrow(/payroll_run_four_eyes/);
    await expect(
      hr.deps.db.query(
        `UPDATE payroll_run SET status = 'FINALIZED', finalized_by = NULL, finalized_at = now() WHERE id = $1`,
        [created.id],
      ),
    ).rejects.toThrow(/payroll_run_four_eyes/);
  });
});

describe('PAYROLL_FOUR_EYES in the configuration', () => {
  const saved = process.env.PAYROLL_FOUR_EYES;
  afterEach(() => {
    if (saved === undefined) delete process.env.PAYROLL_FOUR_EYES;
    else process.env.PAYROLL_FOUR_EYES = saved;
    vi.resetModules();
  });
  const load = async (value: string | undefined) => {
    if (value === undefined) delete process.env.PAYROLL_FOUR_EYES;
    else process.env.PAYROLL_FOUR_EYES = value;
    vi.resetModules();
    return (await import('../src/config.js')).config.PAYROLL_FOUR_EYES;
  };
  it('is on unless set to exactly "false"', async () => {
    expect(await load(undefined)).toBe(true);
    expect(await load('true')).toBe(true);
    expect(await load('false')).toBe(false);
  });
  it.each(['', 'no', '0', 'off', 'FALSE'])('refuses to start with %j', async (value) => {
    await expect(load(value)).rejects.toThrow(/PAYROLL_FOUR_EYES/);
  });
});
