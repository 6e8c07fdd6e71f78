import { hasRole, isSelf, selectedFields } from '@backoffice/kit';
import type { ContractVersionRow } from '../contracts/contract.entity.js';
import type { Resolvers } from '../generated/graphql.js';

const contractView = (c: ContractVersionRow) => ({
  monthlySalary: c.monthlySalary,
  currency: c.currency,
  fte: Number(c.fte),
  weeklyHours: c.weeklyHours,
  holidayAllowanceMonthly: c.holidayAllowanceMonthly ?? false,
  startDate: c.startDate,
  endDate: c.endDate,
});

export const employeeResolvers: Resolvers = {
  Query: {
    employee: (_, { id }, ctx) => ctx.services.employees.byId(ctx, id),
    employees: (_, args, ctx, info) =>
      ctx.services.employees.list(ctx, args, selectedFields(info, ['edges', 'node'])),
    me: (_, __, ctx) =>
      ctx.identity.employeeId ? ctx.services.employees.byId(ctx, ctx.identity.employeeId) : null,
  },
  Mutation: {
    hireEmployee: (_, { input }, ctx) => ctx.services.employees.hire(ctx, input),
    terminateEmployee: (_, a, ctx) => ctx.services.employees.terminate(ctx, a.id, a.endDate, a.reason),
    updateEmployee: (_, a, ctx) => ctx.services.employees.update(ctx, a.id, a.input),
    changeContract: (_, a, ctx) => ctx.services.contracts.change(ctx, a.employeeId, a.input),
  },
  Employee: {
    __resolveReference: (ref, ctx) => ctx.services.employees.byId(ctx, ref.id),
    department: (e, _, ctx) => ctx.services.departments.byId(ctx, e.departmentId),
    manager: (e, _, ctx) => (e.managerId ? ctx.services.employees.byId(ctx, e.managerId) : null),
    reports: (e, _, ctx) => ctx.services.employees.reports(ctx, e.id),
    contract: async (e, _, ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      const c = await ctx.services.contracts.today(ctx, e);
      return c ? contractView(c) : null;
    },
    contractHistory: async (e, _, ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      return (await ctx.services.contracts.versions(ctx, e.id)).map(contractView);
    },
    statusHistory: (e, _, ctx) => ctx.services.employees.statusHistory(e.id),
    wageTaxCredit: (e, _, ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      return e.wageTaxCredit;
    },
    wageTaxTable: (e, _, ctx) => {
      ctx.services.employees.assertMaySeePay(ctx, e.id);
      return e.wageTaxTable;
    },
    personalData: (e, _, ctx) => {
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
