import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';

/**
 * Moving average cost per product over all its warehouses. A receipt with a cost moves the average
 * (the product row locked FOR UPDATE); what leaves is valued at the average (FOR SHARE), so a receipt
 * and an issue of one product never interleave, while issues among themselves do not wait.
 */

/** The average after receiving `quantity` at `unitCost`; the receipt's own cost is returned as given. */
export async function costReceipt(
  em: EntityManager,
  productId: string,
  quantity: string,
  unitCost: string | null,
): Promise<string> {
  const [product] = await em.query('SELECT average_cost FROM product WHERE id = $1 FOR UPDATE', [productId]);
  if (unitCost === null) return new Decimal(product.average_cost).toFixed();
  const [{ on_hand }] = await em.query(
    'SELECT coalesce(sum(on_hand), 0) AS on_hand FROM stock_balance WHERE product_id = $1',
    [productId],
  );
  const average = nextAverage(on_hand, product.average_cost, quantity, unitCost);
  await em.query('UPDATE product SET average_cost = $2 WHERE id = $1', [productId, average]);
  return new Decimal(unitCost).toFixed();
}

/** The unit cost what leaves now is valued at. */
export async function costIssue(em: EntityManager, productId: string): Promise<string> {
  const [product] = await em.query('SELECT average_cost FROM product WHERE id = $1 FOR SHARE', [productId]);
  return new Decimal(product.average_cost).toFixed();
}

/** (on hand x average + received x cost) / (on hand + received), to four decimals. */
export function nextAverage(onHand: string, average: string, received: string, unitCost: string): string {
  const before = Decimal.max(new Decimal(onHand), 0);
  const total = before.plus(received);
  if (total.isZero()) return new Decimal(unitCost).toFixed(4);
  return before
    .times(average)
    .plus(new Decimal(received).times(unitCost))
    .dividedBy(total)
    .toDecimalPlaces(4, Decimal.ROUND_HALF_UP)
    .toFixed(4);
}

/** quantity x unit cost in cents: the value a booking carries. */
export const movementValue = (quantity: string, unitCost: string): string =>
  new Decimal(quantity).times(unitCost).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
