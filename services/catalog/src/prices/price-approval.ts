import type { ApprovalDecidedData } from '@backoffice/events';
import { type Identity, type Logger, conflict, recordEvents } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';
import type { Product } from '../products/product.entity.js';
import { Price, type PriceList } from './price.entity.js';
import { priceApprovalRequested, priceChanged, priceRejected } from './price.events.js';
import { type PriceView, dayBefore, priceView, today } from './price.rules.js';

/**
 * Four eyes on large price changes, catalog's half: a change above the percentage is kept as
 * PENDING_APPROVAL and compliance is asked (over the bus) for an approval in the controller's role;
 * only compliance's decision on that very request, by someone other than the price's author, makes it
 * ACTIVE. Until then quotes use the price it would supersede.
 */

export interface PendingChange {
  product: Product;
  list: PriceList;
  values: { amount: string; minQuantity: string; validFrom: string; validTo: string | null };
  previousAmount: string;
  percent: string;
}

export async function requestPriceApproval(
  em: EntityManager,
  actor: Identity,
  c: PendingChange,
): Promise<PriceView> {
  await refuseOverlap(em, c.product.id, c.list.id, c.values);
  const price = em.create(Price, {
    ...c.values,
    productId: c.product.id,
    priceListId: c.list.id,
    status: 'PENDING_APPROVAL',
    previousAmount: c.previousAmount,
    createdBy: actor.userId,
  });
  price.id = crypto.randomUUID();
  const view = priceView({ ...price }, c.product.vatRate, c.list.currency);
  const event = priceApprovalRequested(view, c.product, c.previousAmount, c.percent, actor);
  price.approvalRequestId = event.id;
  try {
    await em.save(price);
  } catch (e) {
    if ((e as { driverError?: { code?: string } }).driverError?.code === '23505')
      throw conflict(`a change of this price already waits for approval`, 'minQuantity');
    throw e;
  }
  await recordEvents(em, event);
  return view;
}

/** No ACTIVE period of the break overlaps the new one, but the one running on its first day (`open`). */
async function refuseOverlap(
  em: EntityManager,
  productId: string,
  priceListId: string,
  v: { minQuantity: string; validFrom: string; validTo: string | null },
): Promise<void> {
  const [clash] = await em.query(
    `SELECT 1 FROM price
      WHERE product_id = $1 AND price_list_id = $2 AND min_quantity = $3 AND status = 'ACTIVE'
        AND validity && daterange($4::date, $5::date, '[]')
        AND NOT (valid_from < $4 AND (valid_to IS NULL OR valid_to >= $4))`,
    [productId, priceListId, v.minQuantity, v.validFrom, v.validTo],
  );
  if (clash)
    throw conflict('the product already has a price on this list for that break in that period', 'validFrom');
}

/**
 * Applies compliance's decision on the approval a pending price asked for; any other decision changes
 * nothing. Approved, the price takes effect from its date (today, if that has passed while it waited)
 * and the price running then ends the day before.
 */
export async function applyPriceDecision(
  em: EntityManager,
  d: ApprovalDecidedData,
  log: Logger,
  productOf: (id: string) => Promise<Product>,
  listOf: (id: string) => Promise<PriceList>,
  now = new Date(),
): Promise<void> {
  const context = { approvalId: d.approvalId, priceId: d.subjectId, status: d.status };
  const price = d.requestEventId
    ? await em
        .getRepository(Price)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.approval_request_id = :r', { r: d.requestEventId })
        .getOne()
    : null;
  if (!price || price.id !== String(d.subjectId).toLowerCase()) {
    log.warn(context, 'decision on an approval no price asked for ignored');
    return;
  }
  if (price.status !== 'PENDING_APPROVAL') return;
  const [product, list] = [await productOf(price.productId), await listOf(price.priceListId)];
  const decider = d.decidedBy ? { userId: d.decidedBy } : null;
  const reject = async (reason: string) => {
    await em.update(Price, { id: price.id }, { status: 'REJECTED' });
    await recordEvents(em, priceRejected(price, product, reason, decider));
  };
  if (d.status !== 'APPROVED') return reject(d.comment ?? `approval ${d.status.toLowerCase()}`);
  if (
    !d.decidedBy ||
    d.decidedBy === price.createdBy ||
    (d.requiredRole && !['controller', 'admin'].includes(d.requiredRole))
  ) {
    log.warn(context, 'approval not by a controller other than the author: the price keeps waiting');
    return;
  }
  // The later of its own date and today (YYYY-MM-DD sorts as it reads).
  const from = [price.validFrom, today(now)].sort()[1];
  if (price.validTo && price.validTo < from) return reject('approved after its period ended');
  await em.query(
    `UPDATE price SET valid_to = $5
      WHERE product_id = $1 AND price_list_id = $2 AND min_quantity = $3 AND status = 'ACTIVE'
        AND valid_from < $4 AND (valid_to IS NULL OR valid_to >= $4)`,
    [price.productId, price.priceListId, price.minQuantity, from, dayBefore(from)],
  );
  const [clash] = await em.query(
    `SELECT 1 FROM price WHERE product_id = $1 AND price_list_id = $2 AND min_quantity = $3 AND status = 'ACTIVE'
        AND validity && daterange($4::date, $5::date, '[]')`,
    [price.productId, price.priceListId, price.minQuantity, from, price.validTo],
  );
  if (clash) return reject('a price set while it waited overlaps it');
  await em.update(Price, { id: price.id }, { status: 'ACTIVE', validFrom: from });
  const view = priceView({ ...price, validFrom: from, status: 'ACTIVE' }, product.vatRate, list.currency);
  const previous =
    price.previousAmount === null
      ? null
      : priceView({ ...price, amount: price.previousAmount }, product.vatRate, list.currency).amount;
  await recordEvents(
    em,
    priceChanged({ ...view, productId: product.id, sku: product.sku }, previous, decider),
  );
}
