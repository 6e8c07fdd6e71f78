import type { ServiceContext } from '@backoffice/kit';
import type { AllowanceKind } from '../payroll/payroll.rules.js';
import type { HrServices } from '../services.js';

type Ctx = ServiceContext<HrServices>;

export const allowanceResolvers = {
  Mutation: {
    setAllowance: (
      _: unknown,
      a: {
        employeeId: string;
        kind: AllowanceKind;
        monthlyAmount: string;
        currency: string;
        validFrom?: string;
      },
      ctx: Ctx,
    ) => ctx.services.allowances.set(ctx, a),
  },
  Employee: {
    allowances: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.allowances.forEmployee(ctx, e.id),
  },
};
