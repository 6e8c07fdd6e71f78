import {
  type Connection,
  type ServiceContext,
  badInput,
  byIdLoader,
  connection,
  conflict,
  decodeCursor,
  forbidden,
  groupByKeys,
  hasRole,
  hydrate,
  isSelf,
  notFound,
  pageSize,
  plainSelect,
  readRows,
  recordEvents,
  requireRole,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { endAllowancesWithEmployment } from '../allowances/allowance.service.js';
import { validateContractVersions } from '../contracts/contract.rules.js';
import { endContractsWithEmployment, firstContract } from '../contracts/contract.service.js';
import { Department } from '../departments/department.entity.js';
import { assertNotOwnPayData } from '../duties/duties.rules.js';
import { Employee, EmployeeStatusChange } from './employee.entity.js';
import { pageProperties } from './employee.page.js';
import { employeeHired, employeeTerminated, employeeUpdated } from './employee.events.js';
import {
  normaliseBsn,
  normaliseCountry,
  normaliseEmail,
  normaliseIban,
  normaliseName,
  normalisePostcode,
  normaliseText,
} from './employee.rules.js';
import type { EmployeeFilter, HireEmployeeInput, UpdateEmployeeInput } from '../generated/graphql.js';

/** Fields an employee may change on their own record; everything else is hr's (the bank account too). */
// The employee's own data, and their choice of the employer that applies their wage tax credit.
const SELF_SERVICE_FIELDS = new Set([
  'bsn',
  'postcode',
  'givenName',
  'familyName',
  'address',
  'wageTaxCredit',
]);

export const today = (): string => new Date().toISOString().slice(0, 10);

export class EmployeeService {
  constructor(
    private readonly db: DataSource,
    private readonly companyCountry: string,
  ) {}

  /** Pay and personal data: hr, payroll, or the employee themself. Analysts never. */
  maySeePay(ctx: ServiceContext, employeeId: string): boolean {
    return hasRole(ctx, 'hr', 'payroll') || isSelf(ctx, employeeId);
  }

  assertMaySeePay(ctx: ServiceContext, employeeId: string): void {
    if (!this.maySeePay(ctx, employeeId))
      throw forbidden('pay and personal data need hr, payroll, or the employee themself');
  }

  /** One query per request however many employees a page resolves (department, manager, entity references). */
  private employees(ctx: ServiceContext) {
    return byIdLoader(ctx, this.db, Employee);
  }

  /** The employee itself when this request already holds the row (a page primed it), else a promise. */
  byId(ctx: ServiceContext, id: string): Employee | null | Promise<Employee | null> {
    return this.employees(ctx).value(id);
  }

  async get(ctx: ServiceContext, id: string): Promise<Employee> {
    const employee = await this.byId(ctx, id);
    if (!employee) throw notFound('Employee', id);
    return employee;
  }

  reports(ctx: ServiceContext, managerId: string): Promise<Employee[]> {
    return ctx.loaders
      .get<string, Employee[]>('reports', async (ids) => {
        const rows = await this.db
          .getRepository(Employee)
          .createQueryBuilder('e')
          .where('e.manager_id = ANY(:ids)', { ids })
          .orderBy('e.status', 'ASC')
          .addOrderBy('e.family_name')
          .getMany();
        return groupByKeys(ids, rows, (e) => e.managerId as string);
      })
      .load(managerId);
  }

  statusHistory(employeeId: string): Promise<EmployeeStatusChange[]> {
    return this.db.getRepository(EmployeeStatusChange).find({ where: { employeeId }, order: { id: 'ASC' } });
  }

  /** `fields`: what the client selects of each employee (kit's selectedFields), to read only that. */
  async list(
    ctx: ServiceContext,
    args: { first?: number | null; after?: string | null; filter?: EmployeeFilter | null },
    fields?: ReadonlySet<string>,
  ): Promise<Connection<Employee>> {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    // Hand-written SQL over the entity's columns: the front office's page, where TypeORM's query
    // builder cost more than the database. Rows are the entities getMany gave (kit's hydrate).
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (filter.departmentId) where.push(`e.department_id = ${param(uuidOrNull(filter.departmentId))}`);
    if (filter.managerId) where.push(`e.manager_id = ${param(uuidOrNull(filter.managerId))}`);
    if (filter.status) where.push(`e.status = ${param(filter.status)}`);
    if (filter.workLocation) where.push(`e.work_location = ${param(filter.workLocation)}`);
    if (filter.search?.trim()) {
      const term = param(`%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(e.given_name ILIKE ${term} OR e.family_name ILIKE ${term} OR e.email ILIKE ${term})`);
    }
    // Counted only if the client asks for totalCount: on a big table the count costs more than the page.
    const countSql = `SELECT count(*)::int AS n FROM employee e${whereSql(where)}`;
    const countParams = [...params];
    const totalCount = async () => ((await this.db.query(countSql, countParams)) as { n: number }[])[0].n;
    const after = decodeCursor(args.after, 3);
    if (after) {
      where.push(
        `(e.family_name, e.given_name, e.id) > (${param(after[0])}, ${param(after[1])}, ${param(uuidOrNull(String(after[2])))})`,
      );
    }
    const only = pageProperties(fields);
    const { columns } = plainSelect(this.db, Employee, 'e', '', only);
    // Each row's department comes in the same query, primed into the request's department loader.
    const department = plainSelect(this.db, Department, 'd', 'department__');
    const raw = await readRows(
      this.db,
      `SELECT ${columns}, ${department.columns} FROM employee e
         LEFT JOIN department d ON d.id = e.department_id${whereSql(where)}
        ORDER BY e.family_name, e.given_name, e.id LIMIT ${param(first + 1)}`,
      params,
    );
    const rows = hydrate(this.db, Employee, raw);
    const departments = byIdLoader(ctx, this.db, Department);
    for (const d of hydrate(this.db, Department, raw, 'department__')) if (d.id) departments.prime(d.id, d);
    // Rows of some columns only stay out of the request's loader, where whole employees are expected.
    const loader = this.employees(ctx);
    if (!only) for (const row of rows) loader.prime(row.id, row);
    return connection(rows, first, totalCount, (e) => [e.familyName, e.givenName, e.id], args.after);
  }

  async hire(ctx: ServiceContext, input: HireEmployeeInput): Promise<Employee> {
    requireRole(ctx, 'hr');
    const workCountry = normaliseCountry(input.workCountry ?? this.companyCountry);
    const values = {
      givenName: normaliseName(input.givenName, 'givenName'),
      familyName: normaliseName(input.familyName, 'familyName'),
      email: normaliseEmail(input.email),
      workLocation: input.workLocation,
      workCountry,
      position: normaliseText(input.position, 'position', 100),
      startDate: input.startDate,
      dateOfBirth: input.dateOfBirth ?? null,
      address: normaliseText(input.address, 'address'),
      postcode: input.postcode ? normalisePostcode(input.postcode, workCountry) : null,
      iban: input.iban ? normaliseIban(input.iban) : null,
    };
    if (values.dateOfBirth && values.dateOfBirth >= values.startDate)
      throw badInput('dateOfBirth must be before startDate', 'dateOfBirth');
    const [contract] = validateContractVersions([
      {
        monthlySalary: input.contract.monthlySalary,
        currency: input.contract.currency,
        fte: input.contract.fte,
        weeklyHours: input.contract.weeklyHours ?? null,
        startDate: input.startDate,
        endDate: null,
      },
    ]);
    return this.db.transaction(async (em) => {
      const department = await this.department(em, input.departmentId, 'departmentId');
      if (input.managerId) await this.activeEmployee(em, input.managerId, 'managerId');
      await this.assertEmailFree(em, values.email);
      const employee = await em.save(
        em.create(Employee, {
          ...values,
          status: 'ACTIVE',
          departmentId: department.id,
          managerId: input.managerId ?? null,
        }),
      );
      await firstContract(em, ctx, employee.id, contract, input.contract.holidayAllowanceMonthly ?? false);
      await em.save(
        em.create(EmployeeStatusChange, {
          employeeId: employee.id,
          status: 'ACTIVE',
          workLocation: employee.workLocation,
          effectiveFrom: employee.startDate,
          changedBy: ctx.identity.userId,
          reason: 'hired',
        }),
      );
      await recordEvents(em, employeeHired(employee, department, ctx.identity));
      return employee;
    });
  }

  async terminate(
    ctx: ServiceContext,
    id: string,
    endDate: string,
    reason?: string | null,
  ): Promise<Employee> {
    requireRole(ctx, 'hr');
    const why = normaliseText(reason, 'reason', 500);
    return this.db.transaction(async (em) => {
      const employee = await lockById(em, Employee, id);
      if (employee.status === 'TERMINATED')
        throw conflict(`employee ${id} was already terminated on ${employee.endDate}`);
      if (endDate < employee.startDate)
        throw badInput(`endDate ${endDate} is before the start date ${employee.startDate}`, 'endDate');
      employee.status = 'TERMINATED';
      employee.endDate = endDate;
      employee.terminationReason = why;
      await em.save(employee);
      await endContractsWithEmployment(em, ctx, id, endDate);
      await endAllowancesWithEmployment(em, id, endDate);
      await em.save(
        em.create(EmployeeStatusChange, {
          employeeId: id,
          status: 'TERMINATED',
          workLocation: employee.workLocation,
          effectiveFrom: endDate,
          changedBy: ctx.identity.userId,
          reason: why,
        }),
      );
      await recordEvents(em, employeeTerminated(employee, ctx.identity));
      return employee;
    });
  }

  async update(ctx: ServiceContext, id: string, input: UpdateEmployeeInput): Promise<Employee> {
    const fields = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (input.iban !== undefined) assertNotOwnPayData(ctx.identity, id, 'bank account');
    if (!hasRole(ctx, 'hr')) {
      const selfService = isSelf(ctx, id) && fields.every((f) => SELF_SERVICE_FIELDS.has(f));
      if (!selfService)
        throw forbidden(
          'hr may change any employee; an employee only their own name, address, postcode, BSN and wage tax credit',
        );
    }
    if (fields.length === 0) throw badInput('nothing to change', 'input');
    return this.db.transaction(async (em) => {
      const employee = await lockById(em, Employee, id);
      const changed: string[] = [];
      const set = <K extends keyof Employee>(key: K, value: Employee[K]) => {
        if (employee[key] !== value) {
          employee[key] = value;
          changed.push(key);
        }
      };
      if (input.givenName != null) set('givenName', normaliseName(input.givenName, 'givenName'));
      if (input.familyName != null) set('familyName', normaliseName(input.familyName, 'familyName'));
      if (input.address !== undefined) set('address', normaliseText(input.address, 'address'));
      if (input.position !== undefined) set('position', normaliseText(input.position, 'position', 100));
      if (input.postcode !== undefined)
        set('postcode', input.postcode ? normalisePostcode(input.postcode, employee.workCountry) : null);
      if (input.iban !== undefined) set('iban', input.iban ? normaliseIban(input.iban) : null);
      if (input.bsn !== undefined) set('bsn', input.bsn ? normaliseBsn(input.bsn) : null);
      if (input.dateOfBirth !== undefined) set('dateOfBirth', input.dateOfBirth ?? null);
      if (input.wageTaxCredit != null) set('wageTaxCredit', input.wageTaxCredit);
      if (input.wageTaxTable != null) set('wageTaxTable', input.wageTaxTable);
      if (input.email != null) {
        const email = normaliseEmail(input.email);
        if (email !== employee.email && employee.status === 'ACTIVE') await this.assertEmailFree(em, email);
        set('email', email);
      }
      if (input.departmentId != null)
        set('departmentId', (await this.department(em, input.departmentId, 'departmentId')).id);
      if (input.managerId !== undefined) {
        if (input.managerId === id) throw badInput('an employee cannot be their own manager', 'managerId');
        if (input.managerId) await this.assertNoManagementCycle(em, id, input.managerId);
        set('managerId', input.managerId ?? null);
      }
      if (input.workLocation != null && input.workLocation !== employee.workLocation) {
        set('workLocation', input.workLocation);
        await em.save(
          em.create(EmployeeStatusChange, {
            employeeId: id,
            status: employee.status,
            workLocation: input.workLocation,
            effectiveFrom: input.effectiveFrom ?? today(),
            changedBy: ctx.identity.userId,
            reason: 'work location changed',
          }),
        );
      }
      if (changed.length === 0) return employee;
      await em.save(employee);
      await recordEvents(em, employeeUpdated(employee, changed, ctx.identity));
      return employee;
    });
  }

  private async department(em: EntityManager, id: string, field: string): Promise<Department> {
    const department = isUuid(id) ? await em.findOneBy(Department, { id }) : null;
    if (!department) throw Object.assign(notFound('Department', id), { field });
    return department;
  }

  private async activeEmployee(em: EntityManager, id: string, field: string): Promise<Employee> {
    const employee = isUuid(id) ? await em.findOneBy(Employee, { id }) : null;
    if (!employee) throw Object.assign(notFound('Employee', id), { field });
    if (employee.status !== 'ACTIVE') throw badInput(`employee ${id} is no longer active`, field);
    return employee;
  }

  private async assertEmailFree(em: EntityManager, email: string): Promise<void> {
    const taken = await em.query(`SELECT 1 FROM employee WHERE lower(email) = $1 AND status = 'ACTIVE'`, [
      email,
    ]);
    if (taken.length > 0) throw conflict(`an active employee already has the email ${email}`);
  }

  private async assertNoManagementCycle(
    em: EntityManager,
    employeeId: string,
    managerId: string,
  ): Promise<void> {
    await this.activeEmployee(em, managerId, 'managerId');
    const chain: { id: string }[] = await em.query(
      `WITH RECURSIVE up(id, manager_id, depth) AS (
         SELECT id, manager_id, 0 FROM employee WHERE id = $1
         UNION ALL SELECT e.id, e.manager_id, up.depth + 1 FROM employee e JOIN up ON e.id = up.manager_id WHERE up.depth < 100)
       SELECT id FROM up`,
      [managerId],
    );
    if (chain.some((r) => r.id === employeeId))
      throw badInput('that manager reports (directly or not) to this employee', 'managerId');
  }
}

function uuidOrNull(id: string): string | null {
  // An id that is not a UUID matches nothing, instead of failing the query.
  return isUuid(id) ? id : '00000000-0000-0000-0000-000000000000';
}

function whereSql(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}
