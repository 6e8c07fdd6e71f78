import { describe, expect, it } from 'vitest';
import { connection, decodeCursor, encodeCursor, pageSize } from './pagination.js';

describe('pagination', () => {
  it('builds a connection from first + 1 rows', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = connection(rows, 2, 10, (r) => [r.id]);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    expect(page.totalCount).toBe(10);
    expect(connection(rows.slice(0, 1), 2, 1, (r) => [r.id]).pageInfo.hasNextPage).toBe(false);
  });

  it('refuses cursors it did not give out and page sizes out of range', () => {
    expect(decodeCursor(encodeCursor(['x', 1]), 2)).toEqual(['x', 1]);
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(['x']), 2)).toThrow(/cursor/);
    expect(() => pageSize(1000)).toThrow(/first/);
    expect(pageSize(undefined)).toBe(20);
  });
});
