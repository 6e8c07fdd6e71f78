import { describe, expect, it } from 'vitest';
import { connection, decodeCursor, encodeCursor, pageSize } from './pagination.js';

describe('pagination', () => {
  it('builds a connection from first + 1 rows', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = connection(rows, 2, 10, (r) => [r.id]);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(['a']),
      endCursor: encodeCursor(['b']),
    });
    expect(page.totalCount).toBe(10);
    expect(connection(rows.slice(0, 1), 2, 1, (r) => [r.id]).pageInfo.hasNextPage).toBe(false);
  });

  it('pages forward with Relay pageInfo: hasPreviousPage after a cursor, start and end cursors', () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    // What a service does: decode `after`, read `first + 1` rows past it, build the connection.
    const read = (first: number, after?: string | null) => {
      const [key] = decodeCursor(after, 1) ?? [];
      const rows = all.filter((r) => key === undefined || r.id > String(key)).slice(0, first + 1);
      return connection(rows, first, all.length, (r) => [r.id], after);
    };
    const pages: { ids: string[]; pageInfo: object }[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = read(2, after);
      pages.push({ ids: page.edges.map((e) => e.node.id), pageInfo: page.pageInfo });
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const c = (id: string) => encodeCursor([id]);
    expect(pages).toEqual([
      {
        ids: ['a', 'b'],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: c('a'), endCursor: c('b') },
      },
      {
        ids: ['c', 'd'],
        pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: c('c'), endCursor: c('d') },
      },
      {
        ids: ['e'],
        pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: c('e'), endCursor: c('e') },
      },
    ]);
    // Past the end: rows exist before the cursor, none on the page.
    expect(read(2, c('e')).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
    // No `after` (null, empty, or not passed by the service): the first page.
    for (const none of [null, undefined, '']) {
      expect(read(2, none).pageInfo.hasPreviousPage).toBe(false);
    }
    expect(connection(all, 2, 5, (r) => [r.id]).pageInfo.hasPreviousPage).toBe(false);
    // An empty list has no cursors at all.
    expect(connection([], 2, 0, () => []).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('refuses cursors it did not give out and page sizes out of range', () => {
    expect(decodeCursor(encodeCursor(['x', 1]), 2)).toEqual(['x', 1]);
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(['x']), 2)).toThrow(/cursor/);
    expect(() => pageSize(1000)).toThrow(/first/);
    expect(pageSize(undefined)).toBe(20);
  });
});
