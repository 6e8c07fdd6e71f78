import type { Resolvers } from '../generated/graphql.js';
import { decimalText } from './product.rules.js';

export const productResolvers: Resolvers = {
  Query: {
    products: (_, a, ctx) => ctx.services.products.list(a.first, a.after, a.filter),
    product: (_, a, ctx) => ctx.services.products.find(ctx, a.id),
    productBySku: (_, a, ctx) => ctx.services.products.findBySku(a.sku),
  },
  Mutation: {
    createProduct: (_, { input }, ctx) => ctx.services.products.create(ctx, input),
    updateProduct: (_, a, ctx) => ctx.services.products.update(ctx, a.id, a.input),
  },
  Product: {
    __resolveReference: (ref, ctx) => ctx.services.products.find(ctx, ref.id),
    name: (p, a) => (a.language === 'NL' ? p.nameNl : p.nameEn),
    description: (p, a) => (a.language === 'NL' ? p.descriptionNl : p.descriptionEn),
    vatRate: (p) => decimalText(p.vatRate),
    averageCost: (p) => decimalText(p.averageCost, 2),
    reorderLevel: (p) => (p.reorderLevel === null ? null : decimalText(p.reorderLevel)),
    price: (p, a, ctx) => ctx.services.prices.quote(ctx, p, a.priceListId, a.on, a.quantity),
    prices: (p, a, ctx) => ctx.services.prices.history(ctx, p, a.priceListId),
    stock: (p, _, ctx) => ctx.services.stockQueries.levels(ctx, p.id),
    available: (p, _, ctx) => ctx.services.stockQueries.available(ctx, p.id),
  },
};
