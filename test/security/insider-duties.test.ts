import { hr as hrEvents } from '@backoffice/events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '@backoffice/testkit';
import { insiderPlatform } from './support/insider.js';

/**
 * Segregation of duties in hr and payroll, and what pay and health data leave hr, tried as insiders would
 * through the gateway: hr changes their own contract and bank account; payroll grants themselves an
 * allowance; one person creates, calculates and finalizes a run; whoever changed pay data finalizes;
 * a payroll+controller user approves the booking of the run they finalized; a compliance officer reads
 * pay and sick leave from the audit trail; an analyst reads a person's allowance from the workplace cost
 * report. Positive controls: a second person finalizes, a controller approves the booking. Four eyes on
 * journal entries from 1000 on, so the payroll booking waits for approval.
 */
const insider = insiderPlatform('duties', { APPROVAL_THRESHOLD: '1000' });

const HIRE = 'mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }';
const CHANGE_CONTRACT = `mutation($e: ID!) { changeContract(employeeId: $e, input: {
  startDate: "2026-09-01", monthlySalary: "9900.00", currency: "EUR", fte: 1 }) { id } }`;
const UPDATE = 'mutation($e: ID!, $i: UpdateEmployeeInput!) { updateEmployee(id: $e, input: $i) { id } }';
const ALLOWANCE = `mutation($e: ID!, $from: Date, $k: AllowanceKind = OTHER) { setAllowance(employeeId: $e, kind: $k,
  monthlyAmount: "500.00", currency: "EUR", validFrom: $from) { id } }`;
const CREATE_RUN = 'mutation($p: String!) { createPayrollRun(period: $p) { id } }';
const CALCULATE = 'mutation($id: ID!) { calculatePayrollRun(id: $id) { id status } }';
const FINALIZE = 'mutation($id: ID!) { finalizePayrollRun(id: $id) { id status calculatedBy finalizedBy } }';
const RUN = 'query($id: ID!) { payrollRun(id: $id) { status finalizedBy } }';
const BOOKING = `query($r: String) { journalEntries(filter: { reference: $r }) {
  edges { node { id status author decidedBy } } } }`;
const APPROVALS = 'query($s: ID) { approvals(filter: { subjectId: $s }) { id status requestedBy } }';
const DECIDE = `mutation($id: ID!) { decideApproval(id: $id, approve: true, comment: "fine") { id status } }`;
const AUDIT = `query($t: String) { auditTrail(filter: { type: $t }, first: 100) { edges { node { subject payload } } } }`;
const NL_IBAN = 'NL91ABNA0417164300';

let admin: GraphQLClient;
let department: string;
const ids: Record<'hanna' | 'paula' | 'worker' | 'remote' | 'boss', string> = {} as never;

async function hire(key: keyof typeof ids, workLocation = 'OFFICE'): Promise<void> {
  const r = await admin.query(HIRE, {
    i: {
      givenName: key,
      familyName: 'Insider',
      email: `${key}.duties@example.com`,
      departmentId: department,
      startDate: '2026-01-01',
      workLocation,
      contract: { monthlySalary: '4000.00', currency: 'EUR', fte: 1 },
    },
  });
  expect(r.errors).toBeUndefined();
  ids[key] = r.data.hireEmployee.id;
}

beforeAll(async () => {
  admin = await insider.as('admin-setup', ['admin']);
  const d = await admin.query(
    'mutation { createDepartment(input: { name: "Payroll office", costCenter: "PO-1" }) { id } }',
  );
  expect(d.errors).toBeUndefined();
  department = d.data.createDepartment.id;
  for (const key of ['hanna', 'paula', 'worker', 'boss'] as const) await hire(key);
  await hire('remote', 'REMOTE');
}, 60_000);

describe('nobody changes their own pay data', () => {
  it('refuses hr their own contract and bank account, payroll their own allowance, in any spelling', async () => {
    const hanna = await insider.as('hanna', ['hr'], ids.hanna);
    const paula = await insider.as('paula', ['payroll', 'controller'], ids.paula);
    const boss = await insider.as('boss', ['admin'], ids.boss);
    const worker = await insider.as('worker', ['employee'], ids.worker);
    const own = /nobody changes their own/;

    insider.refused(
      'hr gives themselves a raise',
      await hanna.query(CHANGE_CONTRACT, { e: ids.hanna }),
      'FORBIDDEN',
      own,
    );
    insider.refused(
      'hr gives themselves a raise, their id in capitals',
      await hanna.query(CHANGE_CONTRACT, { e: ids.hanna.toUpperCase() }),
      'FORBIDDEN',
      own,
    );
    insider.refused(
      'an admin gives themselves a raise',
      await boss.query(CHANGE_CONTRACT, { e: ids.boss }),
      'FORBIDDEN',
      own,
    );
    insider.refused(
      'hr redirects their own salary to another bank account',
      await hanna.query(UPDATE, { e: ids.hanna, i: { iban: NL_IBAN } }),
      'FORBIDDEN',
      /own bank account/,
    );
    insider.refused(
      'hr redirects their own salary, hidden among harmless self-service fields',
      await hanna.query(UPDATE, { e: ids.hanna, i: { address: 'Damrak 1', iban: NL_IBAN } }),
      'FORBIDDEN',
      /own bank account/,
    );
    insider.refused(
      'an employee changes their own bank account by self-service',
      await worker.query(UPDATE, { e: ids.worker, i: { iban: NL_IBAN } }),
      'FORBIDDEN',
      /own bank account/,
    );
    insider.refused(
      'payroll grants themselves an allowance',
      await paula.query(ALLOWANCE, { e: ids.paula, from: '2026-09-01' }),
      'FORBIDDEN',
      /own allowance/,
    );
    insider.refused(
      'hr grants themselves an allowance',
      await hanna.query(ALLOWANCE, { e: ids.hanna, from: '2026-09-01' }),
      'FORBIDDEN',
      /own allowance/,
    );

    // Nothing of it landed; a colleague's change still goes through (the control is not a blanket ban).
    const record = await admin.query(
      `query($e: ID!) { employee(id: $e) { contract { monthlySalary } personalData { iban } allowances { kind } } }`,
      { e: ids.hanna },
    );
    expect(record.data.employee).toEqual({
      contract: { monthlySalary: '4000.00' },
      personalData: { iban: null },
      allowances: [],
    });
    const byColleague = await hanna.query(UPDATE, { e: ids.worker, i: { iban: NL_IBAN } });
    expect(byColleague.errors).toBeUndefined();
  });
});

describe('four eyes on payroll runs and their booking', () => {
  it('refuses one person creating, calculating and finalizing; a second person finalizes', async () => {
    const paula = await insider.as('paula', ['payroll', 'controller'], ids.paula);
    const hanna = await insider.as('hanna', ['hr'], ids.hanna);
    const piet = await insider.as('piet', ['payroll']);
    // hanna changes a colleague's pay for September: allowed, and it puts her hands on the run.
    expect((await hanna.query(CHANGE_CONTRACT, { e: ids.worker })).errors).toBeUndefined();

    const id = (await paula.query(CREATE_RUN, { p: '2026-09' })).data.createPayrollRun.id;
    expect((await paula.query(CALCULATE, { id })).data.calculatePayrollRun.status).toBe('CALCULATED');
    insider.refused(
      'one person creates, calculates and finalizes a payroll run',
      await paula.query(FINALIZE, { id }),
      'FORBIDDEN',
      /you calculated this payroll run/,
    );
    insider.refused(
      'the person who changed pay data in the run finalizes it',
      await hanna.query(FINALIZE, { id }),
      'FORBIDDEN',
      /you changed pay data/,
    );
    expect((await paula.query(RUN, { id })).data.payrollRun).toEqual({
      status: 'CALCULATED',
      finalizedBy: null,
    });

    // Positive control: a second person in payroll finalizes, and is named for it.
    const done = await piet.query(FINALIZE, { id });
    expect(done.errors).toBeUndefined();
    expect(done.data.finalizePayrollRun).toMatchObject({
      status: 'FINALIZED',
      calculatedBy: 'paula',
      finalizedBy: 'piet',
    });
  });

  it('refuses a finalizer who changed pay data and had a colleague calculate', async () => {
    const paula = await insider.as('paula', ['payroll', 'controller'], ids.paula);
    const piet = await insider.as('piet', ['payroll']);
    const raised = await paula.query(ALLOWANCE, { e: ids.remote, from: '2026-10-01', k: 'REMOTE_WORK' });
    expect(raised.errors).toBeUndefined();
    const id = (await piet.query(CREATE_RUN, { p: '2026-10' })).data.createPayrollRun.id;
    expect((await piet.query(CALCULATE, { id })).errors).toBeUndefined();
    insider.refused(
      'payroll raises an allowance, lets a colleague calculate, and finalizes the run themself',
      await paula.query(FINALIZE, { id }),
      'FORBIDDEN',
      /you changed pay data/,
    );
  });

  it('books the run with its finalizer as author, who cannot approve it; a controller can', async () => {
    const piet = await insider.as('piet', ['payroll']);
    const fritz = await insider.as('fritz', ['payroll', 'controller']);
    const carol = await insider.as('carol', ['controller']);
    const id = (await piet.query('{ payrollRuns(period: "2026-10") { id } }')).data.payrollRuns[0].id;
    const finalized = await fritz.query(FINALIZE, { id });
    expect(finalized.data.finalizePayrollRun).toMatchObject({ status: 'FINALIZED', finalizedBy: 'fritz' });

    const entry = await insider.eventually(
      async () =>
        (await carol.query(BOOKING, { r: `payroll-run:${id}` })).data?.journalEntries.edges[0]?.node,
      (e: any) => !!e,
    );
    expect(entry).toMatchObject({ status: 'PENDING_APPROVAL', author: 'fritz' });
    const approval = (
      await insider.eventually(
        async () => (await carol.query(APPROVALS, { s: entry.id })).data?.approvals ?? [],
        (l: any[]) => l.some((a) => a.status === 'PENDING'),
      )
    ).find((a: any) => a.status === 'PENDING');
    expect(approval.requestedBy).toBe('fritz');

    insider.refused(
      'a payroll+controller user approves the booking of the run they finalized',
      await fritz.query(DECIDE, { id: approval.id }),
      'FORBIDDEN',
    );
    const still = (await carol.query(BOOKING, { r: `payroll-run:${id}` })).data.journalEntries.edges[0].node;
    insider.tried(
      'the finalizer’s approval posts the booking',
      still.status === 'PENDING_APPROVAL',
      still.status,
    );

    // Positive control: a controller who had no hand in the run approves, and the booking posts once.
    expect((await carol.query(DECIDE, { id: approval.id })).errors).toBeUndefined();
    const posted = await insider.eventually(
      async () => (await carol.query(BOOKING, { r: `payroll-run:${id}` })).data.journalEntries.edges,
      (edges: any[]) => edges[0]?.node.status === 'POSTED',
    );
    expect(posted).toHaveLength(1);
    expect(posted[0].node).toMatchObject({ status: 'POSTED', author: 'fritz', decidedBy: 'carol' });
  });
});

describe('pay and health data stay with those who need them', () => {
  it('keeps pay per employee and sick leave out of the audit trail, and people out of the analyst’s report', async () => {
    const officer = await insider.as('olga', ['compliance_officer']);
    const worker = await insider.as('worker', ['employee'], ids.worker);
    const analyst = await insider.as('anna', ['analyst']);
    const sick = await worker.query(
      'mutation { requestLeave(input: { type: SICK, startDate: "2026-11-02", endDate: "2026-11-03" }) { id } }',
    );
    expect(sick.errors).toBeUndefined();

    const finalized = await insider.eventually(
      async () =>
        (await officer.query(AUDIT, { t: hrEvents.payrollRunFinalized.type })).data?.auditTrail.edges ?? [],
      (edges: any[]) => edges.length >= 2,
    );
    expect(finalized.length).toBeGreaterThanOrEqual(2);
    const payloads = finalized.map((e: any) => e.node.payload ?? '').join('\n');
    expect(payloads).toContain('costCenters');
    const people = Object.values(ids);
    insider.tried(
      'a compliance officer reads pay per employee from payroll_run.finalized in the audit trail',
      people.every((p) => !payloads.includes(p)) && !payloads.includes('"employees"'),
      payloads.slice(0, 300),
    );

    const leave = await insider.eventually(
      async () =>
        (await officer.query(AUDIT, { t: hrEvents.leaveRequested.type })).data?.auditTrail.edges ?? [],
      (edges: any[]) => edges.some((e) => e.node.subject === sick.data.requestLeave.id),
    );
    const leavePayload =
      leave.find((e: any) => e.node.subject === sick.data.requestLeave.id)?.node.payload ?? '';
    expect(leavePayload).not.toBe('');
    insider.tried(
      'a compliance officer learns of sick leave from leave.requested in the audit trail',
      !/SICK/i.test(leavePayload),
      leavePayload,
    );

    const REPORT = `{ workplaceCostReport(year: 2026, officeSeatMonthlyCost: "400.00") {
      rows { employee { id } allowancesPaid } departments { remoteEmployees allowancesPaid }
      totalAllowancesPaid totalNetSaving totalSeatCostAvoided } }`;
    const report = (await analyst.query(REPORT)).data.workplaceCostReport;
    insider.tried(
      'an analyst reads per-person allowances from the workplace cost report',
      report.rows.length === 0,
    );
    insider.tried(
      'an analyst reads one remote person’s allowance from a one-person department',
      report.departments.length === 1 && report.departments[0].allowancesPaid === null,
      JSON.stringify(report.departments),
    );
    insider.tried(
      'an analyst reads one remote person’s allowance from the report’s totals',
      report.totalAllowancesPaid === '0.00' && report.totalNetSaving === '0.00',
      JSON.stringify(report),
    );
    // hr and payroll still see each person.
    const forPayroll = (await (await insider.as('piet', ['payroll'])).query(REPORT)).data.workplaceCostReport;
    expect(forPayroll.rows).toEqual([{ employee: { id: ids.remote }, allowancesPaid: '500.00' }]);
  });
});
