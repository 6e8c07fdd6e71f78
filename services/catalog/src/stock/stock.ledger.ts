import { conflict, isUuid, notFound } from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { Product } from '../products/product.entity.js';
import { decimalText } from '../products/product.rules.js';
import { Warehouse } from '../warehouses/warehouse.entity.js';
import { StockMovement, type StockMovementKind } from './stock.entity.js';

/**
 * The one place stock changes: a movement appended to the ledger and the balance it changes, in the
 * caller's transaction. The balance's guard and CHECK constraints are the rule; the service only
 * words the refusal.
 */

export interface Balance {
  onHand: string;
  reserved: string;
  available: string;
}

export interface Delta {
  onHand: Decimal;
  reserved: Decimal;
}

const toBalance = (row: { on_hand: string; reserved: string }): Balance => ({
  onHand: decimalText(row.on_hand),
  reserved: decimalText(row.reserved),
  available: decimalText(new Decimal(row.on_hand).minus(row.reserved)),
});

/**
 * Adds `delta` to the balance, or answers null when that would take on hand, reserved or available
 * below zero. One statement: the row lock makes concurrent changes of one balance wait for each
 * other, and each re-checks the guard on the row as the one before left it (no oversell).
 */
export async function shift(
  em: EntityManager,
  productId: string,
  warehouseId: string,
  delta: Delta,
): Promise<Balance | null> {
  const params = [productId, warehouseId, delta.onHand.toFixed(), delta.reserved.toFixed()];
  if (!delta.onHand.isNegative() && delta.reserved.isZero()) {
    const [row] = await em.query(
      `INSERT INTO stock_balance (product_id, warehouse_id, on_hand, reserved) VALUES ($1, $2, $3, $4)
       ON CONFLICT (product_id, warehouse_id) DO UPDATE
         SET on_hand = stock_balance.on_hand + EXCLUDED.on_hand, updated_at = now()
       RETURNING on_hand, reserved`,
      params,
    );
    return toBalance(row);
  }
  const [rows] = await em.query(
    `UPDATE stock_balance SET on_hand = on_hand + $3, reserved = reserved + $4, updated_at = now()
      WHERE product_id = $1 AND warehouse_id = $2
        AND on_hand + $3 >= 0 AND reserved + $4 >= 0 AND on_hand + $3 - (reserved + $4) >= 0
      RETURNING on_hand, reserved`,
    params,
  );
  return rows[0] ? toBalance(rows[0]) : null;
}

/** The balance as it is now (zero when the product was never in the warehouse), locked. */
export async function lockedBalance(
  em: EntityManager,
  productId: string,
  warehouseId: string,
): Promise<Balance> {
  const [row] = await em.query(
    'SELECT on_hand, reserved FROM stock_balance WHERE product_id = $1 AND warehouse_id = $2 FOR UPDATE',
    [productId, warehouseId],
  );
  return toBalance(row ?? { on_hand: '0', reserved: '0' });
}

/** Words a refused shift: how much is available, so the caller can ask for less. */
export async function notEnough(
  em: EntityManager,
  productId: string,
  warehouseId: string,
  field = 'quantity',
) {
  const [row] = await em.query(
    'SELECT on_hand - reserved AS available FROM stock_balance WHERE product_id = $1 AND warehouse_id = $2',
    [productId, warehouseId],
  );
  return conflict(
    `not enough stock: ${decimalText(row?.available ?? '0')} available in this warehouse`,
    field,
  );
}

export interface MovementInput {
  productId: string;
  warehouseId: string;
  kind: StockMovementKind;
  quantity: string;
  reference?: string | null;
  reason?: string | null;
  reservationId?: string | null;
  unitCost?: string | null;
  createdBy: string | null;
}

export function appendMovement(em: EntityManager, movement: MovementInput): Promise<StockMovement> {
  return em.save(
    em.create(StockMovement, {
      reference: null,
      reason: null,
      reservationId: null,
      unitCost: null,
      ...movement,
    }),
  );
}

/** The product and warehouse a stock change names, or NOT_FOUND on the field that named them. */
export async function productAndWarehouse(
  em: EntityManager,
  productId: string,
  warehouseId: string,
  warehouseField = 'warehouseId',
): Promise<{ product: Product; warehouse: Warehouse }> {
  const product = isUuid(productId) ? await em.findOneBy(Product, { id: productId }) : null;
  if (!product) throw Object.assign(notFound('Product', productId), { field: 'productId' });
  const warehouse = isUuid(warehouseId) ? await em.findOneBy(Warehouse, { id: warehouseId }) : null;
  if (!warehouse) throw Object.assign(notFound('Warehouse', warehouseId), { field: warehouseField });
  return { product, warehouse };
}

/**
 * The product's available stock in all warehouses after a change that took `decrease` off it, when
 * that crossed its reorder level (from at or above to below): the low-stock signal, else null.
 */
export async function crossedReorderLevel(
  em: EntityManager,
  product: Product,
  decrease: Decimal,
): Promise<string | null> {
  if (product.reorderLevel === null || !decrease.isPositive()) return null;
  const [row] = await em.query(
    'SELECT coalesce(sum(on_hand - reserved), 0) AS available FROM stock_balance WHERE product_id = $1',
    [product.id],
  );
  const after = new Decimal(row.available);
  const level = new Decimal(product.reorderLevel);
  return after.lessThan(level) && after.plus(decrease).greaterThanOrEqualTo(level)
    ? decimalText(after)
    : null;
}
