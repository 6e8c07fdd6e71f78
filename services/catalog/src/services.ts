import type { ServiceDeps } from '@backoffice/kit';
import { config } from './config.js';
import { PriceService } from './prices/price.service.js';
import { ProductService } from './products/product.service.js';
import { ReservationService } from './stock/reservation.service.js';
import { StockQueries } from './stock/stock.queries.js';
import { StockService } from './stock/stock.service.js';
import { WarehouseService } from './warehouses/warehouse.service.js';

export interface CatalogServices {
  products: ProductService;
  prices: PriceService;
  warehouses: WarehouseService;
  stock: StockService;
  stockQueries: StockQueries;
  reservations: ReservationService;
}

export function catalogServices({ db }: ServiceDeps): CatalogServices {
  return {
    products: new ProductService(db),
    prices: new PriceService(db, config.PRICE_APPROVAL_PERCENT),
    warehouses: new WarehouseService(db),
    stock: new StockService(db, config.COST_CURRENCY),
    stockQueries: new StockQueries(db),
    reservations: new ReservationService(db, config.RESERVATION_TTL_MINUTES, config.COST_CURRENCY),
  };
}
