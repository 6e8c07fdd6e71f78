import type { Resolvers } from '../generated/graphql.js';

export const auditResolvers: Resolvers = {
  Query: {
    auditTrail: (_, args, ctx) => ctx.services.audit.list(ctx, args),
    verifyAuditTrail: (_, args, ctx) => ctx.services.audit.verify(args),
    auditCheckpoints: (_, { first }, ctx) => ctx.services.audit.checkpoints(first),
  },
  AuditEntry: {
    sequence: (a) => Number(a.sequence),
    payload: (a) => (a.payload === null ? null : JSON.stringify(a.payload)),
  },
  AuditCheckpoint: {
    sequence: (c) => Number(c.sequence),
  },
};
