import type { ServiceContext } from '@backoffice/kit';
import type { DocumentsServices } from '../services.js';

type Ctx = ServiceContext<DocumentsServices>;

export const searchResolvers = {
  Query: {
    searchDocuments: (_: unknown, a: { query: string; first?: number | null }, ctx: Ctx) =>
      ctx.services.search.search(ctx, a.query, a.first),
  },
};
