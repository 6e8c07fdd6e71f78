import type { Rig } from '../../reliability/support/rig.js';
import { type GraphQLClient, graphqlClient, mintToken } from '@backoffice/testkit';
import type { Recorder } from './load.js';

/**
 * The contract's cross-service flows as the soak drives them through the gateway, one business
 * action per call: hires (-> onboarding ticket in it, audit), leave asked and decided, documents
 * filed, invoices issued and settled, entries above the four-eyes threshold (-> approval in
 * compliance -> decided -> posted or rejected in accounting), payroll runs calculated and finalized
 * (-> one journal entry in accounting, itself above the threshold), and a federated employee page.
 */

export type SoakRig = Rig<'hr' | 'it' | 'accounting' | 'documents' | 'compliance'>;

/** Above the four-eyes threshold (10000 by default), below the second one the soak sets. */
const FOUR_EYES_AMOUNT = '12000.00';
const REJECT_EVERY = 5;

export interface Flows {
  hire(n: number): Promise<void>;
  readEmployeePage(n: number): Promise<void>;
  fileDocument(n: number): Promise<void>;
  takeLeave(n: number): Promise<void>;
  invoiceAndSettle(n: number): Promise<void>;
  postAboveThreshold(n: number): Promise<void>;
  runPayroll(n: number): Promise<void>;
  /** Decides every approval waiting; returns how many were decided. */
  decideApprovals(): Promise<number>;
  clients: Record<'hr' | 'accountant' | 'controller' | 'officer', GraphQLClient>;
  /** Hires the gateway confirmed. */
  hired: string[];
  /** Emails of hires the client gave up on (they may still have been committed). */
  unconfirmed: string[];
}

export async function soakFlows(rig: SoakRig, rec: Recorder, deadline: () => number): Promise<Flows> {
  const as = async (sub: string, roles: string[]) =>
    graphqlClient(rig.gatewayUrl, await mintToken({ sub, roles }));
  const clients = {
    hr: await as('soak-hr', ['hr', 'payroll']),
    hrLead: await as('soak-hr-lead', ['hr']),
    // Four eyes on payroll: a second person finalizes what soak-hr calculated.
    payrollChecker: await as('soak-payroll-checker', ['payroll']),
    accountant: await as('soak-accountant', ['accountant']),
    controller: await as('soak-controller', ['controller']),
    officer: await as('soak-officer', ['compliance_officer']),
    reader: await as('soak-reader', ['hr', 'it_agent', 'accountant']),
  };
  const hired: string[] = [];
  const unconfirmed: string[] = [];
  const someone = (n: number) => hired[(n * 7919) % hired.length];
  let leaveCursor = 0;
  const decided = new Set<string>();
  let manual = 0;
  const mutate = <T = any>(
    op: string,
    client: GraphQLClient,
    query: string,
    variables: Record<string, unknown>,
    accept?: (code: string | undefined) => boolean,
  ) =>
    rec.mutate<T>(op, client, query, variables, {
      deadline: deadline(),
      accept: accept && ((r) => accept(r.errors?.[0]?.extensions?.code)),
    });

  return {
    clients: {
      hr: clients.hr,
      accountant: clients.accountant,
      controller: clients.controller,
      officer: clients.officer,
    },
    hired,
    unconfirmed,

    async hire(n) {
      const email = `soak${n}.${rig.runId}@example.com`;
      const r = await mutate(
        'hireEmployee',
        clients.hr,
        'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
        {
          input: {
            givenName: `Soak${n}`,
            familyName: 'Soak',
            email,
            departmentId: rig.departmentId,
            startDate: '2025-01-01',
            workLocation: (['OFFICE', 'REMOTE', 'HYBRID'] as const)[n % 3],
            contract: { monthlySalary: '4000.00', currency: 'EUR', fte: 1 },
          },
        },
      );
      if (r.data?.hireEmployee?.id) hired.push(r.data.hireEmployee.id);
      else unconfirmed.push(email);
    },

    async readEmployeePage(n) {
      if (hired.length === 0) {
        await rec.request('departments', clients.reader, '{ departments { id } }');
        return;
      }
      await rec.request(
        'employeePage',
        clients.reader,
        `query($id: ID!) { employee(id: $id) {
           givenName department { name } tickets { id status } documents { id } payrollCost(year: 2025) } }`,
        { id: someone(n) },
      );
    },

    async fileDocument(n) {
      await mutate(
        'uploadDocument',
        clients.hr,
        'mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { id } }',
        {
          i: {
            title: `Soak employment contract ${n}`,
            mimeType: 'text/plain',
            contentBase64: Buffer.from(`Employment contract number ${n} of run ${rig.runId}.\n`).toString(
              'base64',
            ),
            ownerEmployeeId: hired.length ? someone(n) : null,
            documentType: 'contract',
          },
        },
      );
    },

    async takeLeave() {
      // One request per employee: a second one on the same days would be refused as overlapping.
      const employeeId = hired[leaveCursor];
      if (!employeeId) return;
      leaveCursor++;
      const asked = await mutate(
        'requestLeave',
        clients.hr,
        'mutation($i: RequestLeaveInput!) { requestLeave(input: $i) { id } }',
        { i: { employeeId, type: 'ANNUAL', startDate: '2026-12-21', endDate: '2026-12-22' } },
      );
      const id = asked.data?.requestLeave?.id;
      if (!id) return;
      // Never the requester: another hr user decides. A retry after a committed decision is CONFLICT.
      await mutate(
        'decideLeave',
        clients.hrLead,
        'mutation($id: ID!) { decideLeave(id: $id, approve: true, comment: "enjoy") { status } }',
        { id },
        (code) => code === 'CONFLICT',
      );
    },

    async invoiceAndSettle(n) {
      const counterparty = `Soak customer ${n}`;
      const invoice = await mutate(
        'createInvoice',
        clients.accountant,
        'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { id total } }',
        {
          i: {
            kind: 'CUSTOMER',
            counterparty,
            issueDate: '2027-04-01',
            dueDate: '2027-05-01',
            currency: 'EUR',
            lines: [{ description: 'Consulting days', quantity: '2', unitPrice: '400.00', vatRate: '21' }],
          },
        },
      );
      const inv = invoice.data?.createInvoice;
      if (!inv) return;
      const payment = await mutate(
        'recordPayment',
        clients.accountant,
        'mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }',
        {
          i: {
            kind: 'RECEIVED',
            counterparty,
            amount: inv.total,
            currency: 'EUR',
            date: '2027-04-15',
            reference: `soak-${n}`,
          },
        },
      );
      const paymentId = payment.data?.recordPayment?.id;
      if (!paymentId) return;
      await mutate(
        'settle',
        clients.accountant,
        'mutation($p: ID!, $a: [SettlementAllocationInput!]!) { settle(paymentId: $p, allocations: $a, date: "2027-04-15") { id } }',
        { p: paymentId, a: [{ invoiceId: inv.id, amount: inv.total }] },
      );
    },

    async postAboveThreshold(n) {
      await mutate(
        'postJournalEntry',
        clients.accountant,
        'mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { id status } }',
        {
          i: {
            date: '2027-05-03',
            description: `Soak laptops ${n}`,
            reference: `soak-four-eyes-${n}`,
            lines: [
              { accountCode: '4500', debit: FOUR_EYES_AMOUNT },
              { accountCode: '1100', credit: FOUR_EYES_AMOUNT },
            ],
          },
        },
      );
    },

    async runPayroll(n) {
      // One period per run, from the hires' first month on, so each run pays everyone hired so far;
      // only the years the rule pack has rules for (2025 and 2026).
      const month = n;
      if (month >= 24) return;
      const period = `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      const created = await mutate(
        'createPayrollRun',
        clients.hr,
        'mutation($p: String!) { createPayrollRun(period: $p) { id } }',
        { p: period },
        (code) => code === 'CONFLICT',
      );
      let id: string | undefined = created.data?.createPayrollRun?.id;
      if (!id) {
        // Created by an attempt whose answer was lost: find it, as a person would.
        const runs = await rec.request(
          'payrollRuns',
          clients.hr,
          'query($p: String) { payrollRuns(period: $p) { id } }',
          {
            p: period,
          },
        );
        id = runs.data?.payrollRuns?.[0]?.id;
      }
      if (!id) return;
      const calculated = await mutate(
        'calculatePayrollRun',
        clients.hr,
        'mutation($id: ID!) { calculatePayrollRun(id: $id) { status } }',
        { id },
        (code) => code === 'CONFLICT',
      );
      if (!calculated.data?.calculatePayrollRun && calculated.errors?.[0]?.extensions?.code !== 'CONFLICT')
        return;
      await mutate(
        'finalizePayrollRun',
        clients.payrollChecker,
        'mutation($id: ID!) { finalizePayrollRun(id: $id) { status } }',
        { id },
        (code) => code === 'CONFLICT',
      );
    },

    async decideApprovals() {
      const pending = await rec.request<{ approvals: { id: string; requestedBy: string }[] }>(
        'approvals',
        clients.controller,
        '{ approvals(filter: { status: PENDING, subjectType: "JournalEntry" }) { id requestedBy } }',
      );
      let count = 0;
      for (const a of pending.data?.approvals ?? []) {
        if (decided.has(a.id)) continue;
        // Manual entries: every fifth one rejected (a rejection needs a comment); payroll always approved.
        const reject = a.requestedBy === 'soak-accountant' && ++manual % REJECT_EVERY === 0;
        const r = await mutate(
          'decideApproval',
          clients.controller,
          'mutation($id: ID!, $ok: Boolean!, $c: String) { decideApproval(id: $id, approve: $ok, comment: $c) { status } }',
          { id: a.id, ok: !reject, c: reject ? 'soak: not this one' : 'soak: checked' },
          (code) => code === 'CONFLICT',
        );
        if (r.data?.decideApproval || r.errors?.[0]?.extensions?.code === 'CONFLICT') {
          decided.add(a.id);
          count++;
        }
      }
      return count;
    },
  };
}
