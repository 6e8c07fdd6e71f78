import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';

type Ctx = ServiceContext<AccountingServices>;

export const vatReturnResolvers = {
  Query: {
    vatReturn: (_: unknown, a: { year: number; quarter: number }, ctx: Ctx) =>
      ctx.services.vatReturns.quarter(a.year, a.quarter),
  },
};
