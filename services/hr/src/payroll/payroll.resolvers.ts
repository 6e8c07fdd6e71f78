import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from '../services.js';
import type { PayrollRun, PayslipRow } from './payroll.entity.js';

type Ctx = ServiceContext<HrServices>;

export const payrollResolvers = {
  Query: {
    payrollRun: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.payroll.find(id),
    payrollRuns: (_: unknown, { period }: { period?: string }, ctx: Ctx) => ctx.services.payroll.list(period),
  },
  Mutation: {
    createPayrollRun: (_: unknown, { period }: { period: string }, ctx: Ctx) =>
      ctx.services.payroll.create(ctx, period),
    calculatePayrollRun: (_: unknown, { id }: { id: string }, ctx: Ctx) =>
      ctx.services.payroll.calculate(ctx, id),
    finalizePayrollRun: (_: unknown, { id }: { id: string }, ctx: Ctx) =>
      ctx.services.payroll.finalize(ctx, id),
  },
  PayrollRun: {
    payslips: async (run: PayrollRun, _: unknown, ctx: Ctx) =>
      (await ctx.services.payroll.payslipsOf(ctx, run)).map((p) => ({ ...p, period: run.period })),
  },
  Payslip: {
    employee: (p: PayslipRow, _: unknown, ctx: Ctx) => ctx.services.employees.byId(ctx, p.employeeId),
  },
  PayslipLine: {
    informational: (l: { informational?: boolean }) => l.informational === true,
  },
  Employee: {
    payslips: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.payroll.payslipsOfEmployee(ctx, e.id),
    payrollCost: (e: { id: string }, { year }: { year: number }, ctx: Ctx) =>
      ctx.services.payrollCosts.ofYear(ctx, e.id, year),
  },
};
