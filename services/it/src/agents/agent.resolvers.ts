import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from '../services.js';
import type { ItAgent } from './agent.entity.js';

type Ctx = ServiceContext<ItServices>;

export const agentResolvers = {
  Query: {
    agents: (_: unknown, __: unknown, ctx: Ctx) => ctx.services.agents.list(),
  },
  Mutation: {
    registerAgent: (_: unknown, a: { employeeId: string; lead?: boolean | null }, ctx: Ctx) =>
      ctx.services.agents.register(ctx, a.employeeId, a.lead ?? false),
    retireAgent: (_: unknown, a: { employeeId: string }, ctx: Ctx) =>
      ctx.services.agents.retire(ctx, a.employeeId),
  },
  ItAgent: {
    employee: (a: ItAgent) => ({ __typename: 'Employee', id: a.employeeId }),
    active: (a: ItAgent) => a.retiredAt === null,
  },
};
