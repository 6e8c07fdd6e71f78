import { describe, expect, it } from 'vitest';
import { HeldLoader } from './loaders.js';

describe('HeldLoader', () => {
  const rows = new Map([
    ['d-1', { id: 'd-1', name: 'Front office' }],
    ['d-2', { id: 'd-2', name: 'Finance' }],
  ]);
  const batches: string[][] = [];
  const loader = () =>
    new HeldLoader<string, { id: string; name: string } | null>(async (ids) => {
      batches.push([...ids]);
      return ids.map((id) => rows.get(id) ?? null);
    });

  it('hands back a primed row as it is, and a promise for one it does not hold', async () => {
    const departments = loader();
    departments.prime('d-1', rows.get('d-1') ?? null);
    expect(departments.value('d-1')).toBe(rows.get('d-1'));
    const pending = departments.value('d-2');
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe(rows.get('d-2'));
    // Loaded once, held from then on: no second query, no promise.
    expect(departments.value('d-2')).toBe(rows.get('d-2'));
    expect(batches.at(-1)).toEqual(['d-2']);
  });

  it('holds a missing row as null, keeps the first primed value, and forgets what is cleared', async () => {
    const departments = loader();
    expect(await departments.value('d-9')).toBeNull();
    expect(departments.value('d-9')).toBeNull();
    departments.prime('d-1', rows.get('d-1') ?? null);
    departments.prime('d-1', { id: 'd-1', name: 'changed' });
    expect(departments.value('d-1')).toBe(rows.get('d-1'));
    departments.clear('d-1');
    expect(departments.value('d-1')).toBeInstanceOf(Promise);
    departments.clearAll();
    expect(departments.value('d-9')).toBeInstanceOf(Promise);
  });

  it('does not hold an error a batch answered', async () => {
    const failing = new HeldLoader<string, string>(async (ids) => ids.map((id) => new Error(`no ${id}`)));
    await expect(failing.value('x')).rejects.toThrow('no x');
    const again = failing.value('x');
    expect(again).toBeInstanceOf(Promise);
    await expect(again).rejects.toThrow('no x');
  });
});
