import {
  type Connection,
  type ServiceContext,
  byIdLoader,
  conflict,
  connection,
  decodeCursor,
  fromDatabaseError,
  isUuid,
  lockById,
  pageSize,
  recordEvents,
} from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateProductInput, ProductFilter, UpdateProductInput } from '../generated/graphql.js';
import { Product } from './product.entity.js';
import { productChanged, productCreated } from './product.events.js';
import { normalizeSku, quantity, resolveVat, text } from './product.rules.js';

const NUMERIC = new Set<keyof Product>(['vatRate', 'reorderLevel']);

/** Product master data: created and changed by controllers, read by everyone with a catalogue role. */
export class ProductService {
  constructor(private readonly db: DataSource) {}

  find(ctx: ServiceContext, id: string): Promise<Product | null> {
    return isUuid(id) ? byIdLoader(ctx, this.db, Product).load(id) : Promise.resolve(null);
  }

  findBySku(sku: string): Promise<Product | null> {
    return this.db.getRepository(Product).findOneBy({ sku: sku.trim().toUpperCase() });
  }

  /** By SKU; `search` is a SKU prefix or a part of either name. */
  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter?: ProductFilter | null,
  ) {
    const size = pageSize(first);
    const [afterSku] = decodeCursor(after, 1) ?? [];
    const where = (qb: ReturnType<typeof this.query>) => {
      const search = filter?.search?.trim();
      if (search) {
        const like = search.replace(/[\\%_]/g, (c) => `\\${c}`);
        qb.andWhere('(p.sku LIKE :prefix OR p.name_en ILIKE :part OR p.name_nl ILIKE :part)', {
          prefix: `${like.toUpperCase()}%`,
          part: `%${like}%`,
        });
      }
      if (filter?.active != null) qb.andWhere('p.active = :active', { active: filter.active });
      if (filter?.productGroup)
        qb.andWhere('p.product_group = :group', { group: filter.productGroup.trim() });
      return qb;
    };
    const page = where(this.query());
    if (afterSku !== undefined) page.andWhere('p.sku > :afterSku', { afterSku });
    const rows = await page
      .orderBy('p.sku')
      .limit(size + 1)
      .getMany();
    const total = () => where(this.query()).getCount();
    return connection(rows, size, total, (p) => [p.sku]) as Connection<Product>;
  }

  private query() {
    return this.db.getRepository(Product).createQueryBuilder('p');
  }

  async create(ctx: ServiceContext, input: CreateProductInput): Promise<Product> {
    const nameEn = text(input.name, 'name', 200);
    const values = {
      sku: normalizeSku(input.sku),
      nameEn,
      nameNl: text(input.nameNl, 'nameNl', 200, true) ?? nameEn,
      descriptionEn: text(input.description, 'description', 5000, true),
      descriptionNl: text(input.descriptionNl, 'descriptionNl', 5000, true),
      unit: text(input.unit, 'unit', 20),
      ...resolveVat(input.vatCode, input.vatRate),
      active: true,
      reorderLevel:
        input.reorderLevel == null ? null : quantity(input.reorderLevel, 'reorderLevel', { zero: true }),
      productGroup: text(input.productGroup, 'productGroup', 60, true)?.toUpperCase() ?? null,
      createdBy: ctx.identity.userId,
    };
    return this.db.transaction(async (em) => {
      if (await em.findOneBy(Product, { sku: values.sku }))
        throw conflict(`a product with SKU ${values.sku} already exists`, 'sku');
      const product = await saved(em, em.create(Product, values));
      await recordEvents(em, productCreated(product, ctx.identity));
      return product;
    });
  }

  async update(ctx: ServiceContext, id: string, input: UpdateProductInput): Promise<Product> {
    return this.db.transaction(async (em) => {
      const product = await lockById(em, Product, id, { name: 'Product', field: 'id' });
      const next: Partial<Product> = {};
      if (input.sku != null) next.sku = normalizeSku(input.sku);
      if (input.nameEn != null) next.nameEn = text(input.nameEn, 'nameEn', 200);
      if (input.nameNl != null) next.nameNl = text(input.nameNl, 'nameNl', 200);
      if (input.descriptionEn !== undefined)
        next.descriptionEn = text(input.descriptionEn, 'descriptionEn', 5000, true);
      if (input.descriptionNl !== undefined)
        next.descriptionNl = text(input.descriptionNl, 'descriptionNl', 5000, true);
      if (input.unit != null) next.unit = text(input.unit, 'unit', 20);
      if (input.vatRate != null || input.vatCode != null)
        Object.assign(next, resolveVat(input.vatCode, input.vatRate));
      if (input.active != null) next.active = input.active;
      if (input.reorderLevel !== undefined)
        next.reorderLevel =
          input.reorderLevel === null ? null : quantity(input.reorderLevel, 'reorderLevel', { zero: true });
      if (input.productGroup !== undefined)
        next.productGroup = text(input.productGroup, 'productGroup', 60, true)?.toUpperCase() ?? null;
      // Numeric fields compare as numbers ('21.00' is 21), the rest as stored.
      const same = (k: keyof Product) => {
        const [a, b] = [next[k], product[k]];
        return NUMERIC.has(k) && a != null && b != null
          ? new Decimal(a as string).equals(b as string)
          : a === b;
      };
      const changed = Object.keys(next).filter((k) => !same(k as keyof Product));
      if (changed.length === 0) return product;
      if (changed.includes('sku') && (await skuInUse(em, product.id)))
        throw conflict(`SKU ${product.sku} has prices or stock movements and cannot change`, 'sku');
      if (changed.includes('sku') && (await em.findOneBy(Product, { sku: next.sku })))
        throw conflict(`a product with SKU ${next.sku} already exists`, 'sku');
      Object.assign(product, next, { updatedAt: new Date() });
      const updated = await saved(em, product);
      await recordEvents(em, productChanged(updated, changed, ctx.identity));
      return updated;
    });
  }
}

async function skuInUse(em: EntityManager, productId: string): Promise<boolean> {
  const [row] = await em.query(
    `SELECT EXISTS (SELECT 1 FROM price WHERE product_id = $1)
         OR EXISTS (SELECT 1 FROM stock_movement WHERE product_id = $1) AS used`,
    [productId],
  );
  return row.used;
}

/** Saves and reads the row back as the database stored it (numeric scale, defaults). */
async function saved(em: EntityManager, product: Product): Promise<Product> {
  try {
    const { id } = await em.save(Product, product);
    return await em.findOneByOrFail(Product, { id });
  } catch (e) {
    throw fromDatabaseError(e) ?? e;
  }
}
