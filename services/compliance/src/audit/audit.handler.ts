import { CONSUMERS } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import type { AuditService } from './audit.service.js';

/**
 * Every domain event of every service (this one's included), appended to the trail exactly once:
 * the kit's inbox drops redeliveries, the unique event id drops a re-publish under another message id.
 * Only events whose signature the kit verified get here; each entry records who signed it.
 */
export const auditTrailHandler = (audit: AuditService): EventHandler<never> => ({
  consumer: CONSUMERS.compliance.audit,
  async handle(event, { em, producer }) {
    await audit.append(em, event, producer);
  },
  // Every event of every service passes here: a batch is chained in memory and written at once.
  async handleBatch(events, { em, producerOf }) {
    await audit.appendBatch(em, events, producerOf);
  },
});
