import {
  type ServiceContext,
  badInput,
  groupByKeys,
  recordEvents,
  requireRole,
  isUuid,
  lockById,
} from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays } from '../contracts/calendar.js';
import { allowanceSet } from './allowance.events.js';
import { assertNotOwnPayData } from '../duties/duties.rules.js';
import { recordPayDataChange } from '../duties/pay-data-change.js';
import { Employee } from '../employees/employee.entity.js';
import type { EmployeeService } from '../employees/employee.service.js';
import { type AllowanceKind, ALLOWANCE_KINDS } from '../payroll/payroll.rules.js';
import { Allowance } from './allowance.entity.js';

const firstOfThisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;

export class AllowanceService {
  constructor(
    private readonly db: DataSource,
    private readonly employees: EmployeeService,
  ) {}

  forEmployee(ctx: ServiceContext, employeeId: string): Promise<Allowance[]> {
    this.employees.assertMaySeePay(ctx, employeeId);
    return ctx.loaders
      .get<string, Allowance[]>('allowances', async (ids) => {
        const rows = await this.db
          .getRepository(Allowance)
          .createQueryBuilder('a')
          .where('a.employee_id = ANY(:ids)', { ids: ids.filter(isUuid) })
          .orderBy('a.valid_from')
          .getMany();
        return groupByKeys(ids, rows, (a) => a.employeeId);
      })
      .load(employeeId);
  }

  async set(
    ctx: ServiceContext,
    args: {
      employeeId: string;
      kind: AllowanceKind;
      monthlyAmount: string;
      currency: string;
      validFrom?: string | null;
    },
  ): Promise<Allowance> {
    requireRole(ctx, 'hr', 'payroll');
    assertNotOwnPayData(ctx.identity, args.employeeId, 'allowance');
    if (!ALLOWANCE_KINDS.includes(args.kind))
      throw badInput(`kind must be one of ${ALLOWANCE_KINDS.join(', ')}`, 'kind');
    const amount = new Decimal(args.monthlyAmount);
    if (amount.isNegative()) throw badInput('monthlyAmount cannot be negative', 'monthlyAmount');
    if (amount.decimalPlaces() > 2) throw badInput('monthlyAmount has at most 2 decimals', 'monthlyAmount');
    const currency = args.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency))
      throw badInput('currency must be an ISO 4217 code such as EUR', 'currency');
    const validFrom = args.validFrom ?? firstOfThisMonth();
    return this.db.transaction(async (em) => {
      const employee = await lockById(em, Employee, args.employeeId, { field: 'employeeId' });
      if (employee.endDate && validFrom > employee.endDate)
        throw badInput(`the employee left on ${employee.endDate}`, 'validFrom');
      const validTo = employee.endDate;
      // Later rows of this kind are replaced; the one in force ends the day before.
      await em.query('DELETE FROM allowance WHERE employee_id = $1 AND kind = $2 AND valid_from >= $3', [
        employee.id,
        args.kind,
        validFrom,
      ]);
      await em.query(
        'UPDATE allowance SET valid_to = $3 WHERE employee_id = $1 AND kind = $2 AND (valid_to IS NULL OR valid_to >= $4)',
        [employee.id, args.kind, addDays(validFrom, -1), validFrom],
      );
      await recordPayDataChange(em, ctx, employee.id, 'allowance', validFrom);
      await recordEvents(em, allowanceSet(employee.id, args.kind, validFrom, amount.isZero(), ctx.identity));
      if (amount.isZero()) {
        // Zero ends the allowance: the answer is the row that now ends the day before validFrom.
        const ended = await em.findOneBy(Allowance, {
          employeeId: employee.id,
          kind: args.kind,
          validTo: addDays(validFrom, -1),
        });
        if (!ended)
          throw badInput(
            `there is no ${args.kind} allowance in force on ${validFrom} to end`,
            'monthlyAmount',
          );
        return ended;
      }
      return em.save(
        em.create(Allowance, {
          employeeId: employee.id,
          kind: args.kind,
          monthlyAmount: amount.toFixed(2),
          currency,
          validFrom,
          validTo,
          createdBy: ctx.identity.userId,
        }),
      );
    });
  }
}

/** Allowances end with employment, in the termination's transaction: none is paid after endDate. */
export async function endAllowancesWithEmployment(
  em: EntityManager,
  employeeId: string,
  endDate: string,
): Promise<void> {
  await em.query(
    'UPDATE allowance SET valid_to = $2 WHERE employee_id = $1 AND (valid_to IS NULL OR valid_to > $2)',
    [employeeId, endDate],
  );
  await em.query('DELETE FROM allowance WHERE employee_id = $1 AND valid_from > $2', [employeeId, endDate]);
}
