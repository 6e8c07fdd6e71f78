import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';

type Ctx = ServiceContext<AccountingServices>;
type Range = { from: string; to: string };

export const reportResolvers = {
  Query: {
    trialBalance: (_: unknown, { asOf }: { asOf: string }, ctx: Ctx) =>
      ctx.services.reports.trialBalance(asOf),
    generalLedger: (
      _: unknown,
      args: Range & { accountCode: string; first?: number; after?: string },
      ctx: Ctx,
    ) => ctx.services.reports.generalLedger(args),
    balanceByCostCenter: (_: unknown, a: Range, ctx: Ctx) =>
      ctx.services.reports.balanceByCostCenter(a.from, a.to),
    profitAndLoss: (_: unknown, a: Range, ctx: Ctx) => ctx.services.reports.profitAndLoss(a.from, a.to),
    balanceSheet: (_: unknown, { asOf }: { asOf: string }, ctx: Ctx) =>
      ctx.services.reports.balanceSheet(asOf),
  },
};
