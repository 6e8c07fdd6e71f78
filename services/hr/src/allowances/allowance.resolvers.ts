import type { Resolvers } from '../generated/graphql.js';

export const allowanceResolvers: Resolvers = {
  Mutation: {
    setAllowance: (_, a, ctx) => ctx.services.allowances.set(ctx, a),
  },
  Employee: {
    allowances: (e, _, ctx) => ctx.services.allowances.forEmployee(ctx, e.id),
  },
};
