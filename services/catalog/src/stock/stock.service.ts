import { type ServiceContext, badInput, conflict, recordEvents } from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { StockInput, TransferStockInput } from '../generated/graphql.js';
import type { Product } from '../products/product.entity.js';
import { amount, decimalText, quantity, text } from '../products/product.rules.js';
import { costIssue, costReceipt } from './stock.costing.js';
import type { StockMovement } from './stock.entity.js';
import { stockAdjusted, stockIssued, stockLow, stockReceived, stockTransferred } from './stock.events.js';
import {
  appendMovement,
  crossedReorderLevel,
  lockedBalance,
  notEnough,
  productAndWarehouse,
  shift,
} from './stock.ledger.js';

const ZERO = new Decimal(0);

/** The warehouse's movements: receipts, issues, corrections, counts and transfers. */
export class StockService {
  constructor(
    private readonly db: DataSource,
    /** The currency unit costs are kept in (accounting's base currency). */
    private readonly costCurrency: string,
  ) {}

  async receive(ctx: ServiceContext, input: StockInput): Promise<StockMovement> {
    const qty = quantity(input.quantity, 'quantity');
    const reference = text(input.reference, 'reference', 200, true);
    const cost = input.unitCost == null ? null : amount(input.unitCost, 'unitCost');
    return this.db.transaction(async (em) => {
      const { product } = await productAndWarehouse(em, input.productId, input.warehouseId);
      // Before the balance changes: the average weighs what was on hand with what comes in.
      const unitCost = await costReceipt(em, product.id, qty, cost);
      const balance = await shift(em, product.id, input.warehouseId, {
        onHand: new Decimal(qty),
        reserved: ZERO,
      });
      if (!balance) throw new Error('a receipt cannot be refused');
      const movement = await appendMovement(em, {
        productId: product.id,
        warehouseId: input.warehouseId,
        kind: 'RECEIPT',
        quantity: qty,
        reference,
        unitCost,
        createdBy: ctx.identity.userId,
      });
      await recordEvents(em, stockReceived(movement, product, balance, this.costCurrency, ctx.identity));
      return movement;
    });
  }

  /** Takes unreserved stock only: what is reserved leaves through issueReservation. */
  async issue(ctx: ServiceContext, input: StockInput): Promise<StockMovement> {
    const qty = quantity(input.quantity, 'quantity');
    const reference = text(input.reference, 'reference', 200, true);
    return this.db.transaction(async (em) => {
      const { product } = await productAndWarehouse(em, input.productId, input.warehouseId);
      const unitCost = await costIssue(em, product.id);
      const out = new Decimal(qty);
      const balance = await shift(em, product.id, input.warehouseId, {
        onHand: out.negated(),
        reserved: ZERO,
      });
      if (!balance) throw await notEnough(em, product.id, input.warehouseId);
      const movement = await appendMovement(em, {
        productId: product.id,
        warehouseId: input.warehouseId,
        kind: 'ISSUE',
        quantity: qty,
        reference,
        unitCost,
        createdBy: ctx.identity.userId,
      });
      const low = await crossedReorderLevel(em, product, out);
      await recordEvents(
        em,
        stockIssued(movement, product, balance, this.costCurrency, ctx.identity),
        ...(low ? [stockLow(product, low, ctx.identity)] : []),
      );
      return movement;
    });
  }

  /** A correction by a signed difference, with its reason; on hand never below what is reserved. */
  async adjust(ctx: ServiceContext, input: StockInput, rawReason: string): Promise<StockMovement> {
    const difference = quantity(input.quantity, 'quantity', { negative: true });
    const reason = text(rawReason, 'reason', 500);
    return this.db.transaction(async (em) => {
      const { product } = await productAndWarehouse(em, input.productId, input.warehouseId);
      return this.adjustBy(
        ctx,
        em,
        product,
        input.warehouseId,
        new Decimal(difference),
        reason,
        input.reference,
      );
    });
  }

  /** A stock count: the difference to the counted quantity as an ADJUSTMENT; null when it matched. */
  async count(
    ctx: ServiceContext,
    productId: string,
    warehouseId: string,
    counted: string,
    rawReference?: string | null,
  ): Promise<StockMovement | null> {
    const qty = quantity(counted, 'counted', { zero: true });
    const reference = text(rawReference, 'reference', 200, true);
    return this.db.transaction(async (em) => {
      const { product } = await productAndWarehouse(em, productId, warehouseId);
      const balance = await lockedBalance(em, product.id, warehouseId);
      if (new Decimal(qty).lessThan(balance.reserved))
        throw conflict(
          `${balance.reserved} is reserved here; release reservations before counting fewer`,
          'counted',
        );
      const difference = new Decimal(qty).minus(balance.onHand);
      if (difference.isZero()) return null;
      const reason = `count: ${decimalText(balance.onHand)} on record, ${decimalText(qty)} counted`;
      return this.adjustBy(ctx, em, product, warehouseId, difference, reason, reference);
    });
  }

  private async adjustBy(
    ctx: ServiceContext,
    em: EntityManager,
    product: Product,
    warehouseId: string,
    difference: Decimal,
    reason: string,
    reference: string | null | undefined,
  ): Promise<StockMovement> {
    const balance = await shift(em, product.id, warehouseId, { onHand: difference, reserved: ZERO });
    if (!balance) throw await notEnough(em, product.id, warehouseId);
    const movement = await appendMovement(em, {
      productId: product.id,
      warehouseId,
      kind: 'ADJUSTMENT',
      quantity: difference.toFixed(),
      reference: reference ?? null,
      reason,
      createdBy: ctx.identity.userId,
    });
    const low = await crossedReorderLevel(em, product, difference.negated());
    await recordEvents(
      em,
      stockAdjusted(movement, product, balance, ctx.identity),
      ...(low ? [stockLow(product, low, ctx.identity)] : []),
    );
    return movement;
  }

  /** Out of one warehouse and into another in one transaction; the balances locked in id order. */
  async transfer(ctx: ServiceContext, input: TransferStockInput): Promise<StockMovement> {
    const qty = quantity(input.quantity, 'quantity');
    const reference = text(input.reference, 'reference', 200, true);
    if (input.fromWarehouseId === input.toWarehouseId)
      throw badInput('a transfer goes to another warehouse', 'toWarehouseId');
    return this.db.transaction(async (em) => {
      const { product } = await productAndWarehouse(
        em,
        input.productId,
        input.fromWarehouseId,
        'fromWarehouseId',
      );
      await productAndWarehouse(em, input.productId, input.toWarehouseId, 'toWarehouseId');
      // Two transfers in opposite directions lock the same two rows in the same order: no deadlock.
      for (const id of [input.fromWarehouseId, input.toWarehouseId].sort())
        await lockedBalance(em, product.id, id);
      const amount = new Decimal(qty);
      const out = await shift(em, product.id, input.fromWarehouseId, {
        onHand: amount.negated(),
        reserved: ZERO,
      });
      if (!out) throw await notEnough(em, product.id, input.fromWarehouseId);
      await shift(em, product.id, input.toWarehouseId, { onHand: amount, reserved: ZERO });
      const base = { productId: product.id, quantity: qty, reference, createdBy: ctx.identity.userId };
      const movement = await appendMovement(em, {
        ...base,
        warehouseId: input.fromWarehouseId,
        kind: 'TRANSFER_OUT',
      });
      await appendMovement(em, { ...base, warehouseId: input.toWarehouseId, kind: 'TRANSFER_IN' });
      await recordEvents(
        em,
        stockTransferred(product, input.fromWarehouseId, input.toWarehouseId, qty, reference, ctx.identity),
      );
      return movement;
    });
  }
}
