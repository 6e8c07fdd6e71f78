import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from '../services.js';
import type { WorkplaceCostDepartmentRow } from './workplace-cost-departments.rules.js';
import type { WorkplaceCostRow } from './workplace-cost.rules.js';

type Ctx = ServiceContext<HrServices>;

export const workplaceCostResolvers = {
  Query: {
    workplaceCostReport: (_: unknown, a: { year: number; officeSeatMonthlyCost: string }, ctx: Ctx) =>
      ctx.services.workplaceCost.report(ctx, a.year, a.officeSeatMonthlyCost),
  },
  WorkplaceCostDepartmentRow: {
    department: (row: WorkplaceCostDepartmentRow, _: unknown, ctx: Ctx) =>
      ctx.services.departments.byId(ctx, row.departmentId),
  },
  WorkplaceCostRow: {
    employee: (row: WorkplaceCostRow, _: unknown, ctx: Ctx) =>
      ctx.services.employees.byId(ctx, row.employeeId),
  },
};
