import type { SubgraphDefinition } from '@backoffice/kit';
import { config } from './config.js';
import { Catalog1765000000000 } from './migrations/1765000000000-catalog.js';
import { AverageCost1765000100000 } from './migrations/1765000100000-average-cost.js';
import { PriceApproval1765000200000 } from './migrations/1765000200000-price-approval.js';
import { priceApprovalDecidedHandler } from './prices/approval-decided.handler.js';
import { Price, PriceList } from './prices/price.entity.js';
import { priceResolvers } from './prices/price.resolvers.js';
import { Product } from './products/product.entity.js';
import { productResolvers } from './products/product.resolvers.js';
import { type CatalogServices, catalogServices } from './services.js';
import { Reservation, StockBalance, StockMovement } from './stock/stock.entity.js';
import { stockResolvers } from './stock/stock.resolvers.js';
import { Warehouse } from './warehouses/warehouse.entity.js';
import { warehouseResolvers } from './warehouses/warehouse.resolvers.js';

/** Everything the catalog subgraph is made of, registered explicitly. */
export const catalogSubgraph: SubgraphDefinition<CatalogServices> = {
  name: 'catalog',
  schemaDir: import.meta.dirname,
  entities: [Product, PriceList, Price, Warehouse, StockBalance, StockMovement, Reservation],
  migrations: [Catalog1765000000000, AverageCost1765000100000, PriceApproval1765000200000],
  services: catalogServices,
  resolvers: [productResolvers, priceResolvers, warehouseResolvers, stockResolvers],
  handlers: () => [priceApprovalDecidedHandler()],
  jobs: (services) => [
    {
      // Leader-elected by the kit: one replica gives expired reservations back.
      name: 'reservation-expiry',
      everyMs: config.RESERVATION_EXPIRY_EVERY_MS,
      run: async () => {
        while ((await services.reservations.expire()) > 0);
      },
    },
  ],
};
