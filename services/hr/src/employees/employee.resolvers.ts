import { type ServiceContext, hasRole, isSelf } from '@backoffice/kit';
import type { ContractVersionRow } from '../contracts/contract.entity.js';
import type { ContractInput } from '../contracts/contract.service.js';
import type { HrServices } from '../services.js';
import type { Employee } from './employee.entity.js';
import type { EmployeeFilter, HireEmployeeInput, UpdateEmployeeInput } from './employee.service.js';

type Ctx = ServiceContext<HrServices>;

const contractView = (c: ContractVersionRow) => ({
  monthlySalary: c.monthlySalary,
  currency: c.currency,
  fte: Number(c.fte),
  weeklyHours: c.weeklyHours,
  holidayAllowanceMonthly: c.holidayAllowanceMonthly ?? false,
  startDate: c.startDate,
  endDate: c.endDate,
});

export const employeeResolvers = {
  Query: {
    employee: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.employees.byId(ctx, id),
    employees: (_: unknown, args: { first?: number; after?: string; filter?: EmployeeFilter }, ctx: Ctx) =>
      ctx.services.employees.list(ctx, args),
    me: (_: unknown, __: unknown, ctx: Ctx) =>
      ctx.identity.employeeId ? ctx.services.employees.byId(ctx, ctx.identity.employeeId) : null,
  },
  Mutation: {
    hireEmployee: (_: unknown, { input }: { input: HireEmployeeInput }, ctx: Ctx) =>
      ctx.services.employees.hire(ctx, input),
    terminateEmployee: (_: unknown, a: { id: string; endDate: string; reason?: string }, ctx: Ctx) =>
      ctx.services.employees.terminate(ctx, a.id, a.endDate, a.reason),
    updateEmployee: (_: unknown, a: { id: string; input: UpdateEmployeeInput }, ctx: Ctx) =>
      ctx.services.employees.update(ctx, a.id, a.input),
    changeContract: (
      _: unknown,
      a: { employeeId: string; input: ContractInput & { startDate: string } },
      ctx: Ctx,
    ) => ctx.services.contracts.change(ctx, a.employeeId, a.input),
  },
  Employee: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.employees.byId(ctx, ref.id),
    department: (e: Employee, _: unknown, ctx: Ctx) => ctx.services.departments.byId(ctx, e.departmentId),
    manager: (e: Employee, _: unknown, ctx: Ctx) =>
      e.managerId ? ctx.services.employees.byId(ctx, e.managerId) : null,
    reports: (e: Employee, _: unknown, ctx: Ctx) => ctx.services.employees.reports(ctx, e.id),
    contract: async (e: Employee, _: unknown, ctx: Ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      const c = await ctx.services.contracts.today(ctx, e);
      return c ? contractView(c) : null;
    },
    contractHistory: async (e: Employee, _: unknown, ctx: Ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      return (await ctx.services.contracts.versions(ctx, e.id)).map(contractView);
    },
    statusHistory: (e: Employee, _: unknown, ctx: Ctx) => ctx.services.employees.statusHistory(e.id),
    personalData: (e: Employee, _: unknown, ctx: Ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      // The BSN is personal data of the highest class: payroll and the employee only (not even hr).
      const bsnVisible = hasRole(ctx, 'payroll') || isSelf(ctx, e.id);
      return {
        dateOfBirth: e.dateOfBirth,
        address: e.address,
        postcode: e.postcode,
        iban: e.iban,
        bsn: bsnVisible ? e.bsn : null,
      };
    },
  },
};
