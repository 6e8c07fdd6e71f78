import type { Resolvers } from '../generated/graphql.js';

export const periodResolvers: Resolvers = {
  Query: {
    fiscalPeriods: (_, { year }, ctx) => ctx.services.periods.year(year),
  },
  Mutation: {
    closePeriod: (_, { period }, ctx) => ctx.services.periods.close(ctx, period),
    reopenPeriod: (_, a, ctx) => ctx.services.periods.reopen(ctx, a.period, a.reason),
  },
  FiscalPeriod: {
    history: (p, _, ctx) => ctx.services.periods.history(p.period),
  },
};
