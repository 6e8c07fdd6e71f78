import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
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
  return ctx.loaders.get<string, T | null>(`byId:${metadata.tableName}`, async (ids) => {
    const valid = key.type === 'uuid' ? ids.filter(isUuid) : [...ids];
    const rows = valid.length
      ? await db
          .getRepository(entity)
          .createQueryBuilder('row')
          .where(`row.${key.propertyPath} = ANY(:ids)`, { ids: valid })
          .getMany()
      : [];
    return byKeys(ids, rows, (row) => key.getEntityValue(row) as string);
  });
}
