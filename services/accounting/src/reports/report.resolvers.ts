import type { Resolvers } from '../generated/graphql.js';

export const reportResolvers: Resolvers = {
  Query: {
    trialBalance: (_, { asOf }, ctx) => ctx.services.reports.trialBalance(asOf),
    generalLedger: (_, args, ctx) => ctx.services.reports.generalLedger(args),
    balanceByCostCenter: (_, a, ctx) => ctx.services.reports.balanceByCostCenter(a.from, a.to),
    profitAndLoss: (_, a, ctx) => ctx.services.reports.profitAndLoss(a.from, a.to),
    balanceSheet: (_, { asOf }, ctx) => ctx.services.reports.balanceSheet(asOf),
  },
};
