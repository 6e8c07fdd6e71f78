import { randomUUID } from 'node:crypto';
import {
  callSubgraph,
  newTestRun,
  recordStatements,
  type TestRun,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../../services/accounting/src/accounting.subgraph.js';
import { documentsSubgraph } from '../../services/documents/src/documents.subgraph.js';
import { hrSubgraph } from '../../services/hr/src/hr.subgraph.js';
import { itSubgraph } from '../../services/it/src/it.subgraph.js';

/**
 * Batching of `_entities`, the call the gateway makes for every federated page: the SQL statements a
 * subgraph runs must not grow with the number of representations (one per entity type and per
 * batched field, through ctx.loaders). Counted by wrapping the data source's query runners, as
 * services/hr/test/employees.test.ts does. Employees are 100 real hr rows (with department and
 * manager); tickets, documents and journal entries are fresh UUIDs: their lookups run all the same.
 */
const asAdmin = testIdentity(['admin']);
let run: TestRun;
const urls: Record<string, { url: string; db: any }> = {};
let employeeIds: string[] = [];

beforeAll(async () => {
  run = newTestRun();
  for (const [name, definition] of [
    ['hr', hrSubgraph],
    ['it', itSubgraph],
    ['documents', documentsSubgraph],
    ['accounting', accountingSubgraph],
  ] as const) {
    const running = await startTestSubgraph(run, definition as any);
    urls[name] = { url: running.url, db: running.deps.db };
  }
  // hr resolves nested fields only for employees that exist: 100 real ones, each with a manager.
  const hr = urls.hr.db;
  await hr.query(`INSERT INTO department (name, cost_center) VALUES ('Batching', 'BT-1')`);
  await hr.query(
    `INSERT INTO employee (given_name, family_name, email, status, work_location, work_country, department_id, start_date)
     SELECT 'Given' || g, 'Family' || g, 'batch' || g || '@example.com', 'ACTIVE', 'OFFICE', 'NL',
            (SELECT id FROM department LIMIT 1), DATE '2025-01-01'
     FROM generate_series(1, 101) g`,
  );
  await hr.query(
    `UPDATE employee SET manager_id = (SELECT id FROM employee WHERE email = 'batch1@example.com') WHERE email <> 'batch1@example.com'`,
  );
  employeeIds = (await hr.query(`SELECT id FROM employee WHERE email <> 'batch1@example.com'`)).map(
    (r: { id: string }) => r.id,
  );
}, 120_000);

afterAll(() => run?.cleanup(), 60_000);

/** Statements the subgraph's database saw while answering one `_entities` call with `n` keys. */
async function statements(service: string, typename: string, selection: string, n: number) {
  const { url, db } = urls[service];
  // Real employees (hr resolves their department and manager); fresh keys elsewhere.
  const representations = Array.from({ length: n }, (_, i) => ({
    __typename: typename,
    id: typename === 'Employee' ? employeeIds[i] : randomUUID(),
  }));
  const { sql } = await recordStatements(db, async () => {
    const r = await callSubgraph(
      url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
      { r: representations },
      asAdmin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data._entities).toHaveLength(n);
  });
  return sql.length;
}

const cases: [service: string, typename: string, selection: string][] = [
  ['hr', 'Employee', 'id givenName department { name } manager { id }'],
  ['it', 'Employee', 'id tickets { id status } assets { id }'],
  ['it', 'Ticket', 'id title status'],
  ['documents', 'Employee', 'id documents { id title }'],
  ['documents', 'Document', 'id title'],
  ['hr', 'Employee', 'id payrollCost(year: 2026)'],
  ['accounting', 'JournalEntry', 'id number status'],
];

describe('_entities runs the same statements for 1 and for 100 representations', () => {
  for (const [service, typename, selection] of cases) {
    it(`${service} ${typename} { ${selection} }`, async () => {
      await statements(service, typename, selection, 1); // warm: loaders, prepared plans, caches
      const one = await statements(service, typename, selection, 1);
      const hundred = await statements(service, typename, selection, 100);
      expect(one).toBeGreaterThan(0);
      expect(hundred).toBe(one);
    });
  }
});
