import { CONSUMERS, type compliance } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import { Product } from '../products/product.entity.js';
import { applyPriceDecision } from './price-approval.js';
import { PriceList } from './price.entity.js';

/**
 * compliance's decisions, catalog's half of four eyes on prices: only a decision on a Price, from
 * compliance, on the approval a pending price asked for, changes anything (price-approval.ts).
 */
export const priceApprovalDecidedHandler = (): EventHandler<typeof compliance.approvalDecided> => ({
  consumer: CONSUMERS.catalog.priceApprovals,
  async handle(event, { em, log }) {
    if (event.data.subjectType !== 'Price') return;
    if (event.source !== '/backoffice/compliance') {
      log.warn({ source: event.source, eventId: event.id }, 'approval decision not from compliance ignored');
      return;
    }
    await applyPriceDecision(
      em,
      event.data,
      log,
      (id) => em.findOneByOrFail(Product, { id }),
      (id) => em.findOneByOrFail(PriceList, { id }),
    );
  },
});
