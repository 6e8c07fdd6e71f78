import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';
import type { FiscalPeriodView } from './period.service.js';

type Ctx = ServiceContext<AccountingServices>;

export const periodResolvers = {
  Query: {
    fiscalPeriods: (_: unknown, { year }: { year: number }, ctx: Ctx) => ctx.services.periods.year(year),
  },
  Mutation: {
    closePeriod: (_: unknown, { period }: { period: string }, ctx: Ctx) =>
      ctx.services.periods.close(ctx, period),
    reopenPeriod: (_: unknown, a: { period: string; reason: string }, ctx: Ctx) =>
      ctx.services.periods.reopen(ctx, a.period, a.reason),
  },
  FiscalPeriod: {
    history: (p: FiscalPeriodView, _: unknown, ctx: Ctx) => ctx.services.periods.history(p.period),
  },
};
