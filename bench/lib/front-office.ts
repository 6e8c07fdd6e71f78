import { type GraphQLClient, mintToken } from '@backoffice/testkit';

/**
 * The data of a front-office page, created through the graph as users would: a department, employees
 * hired through hr (IT opens an onboarding ticket for each from the bus), a finalized payroll run (so
 * Employee.payrollCost has a figure), and a document filed for each employee.
 */
export const YEAR = new Date().getUTCFullYear();
const PERIOD = `${YEAR}-01`;

/** Three subgraphs: hr (page, department, payroll cost from its payslips), it (tickets), documents (count). */
export const FEDERATED_QUERY = `query FrontOfficePage($first: Int!, $year: Int!) {
  employees(first: $first) {
    edges { node {
      id givenName familyName
      department { name costCenter }
      tickets { id status }
      documents { id }
      payrollCost(year: $year)
    } }
  }
}`;

/** hr alone: the same page without the other subgraphs' fields. */
export const SINGLE_QUERY = `query EmployeePage($first: Int!) {
  employees(first: $first) {
    edges { node { id givenName familyName email status department { name costCenter } } }
  }
}`;

function ok<T>(r: { data: T | null | undefined; errors?: { message: string }[] }, what: string): T {
  if (r.errors?.length || !r.data) throw new Error(`${what}: ${JSON.stringify(r.errors ?? r.data)}`);
  return r.data;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function seedFrontOffice(admin: GraphQLClient, employees: number): Promise<string[]> {
  const dept = ok(
    await admin.query(
      'mutation { createDepartment(input: { name: "Front office", costCenter: "FO-1" }) { id } }',
    ),
    'createDepartment',
  ) as { createDepartment: { id: string } };
  const ids: string[] = [];
  for (let i = 0; i < employees; i++) {
    const hired = ok(
      await admin.query('mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }', {
        input: {
          givenName: `Given${i}`,
          familyName: `Family${i}`,
          email: `bench.${i}@example.com`,
          departmentId: dept.createDepartment.id,
          startDate: `${YEAR}-01-01`,
          workLocation: i % 3 === 0 ? 'REMOTE' : 'OFFICE',
          contract: { monthlySalary: String(3000 + i * 100), currency: 'EUR', fte: 1 },
        },
      }),
      'hireEmployee',
    ) as { hireEmployee: { id: string } };
    ids.push(hired.hireEmployee.id);
  }
  for (const [i, id] of ids.entries()) {
    ok(
      await admin.query('mutation($input: UploadDocumentInput!) { uploadDocument(input: $input) { id } }', {
        input: {
          title: `Employment contract ${i}`,
          mimeType: 'text/plain',
          contentBase64: Buffer.from(`Employment contract of employee ${i}\n`).toString('base64'),
          ownerEmployeeId: id,
          documentType: 'contract',
        },
      }),
      'uploadDocument',
    );
  }
  const run = ok(
    await admin.query('mutation($p: String!) { createPayrollRun(period: $p) { id } }', { p: PERIOD }),
    'createPayrollRun',
  ) as { createPayrollRun: { id: string } };
  const id = run.createPayrollRun.id;
  ok(await admin.query('mutation($id: ID!) { calculatePayrollRun(id: $id) { id } }', { id }), 'calculate');
  // Four eyes on payroll: a second person finalizes what the admin calculated.
  const checker = admin.as(await mintToken({ sub: 'bench-payroll-checker', roles: ['payroll'] }));
  ok(await checker.query('mutation($id: ID!) { finalizePayrollRun(id: $id) { id } }', { id }), 'finalize');

  // The bus carries the rest: onboarding tickets (it) and the payroll booking (accounting).
  await waitFor('onboarding tickets and payroll cost', async () => {
    const r = await admin.query(FEDERATED_QUERY, { first: employees, year: YEAR });
    if (r.errors?.length) return false;
    const nodes = (r.data?.employees.edges ?? []).map((e: any) => e.node);
    return (
      nodes.length === employees &&
      nodes.every((n: any) => n.tickets.length > 0 && n.payrollCost !== null && n.documents.length > 0)
    );
  });
  return ids;
}

/** Checks that a gateway answers the page completely (no errors, every field filled). */
export async function checkAnswer(
  url: string,
  body: string,
  headers: Record<string, string>,
  employees: number,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const json = (await res.json()) as { data?: any; errors?: unknown[] };
  const edges = json.data?.employees?.edges ?? [];
  if (res.status !== 200 || json.errors?.length || edges.length !== employees)
    throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
}
