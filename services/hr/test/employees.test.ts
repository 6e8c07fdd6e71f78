import { hr as hrEvents } from '@backoffice/events';
import { type RunningSubgraph, parseCloudEvent } from '@backoffice/kit';
import {
  type TestRun,
  callSubgraph,
  eventually,
  newTestRun,
  recordStatements,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrSubgraph } from '../src/hr.subgraph.js';
import type { HrServices } from '../src/services.js';

let run: TestRun;
let hr: RunningSubgraph<HrServices>;
const asHr = testIdentity(['hr']);
const asAnalyst = testIdentity(['analyst']);

const HIRE = /* GraphQL */ `
  mutation Hire($input: HireEmployeeInput!) {
    hireEmployee(input: $input) { id givenName email status workCountry position department { name costCenter } contract { monthlySalary fte } }
  }`;

async function createDepartment(name: string, costCenter: string): Promise<string> {
  const r = await callSubgraph(
    hr.url,
    'mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }',
    { i: { name, costCenter } },
    asHr,
  );
  expect(r.errors).toBeUndefined();
  return r.data.createDepartment.id;
}

function hireInput(departmentId: string, overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: `ada.${Math.random().toString(36).slice(2, 8)}@example.com`,
    departmentId,
    startDate: '2026-01-01',
    workLocation: 'REMOTE',
    position: 'Payroll specialist',
    contract: { monthlySalary: '5000.00', currency: 'EUR', fte: 1 },
    ...overrides,
  };
}

beforeAll(async () => {
  run = newTestRun();
  hr = await startTestSubgraph(run, hrSubgraph);
});
afterAll(() => run?.cleanup());

describe('hiring', () => {
  it('hires, records employee.hired in the same transaction, and publishes it', async () => {
    const dept = await createDepartment('Back office', 'BO-100');
    const r = await callSubgraph(hr.url, HIRE, { input: hireInput(dept) }, asHr);
    expect(r.errors).toBeUndefined();
    const employee = r.data.hireEmployee;
    expect(employee).toMatchObject({
      givenName: 'Ada',
      status: 'ACTIVE',
      workCountry: 'NL',
      department: { costCenter: 'BO-100' },
    });
    expect(employee.position).toBe('Payroll specialist');
    expect(employee.contract).toEqual({ monthlySalary: '5000.00', fte: 1 });

    const [row] = await hr.deps.db.query(`SELECT payload FROM outbox WHERE aggregate_id = $1`, [employee.id]);
    const event = parseCloudEvent(JSON.stringify(row.payload));
    expect(event.type).toBe(hrEvents.employeeHired.type);
    expect(event.source).toBe('/backoffice/hr');
    expect(event.actor).toBe(asHr.userId);
    expect(JSON.stringify(event.data)).not.toContain('5000');
    const sent = await eventually(
      () => hr.deps.db.query('SELECT sent_at FROM outbox WHERE aggregate_id = $1', [employee.id]),
      (rows) => !!rows[0]?.sent_at,
    );
    expect(sent[0].sent_at).not.toBeNull();
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const dept = await createDepartment('Middle office', 'MO-200');
    const before = await hr.deps.db.query('SELECT count(*)::int AS n FROM employee');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: 'not-an-email' }, 'BAD_USER_INPUT', 'email'],
      [{ contract: { monthlySalary: '-10.00', currency: 'EUR', fte: 1 } }, 'BAD_USER_INPUT', ''],
      [{ contract: { monthlySalary: '3000.00', currency: 'EUR', fte: 1.5 } }, 'BAD_USER_INPUT', ''],
      [{ departmentId: '00000000-0000-0000-0000-000000000000' }, 'NOT_FOUND', 'departmentId'],
    ];
    for (const [override, code, field] of cases) {
      const r = await callSubgraph(hr.url, HIRE, { input: hireInput(dept, override) }, asHr);
      expect(r.errors?.[0].extensions?.code, JSON.stringify(override)).toBe(code);
      if (field) expect(r.errors?.[0].extensions?.field).toBe(field);
    }
    const salary = await callSubgraph(
      hr.url,
      HIRE,
      { input: hireInput(dept, { contract: { monthlySalary: 3000, currency: 'EUR', fte: 1 } }) },
      asHr,
    );
    expect(salary.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await hr.deps.db.query('SELECT count(*)::int AS n FROM employee');
    expect(after[0].n).toBe(before[0].n);
  });

  it('keeps email unique among active employees (CONFLICT)', async () => {
    const dept = await createDepartment('Front office', 'FO-300');
    const input = hireInput(dept, { email: 'unique.person@example.com' });
    expect((await callSubgraph(hr.url, HIRE, { input }, asHr)).errors).toBeUndefined();
    const again = await callSubgraph(hr.url, HIRE, { input }, asHr);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('access', () => {
  it('answers UNAUTHENTICATED without identity and FORBIDDEN for the wrong role, with the rest intact', async () => {
    const anonymous = await callSubgraph(hr.url, '{ departments { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const dept = await createDepartment('Payroll office', 'PO-400');
    const hired = await callSubgraph(hr.url, HIRE, { input: hireInput(dept) }, asHr);
    const id = hired.data.hireEmployee.id;
    const r = await callSubgraph(
      hr.url,
      'query($id: ID!) { employee(id: $id) { givenName contract { monthlySalary } personalData { iban } } }',
      { id },
      asAnalyst,
    );
    expect(r.data.employee.givenName).toBe('Ada');
    expect(r.data.employee.contract).toBeNull();
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const self = await callSubgraph(
      hr.url,
      'query($id: ID!) { employee(id: $id) { contract { monthlySalary } } }',
      { id },
      testIdentity(['employee'], { employeeId: id }),
    );
    expect(self.data.employee.contract.monthlySalary).toBe('5000.00');
    const hireAsAnalyst = await callSubgraph(hr.url, HIRE, { input: hireInput(dept) }, asAnalyst);
    expect(hireAsAnalyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('guards entity references too', async () => {
    const r = await callSubgraph(
      hr.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { givenName } } }',
      {
        r: [{ __typename: 'Employee', id: '00000000-0000-0000-0000-000000000000' }],
      },
    );
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('terminating', () => {
  it('terminates once, ends the contract, and refuses a second time with CONFLICT', async () => {
    const dept = await createDepartment('Leavers', 'LV-500');
    const id = (await callSubgraph(hr.url, HIRE, { input: hireInput(dept) }, asHr)).data.hireEmployee.id;
    const TERMINATE =
      'mutation($id: ID!, $d: Date!) { terminateEmployee(id: $id, endDate: $d, reason: "resigned") { status endDate contractHistory { endDate } } }';
    const before = await callSubgraph(hr.url, TERMINATE, { id, d: '2025-12-01' }, asHr);
    expect(before.errors?.[0].extensions?.field).toBe('endDate');
    const r = await callSubgraph(hr.url, TERMINATE, { id, d: '2026-06-30' }, asHr);
    expect(r.data.terminateEmployee).toEqual({
      status: 'TERMINATED',
      endDate: '2026-06-30',
      contractHistory: [{ endDate: '2026-06-30' }],
    });
    const again = await callSubgraph(hr.url, TERMINATE, { id, d: '2026-06-30' }, asHr);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('listing', () => {
  it('pages through employees with cursors and filters, in a constant number of queries', async () => {
    const dept = await createDepartment('Listing', 'LS-600');
    for (let i = 0; i < 5; i++) {
      await callSubgraph(hr.url, HIRE, { input: hireInput(dept, { familyName: `Zeta${i}` }) }, asHr);
    }
    const LIST =
      'query($after: String, $f: EmployeeFilter) { employees(first: 2, after: $after, filter: $f) { totalCount edges { cursor node { familyName department { name } manager { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await callSubgraph(hr.url, LIST, { after, f: { departmentId: dept } }, asAnalyst);
      expect(r.errors).toBeUndefined();
      expect(r.data.employees.totalCount).toBe(5);
      // Relay's forward paging: a page read after a cursor has one before it; the first has none.
      expect(r.data.employees.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(r.data.employees.pageInfo.startCursor).toBe(r.data.employees.edges[0].cursor);
      names.push(...r.data.employees.edges.map((e: any) => e.node.familyName));
      if (!r.data.employees.pageInfo.hasNextPage) break;
      after = r.data.employees.pageInfo.endCursor;
    }
    expect(names).toEqual(['Zeta0', 'Zeta1', 'Zeta2', 'Zeta3', 'Zeta4']);

    // Count statements: the page, its total, departments in one batch, managers in one batch.
    // Every statement, through TypeORM or the kit's direct reads (recordStatements says why).
    const statements = async (first: number) => {
      const { sql } = await recordStatements(hr.deps.db, () =>
        callSubgraph(
          hr.url,
          `{ employees(first: ${first}) { edges { node { department { name } manager { givenName } reports { id } } } } }`,
          {},
          asAnalyst,
        ),
      );
      return sql.length;
    };
    const small = await statements(1);
    const large = await statements(100);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
