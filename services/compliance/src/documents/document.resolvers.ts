import { isActive, mayKnowOfHolds } from '../legal-holds/legal-hold.rules.js';
import type { Resolvers } from '../generated/graphql.js';

export const documentResolvers: Resolvers = {
  Document: {
    legalHolds: (d, _, ctx) => ctx.services.legalHolds.forDocument(ctx, d.id),
    retentionUntil: async (d, _, ctx) =>
      (await ctx.services.documents.known(ctx, d.id))?.retentionUntil ?? null,
    underLegalHold: async (d, _, ctx) => {
      if (!mayKnowOfHolds(ctx, await ctx.services.documents.known(ctx, d.id))) return null;
      return (await ctx.services.legalHolds.forDocument(ctx, d.id)).some(isActive);
    },
  },
};
