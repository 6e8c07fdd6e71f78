import { type ServiceContext, badInput } from '@backoffice/kit';
import type { ComplianceServices } from '../services.js';

type Ctx = ServiceContext<ComplianceServices>;

const days = (n: number | null | undefined): number => {
  const value = n ?? 14;
  if (!Number.isInteger(value) || value < 0 || value > 3650)
    throw badInput('overdueAfterDays must be 0 to 3650', 'overdueAfterDays');
  return value;
};

export const findingsResolvers = {
  Query: {
    complianceFindings: (_: unknown, a: { overdueAfterDays?: number; since?: Date }, ctx: Ctx) =>
      ctx.services.findings.findings(days(a.overdueAfterDays), a.since ?? null),
    complianceCounts: (_: unknown, a: { overdueAfterDays?: number }, ctx: Ctx) =>
      ctx.services.findings.counts(days(a.overdueAfterDays)),
  },
};
