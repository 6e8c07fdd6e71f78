import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';

type Ctx = ServiceContext<AccountingServices>;

export const employeeResolvers = {
  Employee: {
    payrollCost: (e: { id: string }, { year }: { year: number }, ctx: Ctx) =>
      ctx.services.payrollCosts.ofYear(ctx, e.id, year),
  },
};
