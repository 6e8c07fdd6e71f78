import type { Resolvers } from '../generated/graphql.js';

const employeeRef = (id: string) => ({ __typename: 'Employee' as const, id });

export const policyResolvers: Resolvers = {
  Query: {
    policies: (_, __, ctx) => ctx.services.policies.current(),
    policy: (_, { id }, ctx) => ctx.services.policies.byId(ctx, id),
    overdueAcknowledgements: (_, { days }, ctx) => ctx.services.policies.overdue(days),
  },
  Mutation: {
    publishPolicy: (_, { input }, ctx) => ctx.services.policies.publish(ctx, input),
    acknowledgePolicy: (_, a, ctx) => ctx.services.policies.acknowledge(ctx, a.policyId, a.version),
  },
  Policy: {
    versions: (p, _, ctx) => ctx.services.policies.versions(ctx, p.id),
  },
  PolicyAcknowledgement: {
    employee: (a) => employeeRef(a.employeeId),
    policy: (a, _, ctx) => ctx.services.policies.byId(ctx, a.policyId),
  },
  OverdueAcknowledgement: {
    employee: (o) => employeeRef(o.employeeId),
  },
  Employee: {
    acknowledgements: (e, _, ctx) => ctx.services.policies.acknowledgementsOf(ctx, e.id),
    approvalsRequested: (e, _, ctx) => ctx.services.approvals.requestedByEmployee(ctx, e.id),
  },
};
