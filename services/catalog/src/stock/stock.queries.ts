import {
  type Connection,
  type ServiceContext,
  connection,
  decodeCursor,
  groupByKeys,
  hasRole,
  isUuid,
  pageSize,
} from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource } from 'typeorm';
import { decimalText } from '../products/product.rules.js';
import { Reservation, type ReservationStatus, StockBalance, StockMovement } from './stock.entity.js';

/** A balance as the graph shows it. */
export interface StockLevelView {
  warehouseId: string;
  onHand: string;
  reserved: string;
  available: string;
}

/** What the ledger and the balances answer: levels, movements and reservations. */
export class StockQueries {
  constructor(private readonly db: DataSource) {}

  /** The product's balance per warehouse; one query for every product of a request. */
  levels(ctx: ServiceContext, productId: string): Promise<StockLevelView[]> {
    return ctx.loaders
      .get<string, StockLevelView[]>('stock-levels', async (ids) => {
        const rows = await this.db
          .getRepository(StockBalance)
          .createQueryBuilder('b')
          .where('b.product_id = ANY(:ids)', { ids: ids.filter((id) => isUuid(id)) })
          .getMany();
        return groupByKeys(ids, rows, (b) => b.productId).map((group) =>
          group.map((b) => ({
            warehouseId: b.warehouseId,
            onHand: decimalText(b.onHand),
            reserved: decimalText(b.reserved),
            available: decimalText(new Decimal(b.onHand).minus(b.reserved)),
          })),
        );
      })
      .load(productId);
  }

  async available(ctx: ServiceContext, productId: string): Promise<string> {
    const levels = await this.levels(ctx, productId);
    return decimalText(levels.reduce((sum, l) => sum.plus(l.available), new Decimal(0)));
  }

  /** Newest first. */
  async movements(
    productId: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<StockMovement>> {
    const size = pageSize(first);
    const [before] = decodeCursor(after, 1) ?? [];
    if (!isUuid(productId)) return connection([], size, 0, () => []);
    const query = () =>
      this.db
        .getRepository(StockMovement)
        .createQueryBuilder('m')
        .where('m.product_id = :productId', { productId });
    const page = query();
    if (before !== undefined) page.andWhere('m.position < :before', { before: String(before) });
    const rows = await page
      .orderBy('m.position', 'DESC')
      .limit(size + 1)
      .getMany();
    return connection(
      rows,
      size,
      () => query().getCount(),
      (m) => [m.position],
    );
  }

  /** Oldest first; sales sees the reservations they made, the warehouse all. */
  reservations(
    ctx: ServiceContext,
    productId: string,
    status?: ReservationStatus | null,
  ): Promise<Reservation[]> {
    if (!isUuid(productId)) return Promise.resolve([]);
    const query = this.db
      .getRepository(Reservation)
      .createQueryBuilder('r')
      .where('r.product_id = :productId AND r.status = :status', { productId, status: status ?? 'ACTIVE' });
    if (!hasRole(ctx, 'warehouse')) query.andWhere('r.created_by = :me', { me: ctx.identity.userId });
    return query.orderBy('r.created_at').getMany();
  }
}
