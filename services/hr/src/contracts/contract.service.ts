import {
  type ServiceContext,
  badInput,
  groupByKeys,
  recordEvents,
  requireRole,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { assertNotOwnPayData } from '../duties/duties.rules.js';
import { recordPayDataChange } from '../duties/pay-data-change.js';
import { Employee } from '../employees/employee.entity.js';
import { contractChanged } from '../employees/employee.events.js';
import { ContractVersionRow } from './contract.entity.js';
import { type ContractVersion, applyContractChange, contractOn } from './contract.rules.js';
import type { ContractInput } from '../generated/graphql.js';

const today = (): string => new Date().toISOString().slice(0, 10);
const weeklyHoursOf = (v: Pick<ContractVersion, 'fte' | 'weeklyHours'>) =>
  String(v.weeklyHours ?? Number((40 * Number(v.fte)).toFixed(2)));

/**
 * An employee's contract versions: the only writer of contract_version. Every write is pay data, so it
 * is recorded for the four-eyes rule on payroll runs, and nobody changes their own contract.
 */
export class ContractService {
  constructor(private readonly db: DataSource) {}

  versions(ctx: ServiceContext, employeeId: string): Promise<ContractVersionRow[]> {
    return ctx.loaders
      .get<string, ContractVersionRow[]>('contracts', async (ids) => {
        const rows = await this.db
          .getRepository(ContractVersionRow)
          .createQueryBuilder('c')
          .where('c.employee_id = ANY(:ids)', { ids })
          .orderBy('c.start_date')
          .getMany();
        return groupByKeys(ids, rows, (c) => c.employeeId);
      })
      .load(employeeId);
  }

  /** The version in force today, or the first one for someone who has not started yet. */
  async today(ctx: ServiceContext, employee: Employee): Promise<ContractVersionRow | null> {
    const versions = await this.versions(ctx, employee.id);
    return contractOn(versions, today()) ?? (employee.startDate > today() ? (versions[0] ?? null) : null);
  }

  /** A raise or any change of terms: a new version from startDate; the one before ends the day before. */
  async change(
    ctx: ServiceContext,
    employeeId: string,
    change: ContractInput & { startDate: string },
  ): Promise<Employee> {
    requireRole(ctx, 'hr');
    assertNotOwnPayData(ctx.identity, employeeId, 'contract');
    return this.db.transaction(async (em) => {
      const employee = await lockById(em, Employee, employeeId);
      if (employee.status === 'TERMINATED' && employee.endDate && change.startDate > employee.endDate) {
        throw badInput(
          `the employee left on ${employee.endDate}; a change from ${change.startDate} cannot apply`,
          'startDate',
        );
      }
      if (change.startDate < employee.startDate)
        throw badInput('a contract change cannot start before employment', 'startDate');
      const current = await em.find(ContractVersionRow, {
        where: { employeeId },
        order: { startDate: 'ASC' },
      });
      const next = applyContractChange(current, {
        startDate: change.startDate,
        monthlySalary: change.monthlySalary,
        currency: change.currency,
        fte: change.fte,
        weeklyHours: change.weeklyHours ?? null,
      });
      // The new version keeps the holiday allowance terms of the one in force unless the change says.
      const inForce = contractOn(current, change.startDate);
      const monthly = change.holidayAllowanceMonthly ?? inForce?.holidayAllowanceMonthly ?? false;
      await em.delete(ContractVersionRow, { employeeId });
      await em.save(
        next.map((v) =>
          em.create(ContractVersionRow, {
            holidayAllowanceMonthly:
              'holidayAllowanceMonthly' in v ? (v as ContractVersionRow).holidayAllowanceMonthly : monthly,
            employeeId,
            monthlySalary: String(v.monthlySalary),
            currency: String(v.currency).toUpperCase(),
            fte: String(v.fte),
            weeklyHours: weeklyHoursOf(v),
            startDate: v.startDate,
            endDate: v.endDate,
          }),
        ),
      );
      await recordPayDataChange(em, ctx, employeeId, 'contract', change.startDate);
      await recordEvents(em, contractChanged(employee, change.startDate, ctx.identity));
      return employee;
    });
  }
}

/** The contract someone is hired on, inside the hire's transaction. */
export async function firstContract(
  em: EntityManager,
  ctx: ServiceContext,
  employeeId: string,
  contract: ContractVersion,
  holidayAllowanceMonthly: boolean,
): Promise<void> {
  await em.save(
    em.create(ContractVersionRow, {
      employeeId,
      monthlySalary: String(contract.monthlySalary),
      currency: String(contract.currency).toUpperCase(),
      fte: String(contract.fte),
      weeklyHours: weeklyHoursOf(contract),
      holidayAllowanceMonthly,
      startDate: contract.startDate,
      endDate: null,
    }),
  );
  await recordPayDataChange(em, ctx, employeeId, 'contract', contract.startDate);
}

/** Contracts end with employment: versions starting later go, the one in force ends on endDate. */
export async function endContractsWithEmployment(
  em: EntityManager,
  ctx: ServiceContext,
  employeeId: string,
  endDate: string,
): Promise<void> {
  await em.query('DELETE FROM contract_version WHERE employee_id = $1 AND start_date > $2', [
    employeeId,
    endDate,
  ]);
  await em.query(
    'UPDATE contract_version SET end_date = $2 WHERE employee_id = $1 AND (end_date IS NULL OR end_date > $2)',
    [employeeId, endDate],
  );
  await recordPayDataChange(em, ctx, employeeId, 'contract', endDate);
}
