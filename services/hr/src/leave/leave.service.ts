import {
  type ServiceContext,
  badInput,
  forbidden,
  hasRole,
  isSelf,
  notFound,
  recordEvents,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { contractOn } from '../contracts/contract.rules.js';
import { ContractVersionRow } from '../contracts/contract.entity.js';
import { Employee } from '../employees/employee.entity.js';
import { today } from '../employees/employee.service.js';
import { type RulePack, ruleAmount, rulesOn } from '../rule-packs/rule-pack.js';
import { leaveBalance, type LeaveBalance } from './leave-balance.js';
import { leaveCancelled, leaveDecided, leaveRequested } from './leave.events.js';
import { type LeaveBucket, leaveBuckets } from './leave-buckets.js';
import { LeaveRequest } from './leave.entity.js';
import { cancelLeaveRequest, decideLeaveRequest, validateLeaveRequest } from './leave.rules.js';
import { normaliseText } from '../employees/employee.rules.js';
import type { RequestLeaveInput } from '../generated/graphql.js';

/**
 * Leave requests. Who may do what: the employee requests and cancels their own; hr for anyone; the
 * employee's manager or hr decides, never the requester (the rule itself refuses self-decisions).
 */
export class LeaveService {
  constructor(
    private readonly db: DataSource,
    private readonly entitlementDays: number,
    private readonly packs: ReadonlyMap<string, RulePack> = new Map(),
  ) {}

  private async employee(em: EntityManager, id: string): Promise<Employee> {
    const employee = isUuid(id) ? await em.findOneBy(Employee, { id }) : null;
    if (!employee) throw notFound('Employee', id);
    return employee;
  }

  /** The employee, their manager, or hr/payroll may see someone's leave. */
  private async assertMaySee(ctx: ServiceContext, employee: Employee): Promise<void> {
    if (hasRole(ctx, 'hr', 'payroll') || isSelf(ctx, employee.id)) return;
    if (ctx.identity.employeeId && employee.managerId === ctx.identity.employeeId) return;
    throw forbidden('leave is for the employee, their manager and hr');
  }

  private async fte(em: EntityManager, employeeId: string, date: string): Promise<string> {
    const versions = await em.find(ContractVersionRow, {
      where: { employeeId },
      order: { startDate: 'ASC' },
    });
    const c = contractOn(versions, date) ?? versions.at(-1);
    return c?.fte ?? '1';
  }

  async balance(
    ctx: ServiceContext,
    employeeId: string,
    year?: number | null,
  ): Promise<LeaveBalance & { buckets: LeaveBucket[] }> {
    const employee = await this.employee(this.db.manager, employeeId);
    await this.assertMaySee(ctx, employee);
    const y = year ?? Number(today().slice(0, 4));
    if (!Number.isInteger(y) || y < 1900 || y > 2200) throw badInput('year is out of range', 'year');
    const requests = await this.db.getRepository(LeaveRequest).find({ where: { employeeId } });
    const balance = leaveBalance({
      entitlementDays: this.entitlementDays,
      fte: await this.fte(this.db.manager, employeeId, `${y}-07-01`),
      employmentStart: employee.startDate,
      employmentEnd: employee.endDate,
      year: y,
      approvedRequests: requests.filter((r) => r.status === 'APPROVED'),
      pendingRequests: requests.filter((r) => r.status === 'PENDING'),
      asOf: today(),
    });
    return { ...balance, buckets: await this.buckets(employee, y, requests) };
  }

  /** Statutory and extra hours per year with their expiry, when the employee's country pack has leave rules. */
  private async buckets(employee: Employee, year: number, requests: LeaveRequest[]): Promise<LeaveBucket[]> {
    const pack = this.packs.get(employee.workCountry);
    if (!pack) return [];
    const rules = [rulesOn(pack, `${year}-12-31`), rulesOn(pack, today())].find((r) =>
      r.get('leave.statutoryWeeksPerYear'),
    );
    if (!rules) return [];
    const contracts = await this.db.getRepository(ContractVersionRow).find({
      where: { employeeId: employee.id },
      order: { startDate: 'ASC' },
    });
    return leaveBuckets({
      rules: {
        statutoryWeeks: ruleAmount(rules, 'leave.statutoryWeeksPerYear'),
        statutoryExpiryMonths: ruleAmount(rules, 'leave.statutoryExpiryMonths').toNumber(),
        extraExpiryYears: ruleAmount(rules, 'leave.extraExpiryYears').toNumber(),
        annualLeaveDays: this.entitlementDays,
      },
      contracts,
      employmentStart: employee.startDate,
      employmentEnd: employee.endDate,
      requests: requests.filter(
        (r) => r.type === 'ANNUAL' && (r.status === 'APPROVED' || r.status === 'PENDING'),
      ),
      year,
      asOf: today(),
    });
  }

  async ofEmployee(ctx: ServiceContext, employeeId: string): Promise<LeaveRequest[]> {
    const employee = await this.employee(this.db.manager, employeeId);
    await this.assertMaySee(ctx, employee);
    return this.db.getRepository(LeaveRequest).find({ where: { employeeId }, order: { startDate: 'DESC' } });
  }

  async list(
    ctx: ServiceContext,
    filter: { employeeId?: string | null; status?: string | null; toDecide?: boolean | null },
  ): Promise<LeaveRequest[]> {
    const qb = this.db
      .getRepository(LeaveRequest)
      .createQueryBuilder('l')
      .innerJoin(Employee, 'e', 'e.id = l.employee_id');
    if (!hasRole(ctx, 'hr', 'payroll')) {
      // Row-level rule: your own requests and your reports', nobody else's.
      const me = ctx.identity.employeeId;
      if (!me) return [];
      qb.andWhere('(l.employee_id = :me OR e.manager_id = :me)', { me });
    }
    if (filter.employeeId)
      qb.andWhere('l.employee_id::text = :employeeId', { employeeId: filter.employeeId });
    if (filter.status) qb.andWhere('l.status = :status', { status: filter.status });
    if (filter.toDecide) {
      qb.andWhere(`l.status = 'PENDING'`).andWhere('l.requested_by <> :user', {
        user: ctx.identity.userId ?? '',
      });
      if (ctx.identity.employeeId) qb.andWhere('l.employee_id <> :self', { self: ctx.identity.employeeId });
      if (!hasRole(ctx, 'hr'))
        qb.andWhere('e.manager_id = :mgr', {
          mgr: ctx.identity.employeeId ?? '00000000-0000-0000-0000-000000000000',
        });
    }
    return qb.orderBy('l.start_date', 'DESC').limit(500).getMany();
  }

  async request(ctx: ServiceContext, input: RequestLeaveInput): Promise<LeaveRequest> {
    const employeeId = input.employeeId ?? ctx.identity.employeeId;
    if (!employeeId) throw badInput('employeeId is required when your token names no employee', 'employeeId');
    if (!hasRole(ctx, 'hr') && !isSelf(ctx, employeeId))
      throw forbidden('you may request leave for yourself; hr for anyone');
    const reason = normaliseText(input.reason, 'reason', 500);
    return this.db.transaction(async (em) => {
      // The employee row lock serialises this employee's requests: no two can spend the same days.
      const employee = await lockById(em, Employee, employeeId);
      const others = await em.find(LeaveRequest, { where: { employeeId } });
      const check = validateLeaveRequest({
        request: {
          employeeId,
          type: input.type,
          startDate: input.startDate,
          endDate: input.endDate,
          halfDayStart: input.halfDayStart ?? false,
          halfDayEnd: input.halfDayEnd ?? false,
        },
        otherRequests: others,
        entitlement: {
          entitlementDays: this.entitlementDays,
          fte: await this.fte(em, employeeId, input.startDate),
          employmentStart: employee.startDate,
          employmentEnd: employee.endDate,
        },
        asOf: today(),
      });
      const request = await em.save(
        em.create(LeaveRequest, {
          employeeId,
          type: input.type,
          startDate: input.startDate,
          endDate: input.endDate,
          halfDayStart: input.halfDayStart ?? false,
          halfDayEnd: input.halfDayEnd ?? false,
          days: String(check.days),
          status: 'PENDING',
          reason,
          requestedBy: ctx.identity.userId as string,
        }),
      );
      await recordEvents(em, leaveRequested(request, employee.managerId, check.days, ctx.identity));
      return request;
    });
  }

  async decide(
    ctx: ServiceContext,
    id: string,
    approve: boolean,
    comment?: string | null,
  ): Promise<LeaveRequest> {
    const text = normaliseText(comment, 'comment', 500);
    return this.db.transaction(async (em) => {
      const request = await lockById(em, LeaveRequest, id);
      const employee = await this.employee(em, request.employeeId);
      const isManager = !!ctx.identity.employeeId && employee.managerId === ctx.identity.employeeId;
      if (!hasRole(ctx, 'hr') && !isManager)
        throw forbidden("only the employee's manager or hr may decide this leave");
      request.status = decideLeaveRequest({
        request,
        decider: { userId: ctx.identity.userId as string, employeeId: ctx.identity.employeeId },
        approve,
      });
      request.decidedBy = ctx.identity.userId;
      request.decidedAt = new Date();
      request.decisionComment = text;
      await em.save(request);
      await recordEvents(em, leaveDecided(request, ctx.identity));
      return request;
    });
  }

  async cancel(ctx: ServiceContext, id: string): Promise<LeaveRequest> {
    return this.db.transaction(async (em) => {
      const request = await lockById(em, LeaveRequest, id);
      if (!hasRole(ctx, 'hr') && !isSelf(ctx, request.employeeId))
        throw forbidden('only the employee or hr may cancel this leave');
      request.status = cancelLeaveRequest({ request, asOf: today() });
      await em.save(request);
      await recordEvents(em, leaveCancelled(request, ctx.identity));
      return request;
    });
  }
}
