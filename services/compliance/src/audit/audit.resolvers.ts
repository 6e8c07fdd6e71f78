import type { ServiceContext } from '@backoffice/kit';
import type { ComplianceServices } from '../services.js';
import type { AuditCheckpoint, AuditEntry } from './audit.entity.js';
import type { AuditFilter } from './audit.service.js';

type Ctx = ServiceContext<ComplianceServices>;

export const auditResolvers = {
  Query: {
    auditTrail: (_: unknown, args: { first?: number; after?: string; filter?: AuditFilter }, ctx: Ctx) =>
      ctx.services.audit.list(ctx, args),
    verifyAuditTrail: (_: unknown, __: unknown, ctx: Ctx) => ctx.services.audit.verify(),
    auditCheckpoints: (_: unknown, { first }: { first: number }, ctx: Ctx) =>
      ctx.services.audit.checkpoints(first),
  },
  AuditEntry: {
    sequence: (a: AuditEntry) => Number(a.sequence),
    payload: (a: AuditEntry) => (a.payload === null ? null : JSON.stringify(a.payload)),
  },
  AuditCheckpoint: {
    sequence: (c: AuditCheckpoint) => Number(c.sequence),
  },
};
