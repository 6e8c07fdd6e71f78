import type { ServiceContext } from '@backoffice/kit';
import { isActive, mayKnowOfHolds } from '../legal-holds/legal-hold.rules.js';
import type { ComplianceServices } from '../services.js';

type Ctx = ServiceContext<ComplianceServices>;

export const documentResolvers = {
  Document: {
    legalHolds: (d: { id: string }, _: unknown, ctx: Ctx) => ctx.services.legalHolds.forDocument(ctx, d.id),
    retentionUntil: async (d: { id: string }, _: unknown, ctx: Ctx) =>
      (await ctx.services.documents.known(ctx, d.id))?.retentionUntil ?? null,
    underLegalHold: async (d: { id: string }, _: unknown, ctx: Ctx) => {
      if (!mayKnowOfHolds(ctx, await ctx.services.documents.known(ctx, d.id))) return null;
      return (await ctx.services.legalHolds.forDocument(ctx, d.id)).some(isActive);
    },
  },
};
