import { accounting } from '@backoffice/events';
import type { RunningSubgraph } from '@backoffice/kit';
import { callSubgraph, eventually, newTestRun, startTestSubgraph, type TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import { approvals, decision } from './approvals.js';
import { asAccountant, asController, line, post, trialBalance } from './support.js';

/**
 * Four eyes as accounting owns it: an entry above the threshold asks compliance for one approval and moves
 * only on that approval's decision, in the role and with the steps it asked for, never by its author.
 * Decisions are put on the bus as compliance would send them, good and forged alike.
 */
let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

const { publish, requestOf, statusOf, deliver } = approvals(() => acc);

const big = (amount: string) => [line('4500', amount, null), line('1100', null, amount)];

describe('four eyes owned by accounting', () => {
  it('asks for its own approval, ignores every other decision about the entry, and posts on its own', async () => {
    const entry = await post(acc, '2026-02-10', big('15000.00'), 'New servers');
    expect(entry).toMatchObject({ status: 'PENDING_APPROVAL', number: null });
    const request = await requestOf(entry.id);
    expect(request.data).toMatchObject({
      journalEntryId: entry.id,
      subjectType: 'JournalEntry',
      amount: '15000.00',
      currency: 'EUR',
      authorUserId: asAccountant.userId,
      requiredRole: 'controller',
      stepsRequired: 1,
    });
    const [stored] = await acc.deps.db.query('SELECT approval_request_id FROM journal_entry WHERE id = $1', [
      entry.id,
    ]);
    expect(stored.approval_request_id).toBe(request.id);

    const friendly = decision(request, 'APPROVED', ['it-friend'], {
      requestEventId: null,
      requiredRole: 'it_agent',
      steps: [{ step: 1, role: 'it_agent', decidedBy: 'it-friend', approve: true }],
    });
    const otherRequest = decision(request, 'APPROVED', ['controller-x'], {
      requestEventId: crypto.randomUUID(),
    });
    const wrongRole = decision(request, 'APPROVED', ['it-friend'], {
      requiredRole: 'it_agent',
      steps: [{ step: 1, role: 'it_agent', decidedBy: 'it-friend', approve: true }],
    });
    const byAuthor = decision(request, 'APPROVED', [asAccountant.userId as string]);
    const noSteps = decision(request, 'APPROVED', ['controller-x'], { steps: [] });
    const notFromCompliance = decision(request, 'APPROVED', ['controller-x'], {}, 'it');
    const rejectedElsewhere = decision(request, 'REJECTED', ['controller-x'], {
      requestEventId: crypto.randomUUID(),
    });
    await deliver(friendly, otherRequest, wrongRole, byAuthor, noSteps, notFromCompliance, rejectedElsewhere);
    expect(await statusOf(entry.id)).toEqual({ status: 'PENDING_APPROVAL', number: null, approval_id: null });
    const before = await trialBalance(acc, '2026-12-31');
    expect(before.rows.find((r: any) => r.accountCode === '4500').debit).toBe('0.00');

    const good = decision(request, 'APPROVED', [asController.userId as string]);
    await publish(good);
    const posted = await eventually(
      () => statusOf(entry.id),
      (s) => s.status === 'POSTED',
    );
    expect(posted.number).toMatch(/^2026-\d{6}$/);
    expect(posted.approval_id).toBe(good.data.approvalId);
    const after = await trialBalance(acc, '2026-12-31');
    expect(after.rows.find((r: any) => r.accountCode === '4500').debit).toBe('15000.00');
    expect(after.totalDebit).toBe(after.totalCredit);
  });

  it('needs the admin second step above the second threshold, whatever the decision claims', async () => {
    const entry = await post(acc, '2026-02-12', big('150000.00'), 'Warehouse roof');
    const request = await requestOf(entry.id);
    expect(request.data).toMatchObject({ amount: '150000.00', stepsRequired: 2 });
    const oneStep = decision(request, 'APPROVED', ['controller-x'], { stepsRequired: 1 });
    const secondNotAdmin = decision(request, 'APPROVED', ['controller-x', 'controller-y'], {
      steps: [
        { step: 1, role: 'controller', decidedBy: 'controller-x', approve: true },
        { step: 2, role: 'controller', decidedBy: 'controller-y', approve: true },
      ],
    });
    const samePersonTwice = decision(request, 'APPROVED', ['boss', 'boss']);
    await deliver(oneStep, secondNotAdmin, samePersonTwice);
    expect((await statusOf(entry.id)).status).toBe('PENDING_APPROVAL');

    await publish(decision(request, 'APPROVED', ['controller-x', 'admin-1']));
    expect(
      (
        await eventually(
          () => statusOf(entry.id),
          (s) => s.status === 'POSTED',
        )
      ).status,
    ).toBe('POSTED');
  });

  it('leaves a rejected entry out of the books for good', async () => {
    const entry = await post(acc, '2026-02-11', big('20000.00'));
    const request = await requestOf(entry.id);
    await publish(decision(request, 'REJECTED', [asController.userId as string]));
    expect(
      (
        await eventually(
          () => statusOf(entry.id),
          (s) => s.status === 'REJECTED',
        )
      ).number,
    ).toBeNull();
    const late = decision(request, 'APPROVED', [asController.userId as string]);
    await deliver(late);
    expect((await statusOf(entry.id)).status).toBe('REJECTED');
    const reverse = await callSubgraph(
      acc.url,
      'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2026-02-12") { id } }',
      { id: entry.id },
      asAccountant,
    );
    expect(reverse.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('an approval that can no longer be applied', () => {
  it('rejects the entry with the reason instead of leaving it waiting for an approval that will not come', async () => {
    const entry = await post(acc, '2026-05-20', big('13000.00'), 'Late approval');
    const request = await requestOf(entry.id);
    const closed = await callSubgraph(
      acc.url,
      'mutation { closePeriod(period: "2026-05") }',
      {},
      asController,
    );
    expect(closed.errors).toBeUndefined();
    await publish(decision(request, 'APPROVED', [asController.userId as string]));
    await eventually(
      () => statusOf(entry.id),
      (s) => s.status === 'REJECTED',
    );
    const [row] = await acc.deps.db.query(
      'SELECT decision_comment, number FROM journal_entry WHERE id = $1',
      [entry.id],
    );
    expect(row).toEqual({
      number: null,
      decision_comment: expect.stringMatching(/period 2026-05 is closed.*post the entry again/),
    });
  });
});

describe('reversals under four eyes', () => {
  const REVERSE =
    'mutation($id: ID!, $d: Date!) { reverseJournalEntry(id: $id, date: $d) { id status number } }';

  it('parks a reversal above the threshold; the original stays posted until the reversal is approved', async () => {
    const entry = await post(acc, '2026-03-02', big('12000.00'), 'Consultancy');
    const request = await requestOf(entry.id);
    await publish(decision(request, 'APPROVED', [asController.userId as string]));
    await eventually(
      () => statusOf(entry.id),
      (s) => s.status === 'POSTED',
    );

    const reversal = await callSubgraph(acc.url, REVERSE, { id: entry.id, d: '2026-03-03' }, asAccountant);
    expect(reversal.errors).toBeUndefined();
    expect(reversal.data.reverseJournalEntry).toMatchObject({ status: 'PENDING_APPROVAL', number: null });
    const reversalId = reversal.data.reverseJournalEntry.id;
    expect((await statusOf(entry.id)).status).toBe('POSTED');
    const again = await callSubgraph(acc.url, REVERSE, { id: entry.id, d: '2026-03-03' }, asAccountant);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0].message).toMatch(/waits for approval/);

    const reversalRequest = await requestOf(reversalId);
    expect(reversalRequest.data).toMatchObject({ amount: '12000.00', reversalOf: entry.id });
    await deliver(decision(reversalRequest, 'APPROVED', [asAccountant.userId as string]));
    expect((await statusOf(reversalId)).status).toBe('PENDING_APPROVAL');
    expect((await statusOf(entry.id)).status).toBe('POSTED');

    await publish(decision(reversalRequest, 'APPROVED', [asController.userId as string]));
    await eventually(
      () => statusOf(entry.id),
      (s) => s.status === 'REVERSED',
    );
    expect((await statusOf(reversalId)).status).toBe('POSTED');
    const [reversed] = await acc.deps.db.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject = $2`,
      [entry.id, accounting.journalEntryReversed.type],
    );
    expect(reversed.payload.data).toMatchObject({
      reversalId,
      reversalNumber: expect.stringMatching(/^2026-/),
    });
  });

  it('lets a new reversal follow a rejected one, and reverses small entries at once', async () => {
    const entry = await post(acc, '2026-03-05', big('11000.00'));
    await publish(decision(await requestOf(entry.id), 'APPROVED', [asController.userId as string]));
    await eventually(
      () => statusOf(entry.id),
      (s) => s.status === 'POSTED',
    );
    const first = await callSubgraph(acc.url, REVERSE, { id: entry.id, d: '2026-03-06' }, asAccountant);
    const firstId = first.data.reverseJournalEntry.id;
    await publish(decision(await requestOf(firstId), 'REJECTED', [asController.userId as string]));
    await eventually(
      () => statusOf(firstId),
      (s) => s.status === 'REJECTED',
    );
    expect((await statusOf(entry.id)).status).toBe('POSTED');
    const second = await callSubgraph(acc.url, REVERSE, { id: entry.id, d: '2026-03-07' }, asAccountant);
    expect(second.data.reverseJournalEntry.status).toBe('PENDING_APPROVAL');

    const small = await post(acc, '2026-03-05', big('900.00'));
    const undone = await callSubgraph(acc.url, REVERSE, { id: small.id, d: '2026-03-06' }, asAccountant);
    expect(undone.data.reverseJournalEntry).toMatchObject({ status: 'POSTED' });
    expect((await statusOf(small.id)).status).toBe('REVERSED');
  });
});
