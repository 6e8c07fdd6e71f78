import type { Resolvers } from '../generated/graphql.js';

export const agentResolvers: Resolvers = {
  Query: {
    agents: (_, __, ctx) => ctx.services.agents.list(),
  },
  Mutation: {
    registerAgent: (_, a, ctx) => ctx.services.agents.register(ctx, a.employeeId, a.lead ?? false),
    retireAgent: (_, a, ctx) => ctx.services.agents.retire(ctx, a.employeeId),
  },
  ItAgent: {
    employee: (a) => ({ __typename: 'Employee', id: a.employeeId }),
    active: (a) => a.retiredAt === null,
  },
};
