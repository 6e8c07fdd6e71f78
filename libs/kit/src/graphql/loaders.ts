import DataLoader from 'dataloader';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { isUuid } from './pagination.js';

/**
 * Per-request DataLoaders, created on first use: `ctx.loaders.get('employee', ids => ...)`. One
 * registry per request, so nothing is cached across callers.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
    options?: DataLoader.Options<K, V, any>,
  ): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1_000, ...options });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders batch results like the keys; a missing key answers null. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups batch results per key, for one-to-many loaders; a key with none answers []. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * The request's loader of `entity` by primary key: one query however many rows a page resolves,
 * answers in the order asked, null for a key with no row (or one that cannot be a UUID key).
 */
export function byIdLoader<T extends ObjectLiteral>(
  ctx: { loaders: LoaderRegistry },
  db: DataSource,
  entity: EntityTarget<T>,
): DataLoader<string, T | null> {
  const metadata = db.getMetadata(entity);
  const [key] = metadata.primaryColumns;
  const { columns, table } = plainSelect(db, entity);
  // Built once per entity: TypeORM's query builder costs more than the rows for a page of ids.
  const sql = `SELECT ${columns} FROM ${table} WHERE ${db.driver.escape(key.databaseName)} = ANY($1)`;
  return ctx.loaders.get<string, T | null>(`byId:${metadata.tableName}`, async (ids) => {
    const valid = key.type === 'uuid' ? ids.filter(isUuid) : [...ids];
    const rows = valid.length ? hydrate(db, entity, await db.query(sql, [valid])) : [];
    return byKeys(ids, rows, (row) => key.getEntityValue(row) as string);
  });
}

const selects = new WeakMap<object, { columns: string; table: string }>();

/**
 * Every column of `entity` under its database name, and its table, escaped: the select list of a
 * hand-written query whose rows `hydrate` turns into entities. Only for plain entities (columns, no
 * embedded or eager relations), which is what a subgraph's read path loads.
 */
export function plainSelect<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  alias?: string,
  /** Each column as `<prefix><name>`, for a joined entity whose names would clash (`hydrate` alike). */
  as = '',
): { columns: string; table: string } {
  const metadata = db.getMetadata(entity);
  const cacheKey = alias || as ? undefined : metadata;
  const cached = cacheKey && selects.get(cacheKey);
  if (cached) return cached;
  const prefix = alias ? `${db.driver.escape(alias)}.` : '';
  const select = {
    columns: stored(metadata)
      .map(
        (c) =>
          `${prefix}${db.driver.escape(c.databaseName)}${as ? ` AS ${db.driver.escape(as + c.databaseName)}` : ''}`,
      )
      .join(', '),
    table: db.driver.escape(metadata.tableName),
  };
  if (cacheKey) selects.set(cacheKey, select);
  return select;
}

/**
 * Raw rows (every column under its database name, as `plainSelect` lists them) as the entities
 * TypeORM's getMany would give: an instance of the entity class, each value converted by the driver
 * exactly as TypeORM converts it. Without the query builder's per-query work, which on a page of
 * rows costs more than the database does.
 */
export function hydrate<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  rows: Record<string, unknown>[],
  /** The prefix `plainSelect` gave the columns (`as`). */
  as = '',
): T[] {
  const metadata = db.getMetadata(entity);
  const columns = stored(metadata);
  return rows.map((raw) => {
    // As TypeORM's loader makes them: the class's prototype, its constructor not run.
    const row = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const column of columns) {
      const value = raw[as + column.databaseName];
      if (value === undefined) continue;
      column.setEntityValue(row, db.driver.prepareHydratedValue(value, column));
    }
    return row;
  });
}

/** The columns a table stores (TypeORM's virtual ones are computed elsewhere). */
function stored(metadata: EntityMetadata): EntityMetadata['columns'] {
  return metadata.columns.filter((c) => !c.isVirtual);
}
