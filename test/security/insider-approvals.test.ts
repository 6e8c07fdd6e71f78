import { describe, expect, it } from 'vitest';
import type { GraphQLClient } from '@backoffice/testkit';
import { insiderPlatform } from './support/insider.js';

/**
 * Four eyes as an insider would try to get around it, through the gateway: steer the approval to a friend,
 * open a second one under another spelling of the id, understate the amount, approve one's own entry,
 * reverse a large entry without anyone looking, settle invoices with a payment nobody approved. Thresholds: 1000 for four eyes, 50000 for the admin's
 * second step. A controller's approval still posts (the positive control, and the barrier that proves
 * the friend's decision was seen first and ignored).
 */
const insider = insiderPlatform('approvals', {
  APPROVAL_THRESHOLD: '1000',
  SECOND_APPROVAL_THRESHOLD: '50000',
});

const POST = 'mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { id status number } }';
const ENTRY =
  'query($id: ID!) { journalEntry(id: $id) { status number decidedBy reversedBy { id status } } }';
const APPROVALS = `query($s: ID) { approvals(filter: { subjectId: $s }) {
  id status subjectType requiredRole stepsRequired amount requestedBy } }`;
const REQUEST = 'mutation($i: RequestApprovalInput!) { requestApproval(input: $i) { id status } }';
const DECIDE = `mutation($id: ID!, $ok: Boolean!) {
  decideApproval(id: $id, approve: $ok, comment: "looked at it") { id status } }`;
const REVERSE =
  'mutation($id: ID!, $d: Date!) { reverseJournalEntry(id: $id, date: $d) { id status number } }';

const entry = (amount: string, description: string) => ({
  i: {
    date: '2026-10-05',
    description,
    lines: [
      { accountCode: '4500', debit: amount },
      { accountCode: '1100', credit: amount },
    ],
  },
});

async function post(author: GraphQLClient, amount: string, description: string): Promise<string> {
  const r = await author.query(POST, entry(amount, description));
  expect(r.errors).toBeUndefined();
  expect(r.data.postJournalEntry.status).toBe('PENDING_APPROVAL');
  return r.data.postJournalEntry.id;
}

/** The approval accounting asked for, once compliance has opened it. */
async function approvalOf(viewer: GraphQLClient, subjectId: string) {
  const list = await insider.eventually(
    async () => (await viewer.query(APPROVALS, { s: subjectId })).data?.approvals ?? [],
    (l: any[]) => l.some((a) => a.status === 'PENDING'),
  );
  const pending = list.filter((a: any) => a.status === 'PENDING');
  expect(pending).toHaveLength(1);
  return pending[0];
}

const statusOf = async (viewer: GraphQLClient, id: string) =>
  (await viewer.query(ENTRY, { id })).data?.journalEntry;

describe('four eyes an insider cannot steer', () => {
  it('refuses a self-made approval routed to a friend, an id in capitals, and the author’s own decision; a controller still posts', async () => {
    const alice = await insider.as('alice', ['accountant', 'controller']);
    const friend = await insider.as('it-friend', ['it_agent']);
    const carol = await insider.as('carol', ['controller']);
    const entryId = await post(alice, '5000.00', 'Conference sponsorship');
    const asked = await approvalOf(carol, entryId);
    expect(asked).toMatchObject({
      subjectType: 'JournalEntry',
      requiredRole: 'controller',
      requestedBy: 'alice',
    });

    for (const [name, subjectType, subjectId] of [
      ['author requests a second approval for an it_agent friend', 'JournalEntry', entryId],
      ['the same with the entry id in capitals', 'JournalEntry', entryId.toUpperCase()],
      ['the same under another spelling of the type', 'journal_entry', entryId],
    ]) {
      const r = await alice.query(REQUEST, {
        i: { subjectType, subjectId, requiredRole: 'it_agent', amount: '1.00', currency: 'EUR' },
      });
      insider.refused(name, r, 'FORBIDDEN', /accounting asks for it itself/);
    }

    // An approval of some other subject type naming the entry, approved by the friend: not the entry's.
    const side = await alice.query(REQUEST, {
      i: { subjectType: 'Expense', subjectId: entryId.toUpperCase(), requiredRole: 'it_agent' },
    });
    expect(side.errors).toBeUndefined();
    const friendly = await friend.query(DECIDE, { id: side.data.requestApproval.id, ok: true });
    expect(friendly.data.decideApproval.status).toBe('APPROVED');
    insider.tried(
      'a friend’s approval of a look-alike request posts the entry',
      (await statusOf(alice, entryId)).status === 'PENDING_APPROVAL',
    );
    insider.refused(
      'the friend (it_agent) decides the entry’s own approval',
      await friend.query(DECIDE, { id: asked.id, ok: true }),
      'FORBIDDEN',
    );
    insider.refused(
      'the author approves their own entry',
      await alice.query(DECIDE, { id: asked.id, ok: true }),
      'FORBIDDEN',
      /four eyes/,
    );

    const decided = await carol.query(DECIDE, { id: asked.id, ok: true });
    expect(decided.data.decideApproval.status).toBe('APPROVED');
    const posted = await insider.eventually(
      () => statusOf(alice, entryId),
      (e: any) => e?.status === 'POSTED',
    );
    // The friend's decision came first on the bus and was ignored: carol's is the one on the entry.
    expect(posted).toMatchObject({ status: 'POSTED', decidedBy: 'carol' });
    expect(posted.number).toMatch(/^2026-\d{6}$/);
  }, 60_000);

  it('opens one pending approval per subject however its UUID is spelled', async () => {
    const alice = await insider.as('alice', ['accountant']);
    const id = crypto.randomUUID();
    const first = await alice.query(REQUEST, {
      i: { subjectType: 'Payment', subjectId: id, requiredRole: 'controller' },
    });
    expect(first.errors).toBeUndefined();
    insider.refused(
      'a second pending approval under the upper-case id',
      await alice.query(REQUEST, {
        i: { subjectType: 'Payment', subjectId: id.toUpperCase(), requiredRole: 'it_agent' },
      }),
      'CONFLICT',
      /already has a pending approval/,
    );
  });

  it('takes the amount from the entry: above the second threshold an admin’s second step is needed', async () => {
    const alice = await insider.as('alice', ['accountant']);
    const carol = await insider.as('carol', ['controller']);
    const boss = await insider.as('boss', ['admin']);
    const entryId = await post(alice, '60000.00', 'Server room');
    const asked = await approvalOf(carol, entryId);
    insider.tried(
      'the approval carries an amount other than the entry’s, or one step',
      Number(asked.amount) === 60000 && asked.stepsRequired === 2,
      JSON.stringify(asked),
    );
    insider.refused(
      'the author asks again with the amount left out',
      await alice.query(REQUEST, {
        i: { subjectType: 'JournalEntry', subjectId: entryId, requiredRole: 'controller' },
      }),
      'FORBIDDEN',
    );
    const first = await carol.query(DECIDE, { id: asked.id, ok: true });
    expect(first.data.decideApproval.status).toBe('PENDING');
    insider.refused(
      'the controller decides the admin’s step as well',
      await carol.query(DECIDE, { id: asked.id, ok: true }),
      'FORBIDDEN',
      /needs an admin/,
    );
    insider.tried(
      'one step posts an entry above the second threshold',
      (await statusOf(alice, entryId)).status === 'PENDING_APPROVAL',
    );
    const second = await boss.query(DECIDE, { id: asked.id, ok: true });
    expect(second.data.decideApproval.status).toBe('APPROVED');
    const posted = await insider.eventually(
      () => statusOf(alice, entryId),
      (e: any) => e?.status === 'POSTED',
    );
    expect(posted).toMatchObject({ status: 'POSTED', decidedBy: 'boss' });
  }, 60_000);

  it('reverses an entry above the threshold only after someone else approves the reversal', async () => {
    const alice = await insider.as('alice', ['accountant', 'controller']);
    const bob = await insider.as('bob', ['controller']);
    const entryId = await post(alice, '7000.00', 'Consultancy fees');
    await bob.query(DECIDE, { id: (await approvalOf(bob, entryId)).id, ok: true });
    await insider.eventually(
      () => statusOf(alice, entryId),
      (e: any) => e?.status === 'POSTED',
    );

    const reversal = await alice.query(REVERSE, { id: entryId, d: '2026-10-06' });
    expect(reversal.errors).toBeUndefined();
    insider.tried(
      'the author reverses a large entry without a second person',
      reversal.data.reverseJournalEntry.status === 'PENDING_APPROVAL' &&
        (await statusOf(alice, entryId)).status === 'POSTED',
      JSON.stringify(reversal.data),
    );
    const reversalId = reversal.data.reverseJournalEntry.id;
    insider.refused(
      'a second reversal while the first waits',
      await alice.query(REVERSE, { id: entryId, d: '2026-10-06' }),
      'CONFLICT',
    );
    const asked = await approvalOf(bob, reversalId);
    insider.refused(
      'the reverser approves their own reversal',
      await alice.query(DECIDE, { id: asked.id, ok: true }),
      'FORBIDDEN',
    );
    await bob.query(DECIDE, { id: asked.id, ok: true });
    const reversed = await insider.eventually(
      () => statusOf(alice, entryId),
      (e: any) => e?.status === 'REVERSED',
    );
    expect(reversed).toMatchObject({ status: 'REVERSED', reversedBy: { id: reversalId, status: 'POSTED' } });
  }, 60_000);

  it('settles nothing with a payment or against an invoice that waits for its four eyes', async () => {
    const alice = await insider.as('alice', ['accountant']);
    const small = await alice.query(INVOICE, invoice('Friendly Customer BV', '400.00'));
    const large = await alice.query(INVOICE, invoice('Friendly Customer BV', '9000.00'));
    expect(small.data.createInvoice.journalEntry.status).toBe('POSTED');
    expect(large.data.createInvoice.journalEntry.status).toBe('PENDING_APPROVAL');
    const payment = (amount: string) =>
      alice.query(PAYMENT, {
        i: {
          kind: 'RECEIVED',
          counterparty: 'Friendly Customer BV',
          amount,
          currency: 'EUR',
          date: '2026-10-05',
        },
      });
    const unapproved = (await payment('5000.00')).data.recordPayment;
    expect(unapproved.journalEntry.status).toBe('PENDING_APPROVAL');
    insider.refused(
      'an accountant applies a payment nobody approved, marking an invoice paid',
      await alice.query(SETTLE, {
        p: unapproved.id,
        a: [{ invoiceId: small.data.createInvoice.id, amount: '400.00' }],
      }),
      'CONFLICT',
    );
    const approved = (await payment('900.00')).data.recordPayment;
    insider.refused(
      'an accountant settles an invoice nobody approved with a small posted payment',
      await alice.query(SETTLE, {
        p: approved.id,
        a: [{ invoiceId: large.data.createInvoice.id, amount: '900.00' }],
      }),
      'CONFLICT',
    );
    const open = await alice.query(INVOICES, { id: small.data.createInvoice.id });
    expect(open.data.invoice).toMatchObject({ status: 'OPEN', openAmount: '400.00' });
  }, 60_000);
});

const INVOICE =
  'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { id journalEntry { status } } }';
const PAYMENT =
  'mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id journalEntry { status } } }';
const SETTLE = `mutation($p: ID!, $a: [SettlementAllocationInput!]!) {
  settle(paymentId: $p, allocations: $a, date: "2026-10-06") { id } }`;
const INVOICES = 'query($id: ID!) { invoice(id: $id) { status openAmount } }';
const invoice = (counterparty: string, unitPrice: string) => ({
  i: {
    kind: 'CUSTOMER',
    counterparty,
    issueDate: '2026-10-01',
    dueDate: '2026-10-31',
    currency: 'EUR',
    lines: [{ description: 'Consulting', quantity: '1', unitPrice, vatRate: '0' }],
  },
});
