import type { ServiceContext } from '@backoffice/kit';
import type { ComplianceServices } from '../services.js';
import type { LegalHold } from './legal-hold.entity.js';
import { isActive, statusOf } from './legal-hold.rules.js';
import type { LegalHoldFilter } from './legal-hold.service.js';

type Ctx = ServiceContext<ComplianceServices>;

export const legalHoldResolvers = {
  Query: {
    legalHolds: (_: unknown, { filter }: { filter?: LegalHoldFilter }, ctx: Ctx) =>
      ctx.services.legalHolds.list(filter ?? {}),
  },
  Mutation: {
    placeLegalHold: (_: unknown, a: { documentId: string; reason: string }, ctx: Ctx) =>
      ctx.services.legalHolds.place(ctx, a.documentId, a.reason),
    releaseLegalHold: (_: unknown, { id }: { id: string }, ctx: Ctx) =>
      ctx.services.legalHolds.release(ctx, id),
  },
  LegalHold: {
    active: (h: LegalHold) => isActive(h),
    status: (h: LegalHold) => statusOf(h),
    document: (h: LegalHold) => ({ __typename: 'Document', id: h.documentId }),
  },
};
