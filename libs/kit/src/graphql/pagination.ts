import { badInput } from '../errors.js';

/**
 * Relay connections: `{ edges { cursor node } pageInfo { hasNextPage hasPreviousPage startCursor
 * endCursor } totalCount }`, paged forward with `first`/`after`.
 */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A number, or a function GraphQL calls only when the client selects `totalCount` (counts cost a scan). */
  totalCount: number | (() => Promise<number>);
}

/** The shared `PageInfo` (libs/kit/src/subgraph/common.graphql). */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** The first and last edge's cursor; null on an empty page. */
  startCursor: string | null;
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

/** Cursors are opaque to clients: the keyset values of the last row, base64url JSON. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | null | undefined,
  arity: number,
): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor this list gave out', 'after');
}

/**
 * Builds a connection from rows fetched with `LIMIT first + 1` after the cursor: the extra row only
 * tells whether another page exists.
 *
 * `after` is the argument the rows were read after. Relay's rule for forward paging: `hasPreviousPage`
 * may be true when edges exist before `after`, if the server can tell efficiently, else false. Here it
 * is true when the page was read after a cursor (one this list gave out: decodeCursor refuses any
 * other), since that cursor is the key of a row this list put before the page; false on the first
 * page and when `after` is not passed. Nothing is queried for it; the one case it errs is when every
 * row up to the cursor was deleted since it was given out (true, with nothing left before).
 */
export function connection<T>(
  rows: T[],
  first: number,
  totalCount: number | (() => Promise<number>),
  keyOf: (row: T) => (string | number)[],
  after?: string | null,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: typeof after === 'string' && after.length > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else matches no row, so services check before querying instead of failing in SQL. */
export const isUuid = (id: string | null | undefined): id is string => !!id && UUID.test(id);
