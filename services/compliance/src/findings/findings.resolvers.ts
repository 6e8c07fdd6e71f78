import { badInput } from '@backoffice/kit';
import type { Resolvers } from '../generated/graphql.js';

const days = (n: number | null | undefined): number => {
  const value = n ?? 14;
  if (!Number.isInteger(value) || value < 0 || value > 3650)
    throw badInput('overdueAfterDays must be 0 to 3650', 'overdueAfterDays');
  return value;
};

export const findingsResolvers: Resolvers = {
  Query: {
    complianceFindings: (_, a, ctx) =>
      ctx.services.findings.findings(days(a.overdueAfterDays), a.since ?? null),
    complianceCounts: (_, a, ctx) => ctx.services.findings.counts(days(a.overdueAfterDays)),
  },
};
