import { isActive, statusOf } from './legal-hold.rules.js';
import type { Resolvers } from '../generated/graphql.js';

export const legalHoldResolvers: Resolvers = {
  Query: {
    legalHolds: (_, { filter }, ctx) => ctx.services.legalHolds.list(filter ?? {}),
  },
  Mutation: {
    placeLegalHold: (_, a, ctx) => ctx.services.legalHolds.place(ctx, a.documentId, a.reason),
    releaseLegalHold: (_, { id }, ctx) => ctx.services.legalHolds.release(ctx, id),
  },
  LegalHold: {
    active: (h) => isActive(h),
    status: (h) => statusOf(h),
    document: (h) => ({ __typename: 'Document', id: h.documentId }),
  },
};
