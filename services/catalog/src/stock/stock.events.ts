import { catalog } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Product } from '../products/product.entity.js';
import { decimalText } from '../products/product.rules.js';
import type { Reservation, StockMovement } from './stock.entity.js';
import { movementValue } from './stock.costing.js';
import type { Balance } from './stock.ledger.js';

type Actor = Pick<Identity, 'userId'> | null;

const movementData = (m: StockMovement, product: Product, balance: Balance) => ({
  movementId: m.id,
  productId: m.productId,
  sku: product.sku,
  warehouseId: m.warehouseId,
  quantity: decimalText(m.quantity),
  reference: m.reference,
  ...balance,
});

/** The movement's value at its unit cost, in the cost currency. */
const valuation = (m: StockMovement, currency: string) =>
  m.unitCost === null
    ? {}
    : { unitCost: decimalText(m.unitCost, 2), value: movementValue(m.quantity, m.unitCost), currency };

export const stockReceived = (m: StockMovement, p: Product, b: Balance, currency: string, actor: Actor) =>
  domainEvent(
    catalog.stockReceived,
    m.productId,
    { ...movementData(m, p, b), ...valuation(m, currency) },
    actor,
  );

export const stockIssued = (m: StockMovement, p: Product, b: Balance, currency: string, actor: Actor) =>
  domainEvent(
    catalog.stockIssued,
    m.productId,
    { ...movementData(m, p, b), reservationId: m.reservationId, ...valuation(m, currency) },
    actor,
  );

export const stockAdjusted = (m: StockMovement, p: Product, b: Balance, actor: Actor) =>
  domainEvent(
    catalog.stockAdjusted,
    m.productId,
    { ...movementData(m, p, b), reason: m.reason ?? '' },
    actor,
  );

export const stockReserved = (m: StockMovement, r: Reservation, p: Product, b: Balance, actor: Actor) =>
  domainEvent(
    catalog.stockReserved,
    m.productId,
    { ...movementData(m, p, b), reservationId: r.id, expiresAt: r.expiresAt.toISOString() },
    actor,
  );

export const stockReleased = (
  m: StockMovement,
  r: Reservation,
  p: Product,
  b: Balance,
  status: 'RELEASED' | 'EXPIRED',
  actor: Actor,
) =>
  domainEvent(
    catalog.stockReleased,
    m.productId,
    { ...movementData(m, p, b), reservationId: r.id, status },
    actor,
  );

export const stockTransferred = (
  p: Product,
  from: string,
  to: string,
  quantity: string,
  reference: string | null,
  actor: Actor,
) =>
  domainEvent(
    catalog.stockTransferred,
    p.id,
    { productId: p.id, sku: p.sku, fromWarehouseId: from, toWarehouseId: to, quantity, reference },
    actor,
  );

export const stockLow = (p: Product, available: string, actor: Actor) =>
  domainEvent(
    catalog.stockLow,
    p.id,
    { productId: p.id, sku: p.sku, available, reorderLevel: decimalText(p.reorderLevel ?? '0') },
    actor,
  );
