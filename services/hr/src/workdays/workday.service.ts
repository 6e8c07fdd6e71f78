import {
  type ServiceContext,
  conflict,
  forbidden,
  hasRole,
  isSelf,
  recordEvents,
  lockById,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { fromDay, parsePeriod } from '../contracts/calendar.js';
import { workdayRegistered } from './workday.events.js';
import { Employee } from '../employees/employee.entity.js';
import type { EmployeeService } from '../employees/employee.service.js';
import { today } from '../employees/employee.service.js';
import { Workday, type WorkdayKind } from './workday.entity.js';
import { checkWorkday } from './workday.rules.js';

/** The per-day register of home-working and office days that payroll pays allowances from. */
export class WorkdayService {
  constructor(
    private readonly db: DataSource,
    private readonly employees: EmployeeService,
  ) {}

  async list(
    ctx: ServiceContext,
    employeeId: string,
    from?: string | null,
    to?: string | null,
  ): Promise<Workday[]> {
    this.employees.assertMaySeePay(ctx, employeeId);
    const month = parsePeriod(today().slice(0, 7));
    return this.db
      .getRepository(Workday)
      .createQueryBuilder('w')
      .where('w.employee_id = :employeeId', { employeeId })
      .andWhere('w.date BETWEEN :from AND :to', {
        from: from ?? fromDay(month.firstDay),
        to: to ?? fromDay(month.lastDay),
      })
      .orderBy('w.date')
      .getMany();
  }

  async register(
    ctx: ServiceContext,
    args: { employeeId: string; date: string; kind: WorkdayKind; commuteKm?: string | null },
  ): Promise<Workday> {
    if (!hasRole(ctx, 'hr', 'payroll') && !isSelf(ctx, args.employeeId))
      throw forbidden('an employee registers their own workdays; hr and payroll anyone’s');
    return this.db.transaction(async (em) => {
      // The employee row lock serialises registrations of one employee, so a day cannot be taken both ways.
      const employee = await lockById(em, Employee, args.employeeId, { field: 'employeeId' });
      const existing = await em.findOneBy(Workday, { employeeId: employee.id, date: args.date });
      const day = checkWorkday(args, employee, existing);
      const [finalized] = await em.query(
        `SELECT id FROM payroll_run WHERE period = $1 AND status = 'FINALIZED'`,
        [day.date.slice(0, 7)],
      );
      if (finalized)
        throw conflict(
          `payroll for ${day.date.slice(0, 7)} is finalized; its workdays are paid as registered`,
        );
      const now = new Date();
      const row = await em.save(
        em.create(Workday, {
          employeeId: employee.id,
          date: day.date,
          kind: day.kind,
          commuteKm: day.commuteKm,
          registeredBy: existing?.registeredBy ?? ctx.identity.userId,
          registeredAt: existing?.registeredAt ?? now,
          updatedAt: now,
        }),
      );
      await recordEvents(em, workdayRegistered(employee.id, day, existing !== null, ctx.identity));
      return row;
    });
  }
}
