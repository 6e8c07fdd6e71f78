import type { Employee } from './employee.entity.js';

/**
 * The Employee fields answered from the row's own column (the default resolver), and `department`,
 * whose resolver reads `departmentId`. A field with a resolver of its own reading more of the row
 * (contract, personalData, manager, ...) is not here: a page asking for one reads whole rows.
 */
const COLUMN_FIELDS = new Map<string, readonly (keyof Employee)[]>([
  ['__typename', []],
  ['id', ['id']],
  ['givenName', ['givenName']],
  ['familyName', ['familyName']],
  ['email', ['email']],
  ['status', ['status']],
  ['workLocation', ['workLocation']],
  ['workCountry', ['workCountry']],
  ['position', ['position']],
  ['startDate', ['startDate']],
  ['endDate', ['endDate']],
  ['department', ['departmentId']],
]);

/** What the page's keyset cursor is made of: always read. */
const CURSOR: readonly (keyof Employee)[] = ['familyName', 'givenName', 'id'];

const worked = new WeakMap<ReadonlySet<string>, ReadonlySet<string> | null>();

/**
 * The employee properties a page selecting `fields` (of each node) reads, or undefined when it needs
 * whole rows. A page of names and departments then parses a third of the columns, and none of the
 * timestamps.
 */
export function pageProperties(fields: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!fields) return undefined;
  let properties = worked.get(fields);
  if (properties === undefined) {
    const needed = new Set<string>(CURSOR);
    for (const field of fields) {
      const columns = COLUMN_FIELDS.get(field);
      if (!columns) {
        needed.clear();
        break;
      }
      for (const c of columns) needed.add(c);
    }
    properties = needed.size > 0 ? needed : null;
    worked.set(fields, properties);
  }
  return properties ?? undefined;
}
