import type { ServiceContext } from '@backoffice/kit';
import type { ComplianceServices } from '../services.js';
import type { PolicyAcknowledgement } from './policy.entity.js';
import type { OverdueAcknowledgement, PolicyView, PublishPolicyInput } from './policy.service.js';

type Ctx = ServiceContext<ComplianceServices>;
const employeeRef = (id: string) => ({ __typename: 'Employee', id });

export const policyResolvers = {
  Query: {
    policies: (_: unknown, __: unknown, ctx: Ctx) => ctx.services.policies.current(),
    policy: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.policies.byId(ctx, id),
    overdueAcknowledgements: (_: unknown, { days }: { days: number }, ctx: Ctx) =>
      ctx.services.policies.overdue(days),
  },
  Mutation: {
    publishPolicy: (_: unknown, { input }: { input: PublishPolicyInput }, ctx: Ctx) =>
      ctx.services.policies.publish(ctx, input),
    acknowledgePolicy: (_: unknown, a: { policyId: string; version: number }, ctx: Ctx) =>
      ctx.services.policies.acknowledge(ctx, a.policyId, a.version),
  },
  Policy: {
    versions: (p: PolicyView, _: unknown, ctx: Ctx) => ctx.services.policies.versions(ctx, p.id),
  },
  PolicyAcknowledgement: {
    employee: (a: PolicyAcknowledgement) => employeeRef(a.employeeId),
    policy: (a: PolicyAcknowledgement, _: unknown, ctx: Ctx) => ctx.services.policies.byId(ctx, a.policyId),
  },
  OverdueAcknowledgement: {
    employee: (o: OverdueAcknowledgement) => employeeRef(o.employeeId),
  },
  Employee: {
    acknowledgements: (e: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.services.policies.acknowledgementsOf(ctx, e.id),
    approvalsRequested: (e: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.services.approvals.requestedByEmployee(ctx, e.id),
  },
};
