import DataLoader from 'dataloader';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { poolOf } from '../db/database.js';
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

  /** The loader registered under `name`, if this request made one. */
  existing(name: string): DataLoader<any, any> | undefined {
    return this.loaders.get(name);
  }

  /** Registers a loader built by the caller (a HeldLoader) under `name`, and returns it. */
  add<L extends DataLoader<any, any>>(name: string, loader: L): L {
    this.loaders.set(name, loader);
    return loader;
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
 * A DataLoader that also keeps the values this request holds (primed, or answered by a batch), so
 * `value` can hand one back as it is: a resolver that returns the value instead of a promise lets
 * graphql-js complete the row synchronously, where a promise per row of a page costs a microtask
 * round, a `promiseForObject` and their garbage, more than the lookup itself.
 */
export class HeldLoader<K, V> extends DataLoader<K, V> {
  private readonly held: Map<K, V>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, any>) {
    const held = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => {
        const value = values[i];
        if (!(value instanceof Error) && !held.has(key)) held.set(key, value);
      });
      return values;
    }, options);
    this.held = held;
  }

  /** The value of `key`: itself when this request already holds it, else what `load` promises. */
  value(key: K): V | Promise<V> {
    return this.held.has(key) ? (this.held.get(key) as V) : this.load(key);
  }

  // Like DataLoader's cache, a primed key keeps its first value.
  override prime(key: K, value: V | Promise<V> | Error): this {
    if (!(value instanceof Error) && !(value instanceof Promise) && !this.held.has(key))
      this.held.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.held.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.held.clear();
    return super.clearAll();
  }
}

/**
 * The request's loader of `entity` by primary key: one query however many rows a page resolves,
 * answers in the order asked, null for a key with no row (or one that cannot be a UUID key). Rows
 * primed or loaded before are held (`HeldLoader.value`).
 */
export function byIdLoader<T extends ObjectLiteral>(
  ctx: { loaders: LoaderRegistry },
  db: DataSource,
  entity: EntityTarget<T>,
): HeldLoader<string, T | null> {
  const plan = planOf(db, entity);
  const existing = ctx.loaders.existing(plan.loaderName);
  if (existing) return existing as HeldLoader<string, T | null>;
  const [key] = plan.metadata.primaryColumns;
  // Built once per entity: TypeORM's query builder costs more than the rows for a page of ids.
  plan.byIdSql ??= `SELECT ${plainSelect(db, entity).columns} FROM ${plan.table} WHERE ${db.driver.escape(key.databaseName)} = ANY($1)`;
  const sql = plan.byIdSql;
  return ctx.loaders.add(
    plan.loaderName,
    new HeldLoader<string, T | null>(
      async (ids) => {
        const valid = key.type === 'uuid' ? ids.filter(isUuid) : [...ids];
        const rows = valid.length ? hydrate(db, entity, await readRows(db, sql, [valid])) : [];
        return byKeys(ids, rows, (row) => key.getEntityValue(row) as string);
      },
      { maxBatchSize: 1_000 },
    ),
  );
}

/**
 * A read statement on a pooled connection of its own, as `db.query` runs one outside a transaction,
 * without TypeORM's query runner around it (its subscriber events and bookkeeping, which no read
 * needs, were 2-3 % of hr's page). Errors are pg's own (`code` as on a QueryFailedError's driverError).
 */
export async function readRows(
  db: DataSource,
  sql: string,
  params: readonly unknown[],
): Promise<Record<string, unknown>[]> {
  return (await poolOf(db).query(sql, params as unknown[])).rows;
}

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
  /**
   * Only the columns of these properties: rows `hydrate` then makes partial entities, for a read
   * that knows what it will use (and must not share them where whole entities are expected).
   */
  only?: ReadonlySet<string>,
): { columns: string; table: string } {
  const plan = planOf(db, entity);
  const columns = only ? plan.columns.filter(({ column }) => only.has(column.propertyName)) : plan.columns;
  const cacheKey = `${alias ?? ''} ${as}${only ? ` ${columns.map((c) => c.name).join(',')}` : ''}`;
  const cached = plan.selects.get(cacheKey);
  if (cached) return cached;
  const prefix = alias ? `${db.driver.escape(alias)}.` : '';
  const select = {
    columns: columns
      .map(
        ({ column: c }) =>
          `${prefix}${db.driver.escape(c.databaseName)}${as ? ` AS ${db.driver.escape(as + c.databaseName)}` : ''}`,
      )
      .join(', '),
    table: plan.table,
  };
  plan.selects.set(cacheKey, select);
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
  const { metadata, columns } = planOf(db, entity);
  const { driver } = db;
  return rows.map((raw) => {
    // As TypeORM's loader makes them: the class's prototype, its constructor not run.
    const row = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const { column, name, asStored } of columns) {
      const value = raw[as + name];
      if (value === undefined) continue;
      if (asStored) (row as Record<string, unknown>)[column.propertyName] = value;
      else column.setEntityValue(row, driver.prepareHydratedValue(value, column));
    }
    return row;
  });
}

/**
 * Column types whose value the driver hands over as pg gave it (prepareHydratedValue converts
 * dates, times, enums, numbers declared as Number, JSON kept in text, and the like, and nothing else).
 */
const AS_STORED = new Set([
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'citext',
  'uuid',
  'numeric',
  'decimal',
  'boolean',
  'bool',
  'int',
  'int2',
  'int4',
  'int8',
  'integer',
  'smallint',
  'bigint',
  'json',
  'jsonb',
]);

/** What `hydrate`, `plainSelect` and `byIdLoader` need of an entity, worked out once per process. */
interface EntityPlan {
  metadata: EntityMetadata;
  table: string;
  loaderName: string;
  /** The columns a table stores (TypeORM's virtual ones are computed elsewhere). */
  columns: { column: ColumnMetadata; name: string; asStored: boolean }[];
  selects: Map<string, { columns: string; table: string }>;
  byIdSql?: string;
}

const plans = new WeakMap<DataSource, Map<unknown, EntityPlan>>();

function planOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): EntityPlan {
  let byEntity = plans.get(db);
  if (!byEntity) {
    byEntity = new Map();
    plans.set(db, byEntity);
  }
  let plan = byEntity.get(entity);
  if (plan) return plan;
  const metadata = db.getMetadata(entity);
  plan = {
    metadata,
    table: db.driver.escape(metadata.tableName),
    loaderName: `byId:${metadata.tableName}`,
    columns: metadata.columns
      .filter((c) => !c.isVirtual)
      .map((column) => ({
        column,
        name: column.databaseName,
        // Set straight on the row only where setEntityValue and prepareHydratedValue would do just that.
        asStored:
          typeof column.type === 'string' &&
          AS_STORED.has(column.type) &&
          !column.transformer &&
          !column.embeddedMetadata &&
          !column.relationMetadata &&
          !column.referencedColumn &&
          !column.isArray,
      })),
    selects: new Map(),
  };
  byEntity.set(entity, plan);
  return plan;
}
