/**
 * Payroll calculation for 10,000 employees (mid-month hires and contract changes), through the hr
 * service as the graph calls it, against a naive baseline that loads and stores one employee at a time.
 *   pnpm bench:payroll [--employees 10000] [--runs 3]
 * Both sides run on the same data, in the same process, interleaved; medians are reported.
 */
import { performance } from 'node:perf_hooks';
import { callSubgraph, newTestRun, startTestSubgraph, testIdentity } from '@backoffice/testkit';
import { calculatePayslip, config, hrSubgraph, loadPayrollRules } from '@backoffice/testkit/services/hr';
import { writeResult } from './lib/report.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EMPLOYEES = arg('employees', 10_000);
const RUNS = arg('runs', 3);
const PERIOD = '2026-06';
const asPayroll = testIdentity(['payroll']);

const run = newTestRun();
const hr = await startTestSubgraph(run, hrSubgraph);
const db = hr.deps.db;
try {
  // Data: 20 departments; employees hired over two years, 5 % of them in the middle of June;
  // 10 % with a raise on 11 June; 30 % with a remote-work allowance; 2 % leaving on 20 June.
  await db.query(
    `INSERT INTO department (name, cost_center) SELECT 'Dept ' || g, 'CC-' || g FROM generate_series(1, 20) g`,
  );
  await db.query(
    `INSERT INTO employee (given_name, family_name, email, status, work_location, work_country, department_id, start_date, end_date)
     SELECT 'Given' || g, 'Family' || g, 'e' || g || '@example.com', 'ACTIVE',
            CASE WHEN g % 3 = 0 THEN 'REMOTE' ELSE 'OFFICE' END, 'NL',
            (SELECT id FROM department ORDER BY cost_center OFFSET (g % 20) LIMIT 1),
            CASE WHEN g % 20 = 0 THEN DATE '2026-06-16' ELSE DATE '2024-07-01' + (g % 600) END,
            CASE WHEN g % 50 = 1 THEN DATE '2026-06-20' END
     FROM generate_series(1, $1) g`,
    [EMPLOYEES],
  );
  await db.query(
    `INSERT INTO contract_version (employee_id, monthly_salary, currency, fte, weekly_hours, start_date, end_date)
     SELECT id, 2500 + (abs(hashtext(id::text)) % 5000), 'EUR', CASE WHEN abs(hashtext(id::text)) % 4 = 0 THEN 0.8 ELSE 1 END, 40,
            start_date, CASE WHEN abs(hashtext(id::text)) % 10 = 0 AND start_date < DATE '2026-06-11' THEN DATE '2026-06-10' ELSE end_date END
     FROM employee`,
  );
  await db.query(
    `INSERT INTO contract_version (employee_id, monthly_salary, currency, fte, weekly_hours, start_date, end_date)
     SELECT id, 2800 + (abs(hashtext(id::text)) % 5000), 'EUR', 1, 40, DATE '2026-06-11', end_date
     FROM employee WHERE abs(hashtext(id::text)) % 10 = 0 AND start_date < DATE '2026-06-11'`,
  );
  await db.query(
    `INSERT INTO allowance (employee_id, kind, monthly_amount, currency, valid_from, valid_to)
     SELECT id, 'REMOTE_WORK', 50, 'EUR', start_date, end_date FROM employee WHERE work_location = 'REMOTE'`,
  );
  await db.query('ANALYZE');

  const created = await callSubgraph(
    hr.url,
    `mutation { createPayrollRun(period: "${PERIOD}") { id } }`,
    {},
    asPayroll,
  );
  const runId = created.data.createPayrollRun.id as string;
  const rules = loadPayrollRules(config.WITHHOLDING_TABLE_PATH, config.PENSION_EMPLOYEE_RATE);

  const ours: number[] = [];
  const baseline: number[] = [];
  let payslips = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const r = await callSubgraph(
      hr.url,
      'mutation($id: ID!) { calculatePayrollRun(id: $id) { totalGross } }',
      { id: runId },
      asPayroll,
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    ours.push(performance.now() - t);
    payslips = Number(
      (await db.query('SELECT count(*) AS n FROM payslip WHERE payroll_run_id = $1', [runId]))[0].n,
    );

    // Baseline: the same rules, but one employee at a time against the database (2 reads + 1 write each).
    t = performance.now();
    await db.transaction(async (em) => {
      await em.query('DELETE FROM payslip WHERE payroll_run_id = $1', [runId]);
      const people = await em.query(
        `SELECT e.id, e.start_date, e.end_date, d.cost_center FROM employee e JOIN department d ON d.id = e.department_id
         WHERE e.start_date <= '2026-06-30' AND (e.end_date IS NULL OR e.end_date >= '2026-06-01')`,
      );
      for (const p of people) {
        const contracts = await em.query(
          'SELECT * FROM contract_version WHERE employee_id = $1 ORDER BY start_date',
          [p.id],
        );
        const allowances = await em.query('SELECT * FROM allowance WHERE employee_id = $1', [p.id]);
        const slip = calculatePayslip({
          employee: {
            employeeId: p.id,
            costCenter: p.cost_center,
            startDate: p.start_date,
            endDate: p.end_date,
            contracts: contracts.map((c: any) => ({
              monthlySalary: c.monthly_salary,
              currency: c.currency,
              fte: c.fte,
              weeklyHours: c.weekly_hours,
              startDate: c.start_date,
              endDate: c.end_date,
            })),
            allowances: allowances.map((a: any) => ({
              kind: a.kind,
              monthlyAmount: a.monthly_amount,
              currency: a.currency,
              validFrom: a.valid_from,
              validTo: a.valid_to,
            })),
          },
          period: PERIOD,
          rules,
        });
        if (!slip) continue;
        await em.query(
          `INSERT INTO payslip (payroll_run_id, employee_id, cost_center, currency, days_paid, days_in_period, gross, allowances, pension_employee, wage_withholding, deductions, net, lines)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            runId,
            slip.employeeId,
            slip.costCenter,
            slip.currency,
            slip.daysPaid,
            slip.daysInPeriod,
            slip.gross,
            slip.allowances,
            slip.pensionEmployee,
            slip.wageWithholding,
            slip.deductions,
            slip.net,
            JSON.stringify(slip.lines),
          ],
        );
      }
    });
    baseline.push(performance.now() - t);
    console.log(
      `run ${i + 1}: set-wise ${Math.round(ours[i])} ms, one-at-a-time ${Math.round(baseline[i])} ms`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const oursMs = median(ours);
  const baseMs = median(baseline);
  writeResult('payroll', {
    employees: EMPLOYEES,
    payslips,
    runs: RUNS,
    setWiseMs: ours.map(Math.round),
    oneAtATimeMs: baseline.map(Math.round),
    medianSetWiseMs: Math.round(oursMs),
    medianOneAtATimeMs: Math.round(baseMs),
    employeesPerSecond: Math.round(payslips / (oursMs / 1000)),
  });
  console.log(
    `payroll for ${payslips} payslips: set-wise ${(oursMs / 1000).toFixed(2)} s (${Math.round(payslips / (oursMs / 1000))} employees/s), one at a time ${(baseMs / 1000).toFixed(2)} s`,
  );
  console.log(`ratio: payroll_setwise_speedup=${(baseMs / oursMs).toFixed(2)}`);
} finally {
  await run.cleanup();
}
