import type { ServiceContext } from '@backoffice/kit';
import type { DocumentsServices } from '../services.js';
import type { AccessRequestFilter } from './access-grant.service.js';

type Ctx = ServiceContext<DocumentsServices>;

export const accessGrantResolvers = {
  Query: {
    documentAccessRequests: (_: unknown, filter: AccessRequestFilter, ctx: Ctx) =>
      ctx.services.grants.list(filter),
  },
  Mutation: {
    requestDocumentAccess: (
      _: unknown,
      a: { documentId: string; userId: string; reason?: string | null },
      ctx: Ctx,
    ) => ctx.services.grants.request(ctx, a.documentId, a.userId, a.reason),
    grantDocumentAccess: (_: unknown, a: { documentId: string; userId: string }, ctx: Ctx) =>
      ctx.services.grants.grant(ctx, a.documentId, a.userId),
    refuseDocumentAccess: (_: unknown, a: { requestId: string }, ctx: Ctx) =>
      ctx.services.grants.refuse(ctx, a.requestId),
  },
};
