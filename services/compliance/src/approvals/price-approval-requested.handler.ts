import { CONSUMERS, type catalog } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import type { ApprovalService } from './approval.service.js';

/**
 * catalog asks for four eyes on a price change above its percentage: a pending approval keyed by the
 * request event, its author the one who set the price (who may never decide), in the role catalog named.
 */
export const priceApprovalRequestedHandler = (
  approvals: ApprovalService,
): EventHandler<typeof catalog.priceApprovalRequested> => ({
  consumer: CONSUMERS.compliance.priceApprovals,
  async handle(event, { em, log }) {
    if (event.source !== '/backoffice/catalog') {
      log.warn(
        { source: event.source, eventId: event.id },
        'price approval request not from catalog ignored',
      );
      return;
    }
    const d = event.data;
    const approval = await approvals.openForOwner(em, {
      requestEventId: event.id,
      subjectType: 'Price',
      subjectId: d.priceId,
      reason: d.description,
      amount: d.amount,
      currency: d.currency,
      requiredRole: d.requiredRole,
      stepsRequired: 1,
      author: d.authorUserId,
      authorEmployeeId: null,
    });
    if (!approval) log.info({ subject: event.subject, eventId: event.id }, 'approval request already opened');
  },
});
