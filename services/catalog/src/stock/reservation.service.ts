import {
  type ServiceContext,
  badInput,
  conflict,
  forbidden,
  hasRole,
  lockById,
  recordEvents,
} from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { StockInput } from '../generated/graphql.js';
import { Product } from '../products/product.entity.js';
import { quantity, text } from '../products/product.rules.js';
import { costIssue } from './stock.costing.js';
import { Reservation, type StockMovement } from './stock.entity.js';
import { stockIssued, stockLow, stockReleased, stockReserved } from './stock.events.js';
import {
  appendMovement,
  crossedReorderLevel,
  notEnough,
  productAndWarehouse,
  shift,
} from './stock.ledger.js';

const ZERO = new Decimal(0);
const MAX_TTL_MS = 90 * 24 * 3600_000;
export const EXPIRY_ACTOR = 'system:catalog-reservation-expiry';

/** Stock held for a customer: made and released by sales, shipped by the warehouse, expired by a job. */
export class ReservationService {
  constructor(
    private readonly db: DataSource,
    private readonly defaultTtlMinutes: number,
    private readonly costCurrency: string,
  ) {}

  async reserve(
    ctx: ServiceContext,
    input: StockInput,
    expiresAt?: Date | null,
    now = new Date(),
  ): Promise<Reservation> {
    const qty = quantity(input.quantity, 'quantity');
    const reference = text(input.reference, 'reference', 200, true);
    const expires = expiresAt ?? new Date(now.getTime() + this.defaultTtlMinutes * 60_000);
    if (expires.getTime() <= now.getTime()) throw badInput('expiresAt must be in the future', 'expiresAt');
    if (expires.getTime() - now.getTime() > MAX_TTL_MS)
      throw badInput('a reservation holds 90 days at most', 'expiresAt');
    return this.db.transaction(async (em) => {
      const { product } = await productAndWarehouse(em, input.productId, input.warehouseId);
      const amount = new Decimal(qty);
      const balance = await shift(em, product.id, input.warehouseId, { onHand: ZERO, reserved: amount });
      if (!balance) throw await notEnough(em, product.id, input.warehouseId);
      const reservation = await em.save(
        em.create(Reservation, {
          productId: product.id,
          warehouseId: input.warehouseId,
          quantity: qty,
          reference,
          expiresAt: expires,
          status: 'ACTIVE',
          createdBy: ctx.identity.userId,
          closedAt: null,
        }),
      );
      const movement = await appendMovement(em, {
        productId: product.id,
        warehouseId: input.warehouseId,
        kind: 'RESERVATION',
        quantity: qty,
        reference,
        reservationId: reservation.id,
        createdBy: ctx.identity.userId,
      });
      const low = await crossedReorderLevel(em, product, amount);
      await recordEvents(
        em,
        stockReserved(movement, reservation, product, balance, ctx.identity),
        ...(low ? [stockLow(product, low, ctx.identity)] : []),
      );
      return reservation;
    });
  }

  /** Sales releases its own reservations; the warehouse any. */
  async release(ctx: ServiceContext, id: string): Promise<Reservation> {
    return this.db.transaction(async (em) => {
      const reservation = await lockById(em, Reservation, id, { name: 'Reservation', field: 'id' });
      if (!hasRole(ctx, 'warehouse') && reservation.createdBy !== ctx.identity.userId)
        throw forbidden('sales releases only the reservations they made; ask the warehouse');
      if (reservation.status !== 'ACTIVE') throw conflict(`the reservation is ${reservation.status}`, 'id');
      await this.giveBack(em, reservation, 'RELEASED', ctx.identity.userId);
      return reservation;
    });
  }

  /** Ships a reservation: its quantity leaves on hand and reserved together. */
  async issue(ctx: ServiceContext, id: string, now = new Date()): Promise<StockMovement> {
    return this.db.transaction(async (em) => {
      const reservation = await lockById(em, Reservation, id, { name: 'Reservation', field: 'id' });
      if (reservation.status !== 'ACTIVE') throw conflict(`the reservation is ${reservation.status}`, 'id');
      if (reservation.expiresAt <= now) throw conflict('the reservation has expired', 'id');
      const amount = new Decimal(reservation.quantity);
      const product = await em.findOneByOrFail(Product, { id: reservation.productId });
      const unitCost = await costIssue(em, product.id);
      const balance = await shift(em, product.id, reservation.warehouseId, {
        onHand: amount.negated(),
        reserved: amount.negated(),
      });
      if (!balance) throw await notEnough(em, product.id, reservation.warehouseId, 'id');
      reservation.status = 'ISSUED';
      reservation.closedAt = now;
      await em.save(reservation);
      const movement = await appendMovement(em, {
        productId: product.id,
        warehouseId: reservation.warehouseId,
        kind: 'ISSUE',
        quantity: reservation.quantity,
        reference: reservation.reference,
        reservationId: reservation.id,
        unitCost,
        createdBy: ctx.identity.userId,
      });
      await recordEvents(em, stockIssued(movement, product, balance, this.costCurrency, ctx.identity));
      return movement;
    });
  }

  /**
   * Gives back the reservations past their expiry, a batch per transaction; SKIP LOCKED leaves one
   * being released or shipped right now to that request. Returns how many expired.
   */
  async expire(now = new Date(), batch = 200): Promise<number> {
    return this.db.transaction(async (em) => {
      const due = await em
        .getRepository(Reservation)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where("r.status = 'ACTIVE' AND r.expires_at <= :now", { now })
        .orderBy('r.expires_at')
        .limit(batch)
        .getMany();
      for (const reservation of due) await this.giveBack(em, reservation, 'EXPIRED', null, now);
      return due.length;
    });
  }

  private async giveBack(
    em: EntityManager,
    reservation: Reservation,
    status: 'RELEASED' | 'EXPIRED',
    userId: string | null,
    now = new Date(),
  ): Promise<void> {
    const amount = new Decimal(reservation.quantity);
    const balance = await shift(em, reservation.productId, reservation.warehouseId, {
      onHand: ZERO,
      reserved: amount.negated(),
    });
    if (!balance) throw new Error(`reservation ${reservation.id} is not in its balance`);
    reservation.status = status;
    reservation.closedAt = now;
    await em.save(reservation);
    const movement = await appendMovement(em, {
      productId: reservation.productId,
      warehouseId: reservation.warehouseId,
      kind: 'RELEASE',
      quantity: reservation.quantity,
      reference: reservation.reference,
      reservationId: reservation.id,
      createdBy: userId ?? EXPIRY_ACTOR,
    });
    const product = await em.findOneByOrFail(Product, { id: reservation.productId });
    await recordEvents(
      em,
      stockReleased(
        movement,
        reservation,
        product,
        balance,
        status,
        userId ? { userId } : { userId: EXPIRY_ACTOR },
      ),
    );
  }
}
