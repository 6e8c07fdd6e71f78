import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from '../services.js';
import type { WorkplaceCostRow } from './workplace-cost.rules.js';

type Ctx = ServiceContext<HrServices>;

export const workplaceCostResolvers = {
  Query: {
    workplaceCostReport: (_: unknown, a: { year: number; officeSeatMonthlyCost: string }, ctx: Ctx) =>
      ctx.services.workplaceCost.report(a.year, a.officeSeatMonthlyCost),
  },
  WorkplaceCostRow: {
    employee: (row: WorkplaceCostRow, _: unknown, ctx: Ctx) =>
      ctx.services.employees.byId(ctx, row.employeeId),
  },
};
