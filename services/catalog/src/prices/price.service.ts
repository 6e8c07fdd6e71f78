import {
  type ServiceContext,
  badInput,
  byIdLoader,
  conflict,
  fromDatabaseError,
  isUuid,
  lockById,
  notFound,
  recordEvents,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import type { SetPriceInput } from '../generated/graphql.js';
import { Product } from '../products/product.entity.js';
import { amount, quantity, text } from '../products/product.rules.js';
import { Price, PriceList } from './price.entity.js';
import { priceChanged, priceListCreated } from './price.events.js';
import { requestPriceApproval } from './price-approval.js';
import {
  type PriceView,
  checkPeriod,
  currencyCode,
  dayBefore,
  priceChange,
  priceView,
  today,
} from './price.rules.js';

const EXCLUSION_VIOLATION = '23P01';

/** Price lists and their dated prices with quantity breaks. */
export class PriceService {
  constructor(
    private readonly db: DataSource,
    /** A change by more than this percentage waits for a second person (price-approval.ts). */
    private readonly approvalPercent = 10,
  ) {}

  lists(): Promise<PriceList[]> {
    return this.db.getRepository(PriceList).find({ order: { name: 'ASC' } });
  }

  findList(ctx: ServiceContext, id: string): Promise<PriceList | null> {
    return byIdLoader(ctx, this.db, PriceList).load(id);
  }

  async createList(ctx: ServiceContext, rawName: string, rawCurrency: string): Promise<PriceList> {
    const name = text(rawName, 'name', 100);
    const currency = currencyCode(rawCurrency);
    return this.db.transaction(async (em) => {
      if (await em.findOneBy(PriceList, { name }))
        throw conflict(`a price list named ${name} exists`, 'name');
      const list = await em.save(em.create(PriceList, { name, currency, createdBy: ctx.identity.userId }));
      await recordEvents(em, priceListCreated(list, ctx.identity));
      return list;
    });
  }

  /**
   * The price to quote: the period of the list containing `on`, of the highest quantity break not above
   * `quantity`. One statement for every product a request asks about.
   */
  async quote(
    ctx: ServiceContext,
    product: Product,
    priceListId: string,
    on?: string | null,
    qty?: string | null,
  ): Promise<PriceView | null> {
    if (!isUuid(priceListId)) return null;
    const q = qty == null ? '1' : quantity(qty, 'quantity');
    const key = [product.id, priceListId, on ?? today(), q].join('|');
    const row = await ctx.loaders
      .get<string, Price | null>('price-quote', async (keys) => {
        const parts = keys.map((k) => k.split('|'));
        const rows: (Price & { key: string })[] = await this.db.query(
          `SELECT DISTINCT ON (k.key) k.key, p.id, p.price_list_id AS "priceListId", p.amount,
                  p.min_quantity AS "minQuantity", p.valid_from::text AS "validFrom", p.valid_to::text AS "validTo"
             FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::date[], $5::numeric[])
                  AS k(key, product_id, price_list_id, on_date, qty)
             JOIN price p ON p.product_id = k.product_id AND p.price_list_id = k.price_list_id
                         AND p.validity @> k.on_date AND p.min_quantity <= k.qty AND p.status = 'ACTIVE'
            ORDER BY k.key, p.min_quantity DESC`,
          [keys, ...[0, 1, 2, 3].map((i) => parts.map((p) => p[i]))],
        );
        const byKey = new Map(rows.map((r) => [r.key, r]));
        return keys.map((k) => byKey.get(k) ?? null);
      })
      .load(key);
    if (!row) return null;
    const list = await this.findList(ctx, priceListId);
    return list ? priceView(row, product.vatRate, list.currency) : null;
  }

  /** Every period of the product on the list: by quantity break, newest first. */
  async history(ctx: ServiceContext, product: Product, priceListId: string): Promise<PriceView[]> {
    const list = isUuid(priceListId) ? await this.findList(ctx, priceListId) : null;
    if (!list) return [];
    const rows = await this.db.getRepository(Price).find({
      where: { productId: product.id, priceListId },
      order: { minQuantity: 'ASC', validFrom: 'DESC' },
    });
    return rows.map((r) => priceView(r, product.vatRate, list.currency));
  }

  /**
   * A new price period. A period of the same break that is open on `validFrom` and began before it
   * ends the day before (the change takes effect on its date, the old price stays as history); any
   * other overlap is refused by the database's exclusion constraint and answered with CONFLICT.
   */
  async set(ctx: ServiceContext, input: SetPriceInput, now = new Date()): Promise<PriceView> {
    const values = {
      amount: amount(input.amount, 'amount'),
      minQuantity: input.minQuantity == null ? '1' : quantity(input.minQuantity, 'minQuantity'),
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    };
    checkPeriod(values.validFrom, values.validTo);
    return this.db.transaction(async (em) => {
      const product = await lockById(em, Product, input.productId, { name: 'Product', field: 'productId' });
      const list = isUuid(input.priceListId)
        ? await em.findOneBy(PriceList, { id: input.priceListId })
        : null;
      if (!list) throw Object.assign(notFound('PriceList', input.priceListId), { field: 'priceListId' });
      const [open]: { id: string; amount: string }[] = await em.query(
        `SELECT id, amount FROM price
          WHERE product_id = $1 AND price_list_id = $2 AND min_quantity = $3
            AND valid_from < $4 AND (valid_to IS NULL OR valid_to >= $4) AND status = 'ACTIVE'
          FOR UPDATE`,
        [product.id, list.id, values.minQuantity, values.validFrom],
      );
      if (open) {
        if (values.validFrom < today(now))
          throw badInput(
            'a price change takes effect today or later; earlier prices are history',
            'validFrom',
          );
        const change = priceChange(open.amount, values.amount, this.approvalPercent);
        if (change.needsApproval)
          return requestPriceApproval(em, ctx.identity, {
            product,
            list,
            values,
            previousAmount: open.amount,
            percent: change.percent,
          });
        await em.query('UPDATE price SET valid_to = $2 WHERE id = $1', [
          open.id,
          dayBefore(values.validFrom),
        ]);
      }
      let price: Price;
      try {
        price = await em.save(
          em.create(Price, {
            ...values,
            productId: product.id,
            priceListId: list.id,
            createdBy: ctx.identity.userId,
          }),
        );
      } catch (e) {
        if ((e as { driverError?: { code?: string } }).driverError?.code === EXCLUSION_VIOLATION)
          throw conflict(
            `${product.sku} already has a price on ${list.name} from ${values.minQuantity} in that period`,
            'validFrom',
          );
        throw fromDatabaseError(e) ?? e;
      }
      const view = priceView(price, product.vatRate, list.currency);
      const previous = open
        ? priceView({ ...price, amount: open.amount }, product.vatRate, list.currency).amount
        : null;
      await recordEvents(
        em,
        priceChanged({ ...view, productId: product.id, sku: product.sku }, previous, ctx.identity),
      );
      return view;
    });
  }
}
