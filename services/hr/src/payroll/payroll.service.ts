import fs from 'node:fs';
import {
  type ServiceContext,
  badInput,
  conflict,
  forbidden,
  groupByKeys,
  hasRole,
  isSelf,
  recordEvents,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { fromDay, parsePeriod } from '../contracts/calendar.js';
import { assertMayFinalize } from '../duties/duties.rules.js';
import { payDataHandsFor } from '../duties/pay-data-change.js';
import { PayrollRun, PayslipRow } from './payroll.entity.js';
import type { RulePack } from '../rule-packs/rule-pack.js';
import type { CountryPaySettings } from './country-pay.js';
import type { NlPremiumSettings } from './nl-payslip.js';
import { Money } from './money.js';
import { type PayrollEmployee, type PayrollRules, type Payslip, payrollRules } from './payroll.rules.js';
import {
  payrollRunCalculated,
  payrollRunCreated,
  payrollRunFinalized,
  payslipIssued,
} from './payroll.events.js';
import { calculatePayrollRun } from './payroll-run.js';

export function loadPayrollRules(
  withholdingTablePath: string,
  pensionEmployeeRate: string,
  country?: {
    packs: ReadonlyMap<string, RulePack>;
    pay: Partial<CountryPaySettings>;
    nlPremiums?: Partial<NlPremiumSettings>;
  },
): PayrollRules {
  return payrollRules({
    withholdingBrackets: JSON.parse(fs.readFileSync(withholdingTablePath, 'utf8')),
    pensionEmployeeRate,
    packs: country?.packs,
    countryPay: country?.pay,
    nlPremiums: country?.nlPremiums,
  });
}

/** A decimal setting from config, or null when unset. */
export const optionalAmount = (value: string | undefined) => (value ? new Money(value) : null);

/**
 * Payroll runs: DRAFT -> CALCULATED -> FINALIZED. Calculation is set-wise: three queries load every
 * employee, contract version and allowance of the period, the rules compute in memory, and one
 * INSERT stores all payslips; nothing is done one employee at a time against the database.
 */
export class PayrollService {
  constructor(
    private readonly db: DataSource,
    private readonly rules: PayrollRules,
    /** Four eyes on finalizing (PAYROLL_FOUR_EYES); off only when the company says so. */
    private readonly fourEyes = true,
  ) {}

  find(id: string): Promise<PayrollRun | null> {
    return isUuid(id) ? this.db.getRepository(PayrollRun).findOneBy({ id }) : Promise.resolve(null);
  }

  list(period?: string | null): Promise<PayrollRun[]> {
    if (period) parsePeriod(period);
    return this.db
      .getRepository(PayrollRun)
      .find({ where: period ? { period } : {}, order: { period: 'DESC', createdAt: 'DESC' } });
  }

  payslipsOf(ctx: ServiceContext, run: PayrollRun): Promise<PayslipRow[]> {
    return ctx.loaders
      .get<string, PayslipRow[]>('payslips-by-run', async (ids) => {
        const rows = await this.db
          .getRepository(PayslipRow)
          .createQueryBuilder('p')
          .where('p.payroll_run_id = ANY(:ids)', { ids })
          .getMany();
        return groupByKeys(ids, rows, (p) => p.payrollRunId);
      })
      .load(run.id);
  }

  /** Finalized payslips of one employee, newest first: payroll, hr, or the employee themself. */
  async payslipsOfEmployee(
    ctx: ServiceContext,
    employeeId: string,
  ): Promise<(PayslipRow & { period: string })[]> {
    if (!hasRole(ctx, 'payroll', 'hr') && !isSelf(ctx, employeeId))
      throw forbidden('payslips are for payroll, hr and the employee themself');
    return this.db.query(
      `SELECT p.id, p.payroll_run_id AS "payrollRunId", p.employee_id AS "employeeId", p.cost_center AS "costCenter", p.currency,
              p.days_paid AS "daysPaid", p.days_in_period AS "daysInPeriod", p.gross, p.allowances,
              p.pension_employee AS "pensionEmployee", p.wage_withholding AS "wageWithholding", p.deductions, p.net, p.lines, r.period
       FROM payslip p JOIN payroll_run r ON r.id = p.payroll_run_id
       WHERE p.employee_id = $1 AND r.status = 'FINALIZED' ORDER BY r.period DESC`,
      [employeeId],
    );
  }

  async create(ctx: ServiceContext, period: string): Promise<PayrollRun> {
    parsePeriod(period);
    return this.db.transaction(async (em) => {
      // Serialise run creation per period so two clicks cannot make two drafts.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`payroll:${period}`]);
      const existing = await em.findOneBy(PayrollRun, { period });
      if (existing?.status === 'FINALIZED')
        throw conflict(`payroll for ${period} is already finalized (run ${existing.id})`);
      if (existing)
        throw conflict(
          `payroll for ${period} already has an open run ${existing.id}; calculate or finalize that one`,
        );
      const run = await em.save(
        em.create(PayrollRun, {
          period,
          status: 'DRAFT',
          totalGross: '0',
          totalAllowances: '0',
          totalDeductions: '0',
          totalNet: '0',
          createdBy: ctx.identity.userId,
        }),
      );
      await recordEvents(em, payrollRunCreated(run, ctx.identity));
      return run;
    });
  }

  async calculate(ctx: ServiceContext, id: string): Promise<PayrollRun> {
    return this.db.transaction(async (em) => {
      const run = await lockById(em, PayrollRun, id);
      if (run.status === 'FINALIZED')
        throw conflict(`payroll run ${id} is finalized and cannot be recalculated`);
      const employees = await this.loadEmployees(em, run.period);
      const result = calculatePayrollRun(employees, run.period, this.rules);
      await em.query('DELETE FROM payslip WHERE payroll_run_id = $1', [run.id]);
      await this.insertPayslips(em, run.id, result.payslips);
      run.status = 'CALCULATED';
      run.currency = result.currency;
      run.totalGross = result.totals.gross;
      run.totalAllowances = result.totals.allowances;
      run.totalDeductions = result.totals.deductions;
      run.totalNet = result.totals.net;
      run.calculatedAt = new Date();
      // Whose hands were on these figures: they do not finalize them (duties.rules).
      run.calculatedBy = ctx.identity.userId;
      const month = parsePeriod(run.period);
      const hands = await payDataHandsFor(
        em,
        employees.map((e) => e.employeeId),
        { period: run.period, firstDay: fromDay(month.firstDay), lastDay: fromDay(month.lastDay) },
      );
      run.lastPayDataChangeBy = hands.lastPayDataChangeBy;
      run.payDataChangedBy = hands.payDataChangedBy;
      await em.save(run);
      await recordEvents(em, payrollRunCalculated(run, result.payslips.length, ctx.identity));
      return run;
    });
  }

  async finalize(ctx: ServiceContext, id: string): Promise<PayrollRun> {
    return this.db.transaction(async (em) => {
      const run = await lockById(em, PayrollRun, id);
      if (run.status === 'FINALIZED') throw conflict(`payroll run ${id} is already finalized`);
      if (run.status === 'DRAFT') throw badInput('calculate the run before finalizing it', 'id');
      const other = await em.findOneBy(PayrollRun, { period: run.period, status: 'FINALIZED' });
      if (other) throw conflict(`payroll for ${run.period} is already finalized (run ${other.id})`);
      assertMayFinalize(ctx.identity, run, this.fourEyes);
      const payslips = await em.find(PayslipRow, { where: { payrollRunId: run.id } });
      run.status = 'FINALIZED';
      run.finalizedAt = new Date();
      run.finalizedBy = ctx.identity.userId;
      run.fourEyes = this.fourEyes;
      await em.save(run);
      await recordEvents(em, payrollRunFinalized(run, payslips, ctx.identity));
      // Each payslip as a PDF for the employee, filed by documents: in the same transaction as the run.
      const holders: { id: string; name: string; wage_tax_credit: boolean; wage_tax_table: string }[] =
        await em.query(
          `SELECT id, given_name || ' ' || family_name AS name, wage_tax_credit, wage_tax_table
             FROM employee WHERE id = ANY($1::uuid[])`,
          [payslips.map((p) => p.employeeId)],
        );
      const holderOf = new Map(holders.map((h) => [h.id, h]));
      const issued = payslips.flatMap((row) => {
        const h = holderOf.get(row.employeeId);
        const holder = h && {
          name: h.name,
          wageTaxCredit: h.wage_tax_credit,
          wageTaxTable: h.wage_tax_table,
        };
        return holder ? [payslipIssued(run, row, holder, ctx.identity)] : [];
      });
      await recordEvents(em, ...issued);
      return run;
    });
  }

  /** Everyone employed on any day of the period, with their contracts and allowances: three queries. */
  private async loadEmployees(em: EntityManager, period: string): Promise<PayrollEmployee[]> {
    const month = parsePeriod(period);
    const first = fromDay(month.firstDay);
    const last = fromDay(month.lastDay);
    const people: {
      id: string;
      start_date: string;
      end_date: string | null;
      cost_center: string;
      work_country: string;
      wage_tax_credit: boolean;
      wage_tax_table: 'WHITE' | 'GREEN';
      date_of_birth: string | null;
    }[] = await em.query(
      `SELECT e.id, e.start_date, e.end_date, d.cost_center, e.work_country, e.wage_tax_credit, e.wage_tax_table,
              e.date_of_birth FROM employee e JOIN department d ON d.id = e.department_id
       WHERE e.start_date <= $2 AND (e.end_date IS NULL OR e.end_date >= $1) ORDER BY e.id`,
      [first, last],
    );
    const contracts: {
      employee_id: string;
      monthly_salary: string;
      currency: string;
      fte: string;
      weekly_hours: string;
      start_date: string;
      end_date: string | null;
      holiday_allowance_monthly: boolean;
    }[] = await em.query(
      `SELECT employee_id, monthly_salary, currency, fte, weekly_hours, start_date, end_date, holiday_allowance_monthly
         FROM contract_version
         WHERE start_date <= $2 AND (end_date IS NULL OR end_date >= $1) ORDER BY employee_id, start_date`,
      [first, last],
    );
    const allowances: {
      employee_id: string;
      kind: 'REMOTE_WORK' | 'TRAVEL' | 'OTHER';
      monthly_amount: string;
      currency: string;
      valid_from: string;
      valid_to: string | null;
    }[] = await em.query(
      `SELECT employee_id, kind, monthly_amount, currency, valid_from, valid_to FROM allowance
         WHERE valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $1) ORDER BY employee_id, valid_from`,
      [first, last],
    );
    // The period's registered workdays, summed per employee, within the employment only.
    const workdays: { employee_id: string; home_days: number; office_days: number; commute_km: string }[] =
      await em.query(
        `SELECT w.employee_id, count(*) FILTER (WHERE w.kind = 'HOME')::int AS home_days,
                count(*) FILTER (WHERE w.kind = 'OFFICE')::int AS office_days,
                coalesce(sum(w.commute_km) FILTER (WHERE w.kind = 'OFFICE'), 0)::text AS commute_km
           FROM workday w JOIN employee e ON e.id = w.employee_id
          WHERE w.date BETWEEN $1 AND $2 AND w.date >= e.start_date AND (e.end_date IS NULL OR w.date <= e.end_date)
          GROUP BY w.employee_id`,
        [first, last],
      );
    // Holiday allowance reserved on finalized payslips of earlier periods and not yet paid out.
    const reserves: { employee_id: string; reserve: string }[] = await em.query(
      `SELECT p.employee_id,
              sum(CASE WHEN l->>'code' = 'HOLIDAY_ALLOWANCE_RESERVED' THEN (l->>'amount')::numeric
                       ELSE -(l->>'amount')::numeric END)::text AS reserve
         FROM payslip p JOIN payroll_run r ON r.id = p.payroll_run_id, jsonb_array_elements(p.lines) AS l
        WHERE r.status = 'FINALIZED' AND r.period < $1
          AND l->>'code' IN ('HOLIDAY_ALLOWANCE_RESERVED', 'HOLIDAY_ALLOWANCE')
        GROUP BY p.employee_id`,
      [period],
    );
    const ids = people.map((p) => p.id);
    const contractsOf = groupByKeys(ids, contracts, (c) => c.employee_id);
    const allowancesOf = groupByKeys(ids, allowances, (a) => a.employee_id);
    const workdaysOf = groupByKeys(ids, workdays, (w) => w.employee_id);
    const reserveOf = groupByKeys(ids, reserves, (r) => r.employee_id);
    return people.map((p, i) => ({
      employeeId: p.id,
      costCenter: p.cost_center,
      startDate: p.start_date,
      endDate: p.end_date,
      country: p.work_country,
      wageTaxCredit: p.wage_tax_credit,
      wageTaxTable: p.wage_tax_table,
      dateOfBirth: p.date_of_birth,
      // The version in force at the period's end decides how the holiday allowance is paid.
      holidayAllowanceMonthly: contractsOf[i].at(-1)?.holiday_allowance_monthly ?? false,
      holidayAllowanceReserve: reserveOf[i][0]?.reserve ?? '0',
      workdays: workdaysOf[i][0]
        ? {
            homeDays: workdaysOf[i][0].home_days,
            officeDays: workdaysOf[i][0].office_days,
            commuteKm: workdaysOf[i][0].commute_km,
          }
        : null,
      contracts: contractsOf[i].map((c) => ({
        monthlySalary: c.monthly_salary,
        currency: c.currency,
        fte: c.fte,
        weeklyHours: c.weekly_hours,
        startDate: c.start_date,
        endDate: c.end_date,
      })),
      allowances: allowancesOf[i].map((a) => ({
        kind: a.kind,
        monthlyAmount: a.monthly_amount,
        currency: a.currency,
        validFrom: a.valid_from,
        validTo: a.valid_to,
      })),
    }));
  }

  /** All payslips in one statement, however many. */
  private async insertPayslips(
    em: EntityManager,
    runId: string,
    payslips: readonly Payslip[],
  ): Promise<void> {
    if (payslips.length === 0) return;
    const col = <T>(f: (p: Payslip) => T) => payslips.map(f);
    await em.query(
      `INSERT INTO payslip (payroll_run_id, employee_id, cost_center, currency, days_paid, days_in_period, gross, allowances,
                            pension_employee, wage_withholding, deductions, net, lines)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::numeric[], $8::numeric[],
                                $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::jsonb[])`,
      [
        runId,
        col((p) => p.employeeId),
        col((p) => p.costCenter),
        col((p) => p.currency),
        col((p) => p.daysPaid),
        col((p) => p.daysInPeriod),
        col((p) => p.gross),
        col((p) => p.allowances),
        col((p) => p.pensionEmployee),
        col((p) => p.wageWithholding),
        col((p) => p.deductions),
        col((p) => p.net),
        col((p) => JSON.stringify(p.lines)),
      ],
    );
  }
}
