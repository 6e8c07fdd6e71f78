/**
 * `pnpm seed`: loads the demo company through the graph, idempotently (run it twice, get one company).
 * Needs a running platform (`pnpm start`); GATEWAY_URL defaults to http://localhost:4000/graphql.
 *
 * Front, middle and back office departments; 40 employees, a quarter of them remote with a
 * remote-work allowance; a raise for some; leave; and finalized payroll runs for the last year, each
 * calculated by one payroll user and finalized by a second (four eyes); a small catalogue with prices
 * and stock (seed-catalog.ts).
 */
import { graphqlClient, mintToken } from '@backoffice/testkit';
import { seedCatalog } from './seed-catalog.js';

const url = process.env.GATEWAY_URL ?? `http://localhost:${process.env.GATEWAY_PORT ?? 4000}/graphql`;
const say = (m: string) => process.stdout.write(`[seed] ${m}\n`);

const DEPARTMENTS = [
  { name: 'Front office', costCenter: 'FO-100' },
  { name: 'Middle office', costCenter: 'MO-200' },
  { name: 'Back office', costCenter: 'BO-300' },
  { name: 'Finance', costCenter: 'FIN-400' },
  { name: 'IT', costCenter: 'IT-500' },
];
const GIVEN = [
  'Ada',
  'Alan',
  'Grace',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Margaret',
  'Niklaus',
];
const FAMILY = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer'];

function monthsBack(n: number): string[] {
  const now = new Date();
  const out: string[] = [];
  for (let i = n; i >= 1; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

async function main(): Promise<void> {
  const admin = graphqlClient(url, await mintToken({ sub: 'seed', roles: ['admin'] }));
  const approver = graphqlClient(url, await mintToken({ sub: 'seed-approver', roles: ['hr'] }));
  // Four eyes on payroll: one payroll user calculates, a second one checks and finalizes.
  const payroll = graphqlClient(url, await mintToken({ sub: 'seed-payroll', roles: ['payroll'] }));
  const payrollChecker = graphqlClient(
    url,
    await mintToken({ sub: 'seed-payroll-checker', roles: ['payroll'] }),
  );
  const mustAs = (client: typeof admin) => async (query: string, variables?: Record<string, unknown>) => {
    const r = await client.query(query, variables);
    if (r.errors?.length) throw new Error(`${r.errors[0].message} (${r.errors[0].extensions?.code})`);
    return r.data;
  };
  const must = mustAs(admin);

  const existing = (await must('{ departments { id costCenter } }')).departments as {
    id: string;
    costCenter: string;
  }[];
  const departments = new Map(existing.map((d) => [d.costCenter, d.id]));
  for (const d of DEPARTMENTS) {
    if (departments.has(d.costCenter)) continue;
    const created = await must(
      'mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }',
      { i: d },
    );
    departments.set(d.costCenter, created.createDepartment.id);
  }
  say(`${departments.size} departments`);

  const firstMonth = monthsBack(12)[0];
  const people: { id: string; remote: boolean }[] = [];
  let managerId: string | null = null;
  for (let i = 0; i < 40; i++) {
    const email = `demo.${i}@backoffice.example`;
    const found = await must(
      'query($s: String) { employees(first: 1, filter: { search: $s }) { edges { node { id workLocation } } } }',
      { s: email },
    );
    let id: string = found.employees.edges[0]?.node.id;
    const remote = i % 4 === 1;
    if (!id) {
      const dept = DEPARTMENTS[i % DEPARTMENTS.length].costCenter;
      const hired = await must('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }', {
        i: {
          givenName: GIVEN[i % GIVEN.length],
          familyName: `${FAMILY[i % FAMILY.length]} ${i}`,
          email,
          departmentId: departments.get(dept),
          startDate: `${firstMonth}-01`,
          workLocation: remote ? 'REMOTE' : i % 4 === 2 ? 'HYBRID' : 'OFFICE',
          managerId: i % 8 === 0 ? null : managerId,
          contract: {
            monthlySalary: (2800 + ((i * 173) % 3500)).toFixed(2),
            currency: 'EUR',
            fte: i % 5 === 0 ? 0.8 : 1,
          },
        },
      });
      id = hired.hireEmployee.id;
      if (remote) {
        await must(
          'mutation($e: ID!, $from: Date) { setAllowance(employeeId: $e, kind: REMOTE_WORK, monthlyAmount: "75.00", currency: "EUR", validFrom: $from) { id } }',
          { e: id, from: `${firstMonth}-01` },
        );
      }
      if (i % 6 === 3) {
        await must(
          'mutation($e: ID!, $i: ChangeContractInput!) { changeContract(employeeId: $e, input: $i) { id } }',
          {
            e: id,
            i: {
              startDate: `${monthsBack(6)[0]}-01`,
              monthlySalary: (3100 + ((i * 173) % 3500)).toFixed(2),
              currency: 'EUR',
              fte: 1,
            },
          },
        );
      }
    }
    if (i % 8 === 0) managerId = id;
    people.push({ id, remote });
  }
  say(`${people.length} employees (${people.filter((p) => p.remote).length} remote with an allowance)`);

  const leave = await must('{ leaveRequests { id } }');
  if (leave.leaveRequests.length === 0) {
    const year = new Date().getUTCFullYear() + 1;
    for (const [n, p] of people.slice(0, 8).entries()) {
      const r = await must('mutation($i: RequestLeaveInput!) { requestLeave(input: $i) { id } }', {
        i: {
          employeeId: p.id,
          type: 'ANNUAL',
          startDate: `${year}-0${(n % 6) + 3}-02`,
          endDate: `${year}-0${(n % 6) + 3}-06`,
        },
      });
      if (n % 2 === 0) {
        // Four eyes: whoever files a request never decides it, so a second hr user approves.
        const decided = await approver.query(
          'mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }',
          { id: r.requestLeave.id },
        );
        if (decided.errors?.length) throw new Error(decided.errors[0].message);
      }
    }
    say('8 leave requests, half approved');
  }

  let finalized = 0;
  for (const period of monthsBack(12)) {
    const runs = (await must('query($p: String) { payrollRuns(period: $p) { id status } }', { p: period }))
      .payrollRuns as { id: string; status: string }[];
    if (runs.some((r) => r.status === 'FINALIZED')) continue;
    const id =
      runs[0]?.id ??
      (await mustAs(payroll)('mutation($p: String!) { createPayrollRun(period: $p) { id } }', { p: period }))
        .createPayrollRun.id;
    await mustAs(payroll)('mutation($id: ID!) { calculatePayrollRun(id: $id) { id } }', { id });
    await mustAs(payrollChecker)('mutation($id: ID!) { finalizePayrollRun(id: $id) { id } }', { id });
    finalized++;
  }
  say(`payroll finalized for ${finalized} more months (12 in all)`);
  await seedCatalog(must, say);
  say('done');
}

main().catch((e: Error) => {
  process.stderr.write(`[seed] failed: ${e.message}\n`);
  process.exit(1);
});
