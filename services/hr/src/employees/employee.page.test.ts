import { describe, expect, it } from 'vitest';
import { pageProperties } from './employee.page.js';

describe('pageProperties', () => {
  it('reads the columns of a page of plain fields, with the cursor and what department needs', () => {
    expect([...(pageProperties(new Set(['id', 'email', 'department', '__typename'])) ?? [])].sort()).toEqual([
      'departmentId',
      'email',
      'familyName',
      'givenName',
      'id',
    ]);
  });

  it('reads whole rows when a field has a resolver reading more of the row, or nothing is known', () => {
    expect(pageProperties(new Set(['id', 'contract']))).toBeUndefined();
    expect(pageProperties(new Set(['givenName', 'personalData']))).toBeUndefined();
    expect(pageProperties(new Set(['manager']))).toBeUndefined();
    expect(pageProperties(undefined)).toBeUndefined();
  });
});
