import type { Resolvers } from '../generated/graphql.js';
import { employerContributionsOf } from './payroll.rules.js';

export const payrollResolvers: Resolvers = {
  Query: {
    payrollRun: (_, { id }, ctx) => ctx.services.payroll.find(id),
    payrollRuns: (_, { period }, ctx) => ctx.services.payroll.list(period),
  },
  Mutation: {
    createPayrollRun: (_, { period }, ctx) => ctx.services.payroll.create(ctx, period),
    calculatePayrollRun: (_, { id }, ctx) => ctx.services.payroll.calculate(ctx, id),
    finalizePayrollRun: (_, { id }, ctx) => ctx.services.payroll.finalize(ctx, id),
  },
  PayrollRun: {
    payslips: async (run, _, ctx) =>
      (await ctx.services.payroll.payslipsOf(ctx, run)).map((p) => ({ ...p, period: run.period })),
    totalEmployerContributions: (run, _, ctx) =>
      ctx.services.payrollCosts.employerContributionsOfRun(ctx, run.id),
  },
  Payslip: {
    // the payslip's employee exists (a foreign key); a missing one stays GraphQL's non-null error
    employee: async (p, _, ctx) => (await ctx.services.employees.byId(ctx, p.employeeId))!,
    employerContributions: (p) => employerContributionsOf(p.lines),
  },
  PayslipLine: {
    informational: (l) => l.informational === true,
  },
  Employee: {
    payslips: (e, _, ctx) => ctx.services.payroll.payslipsOfEmployee(ctx, e.id),
    payrollCost: (e, { year }, ctx) => ctx.services.payrollCosts.ofYear(ctx, e.id, year),
  },
};
