import type { Resolvers } from '../generated/graphql.js';
import type { CatalogContext } from '../context.js';
import { decimalText } from '../products/product.rules.js';

/** A row's product and warehouse: they exist (foreign keys), so the loaders always find them. */
const productOf = async (row: { productId: string }, ctx: CatalogContext) =>
  (await ctx.services.products.find(ctx, row.productId))!;
const warehouseOf = async (row: { warehouseId: string }, ctx: CatalogContext) =>
  (await ctx.services.warehouses.find(ctx, row.warehouseId))!;

export const stockResolvers: Resolvers = {
  Query: {
    stockMovements: (_, a, ctx) => ctx.services.stockQueries.movements(a.productId, a.first, a.after),
    reservations: (_, a, ctx) => ctx.services.stockQueries.reservations(ctx, a.productId, a.status),
  },
  Mutation: {
    receiveStock: (_, { input }, ctx) => ctx.services.stock.receive(ctx, input),
    issueStock: (_, { input }, ctx) => ctx.services.stock.issue(ctx, input),
    adjustStock: (_, a, ctx) => ctx.services.stock.adjust(ctx, a.input, a.reason),
    countStock: (_, a, ctx) =>
      ctx.services.stock.count(ctx, a.productId, a.warehouseId, a.counted, a.reference),
    transferStock: (_, { input }, ctx) => ctx.services.stock.transfer(ctx, input),
    reserveStock: (_, a, ctx) => ctx.services.reservations.reserve(ctx, a.input, a.expiresAt),
    releaseReservation: (_, a, ctx) => ctx.services.reservations.release(ctx, a.id),
    issueReservation: (_, a, ctx) => ctx.services.reservations.issue(ctx, a.id),
  },
  StockLevel: { warehouse: (l, _, ctx) => warehouseOf(l, ctx) },
  StockMovement: {
    quantity: (m) => decimalText(m.quantity),
    unitCost: (m) => (m.unitCost === null ? null : decimalText(m.unitCost, 2)),
    product: (m, _, ctx) => productOf(m, ctx),
    warehouse: (m, _, ctx) => warehouseOf(m, ctx),
  },
  Reservation: {
    quantity: (r) => decimalText(r.quantity),
    product: (r, _, ctx) => productOf(r, ctx),
    warehouse: (r, _, ctx) => warehouseOf(r, ctx),
  },
};
