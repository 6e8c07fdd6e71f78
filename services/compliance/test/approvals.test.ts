import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@backoffice/kit';
import {
  compliance as complianceEvents,
  JournalEntryApprovalRequestedData,
  accounting as accountingEvents,
} from '@backoffice/events';
import {
  type TestRun,
  callSubgraph,
  eventually,
  newTestRun,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceSubgraph } from '../src/compliance.subgraph.js';
import type { ComplianceServices } from '../src/services.js';
import { eventOf, outboxEvents, publish } from './support.js';

let run: TestRun;
let compliance: RunningSubgraph<ComplianceServices>;
const asController = testIdentity(['controller'], { userId: 'controller-2' });

const APPROVALS = /* GraphQL */ `
  query($f: ApprovalFilter) { approvals(filter: $f) { id status requestedBy decidedBy stepsRequired canDecide } }`;
const DECIDE = /* GraphQL */ `
  mutation($id: ID!, $approve: Boolean!, $comment: String) {
    decideApproval(id: $id, approve: $approve, comment: $comment) { id status decidedBy steps { step decidedBy } }
  }`;
const REQUEST = /* GraphQL */ `
  mutation($i: RequestApprovalInput!) { requestApproval(input: $i) { id status stepsRequired expiresAt } }`;
const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on JournalEntry { id approval { id status } }
      ... on Document { id retentionUntil underLegalHold legalHolds { id active } }
      ... on Employee { id acknowledgements { policyId version acknowledgedAt } }
    }
  }`;

beforeAll(async () => {
  run = newTestRun();
  compliance = await startTestSubgraph(run, complianceSubgraph);
});
afterAll(() => run?.cleanup());

describe('four eyes on journal entries', () => {
  it('opens an approval from accounting, refuses the author, and records a controller’s decision with its event', async () => {
    const journalEntryId = randomUUID();
    const data: JournalEntryApprovalRequestedData = {
      journalEntryId,
      subjectType: 'JournalEntry',
      amount: '25000.00',
      currency: 'EUR',
      description: 'Office lease prepayment',
      authorUserId: 'accountant-1',
      requiredRole: 'controller',
    };
    const request = eventOf(
      accountingEvents.journalEntryApprovalRequested,
      journalEntryId,
      data,
      'accountant-1',
    );
    await publish(compliance, request);
    const listed = await eventually(
      () => callSubgraph(compliance.url, APPROVALS, { f: { subjectId: journalEntryId } }, asController),
      (r) => r.data?.approvals.length === 1,
    );
    const approval = listed.data.approvals[0];
    expect(approval).toMatchObject({
      status: 'PENDING',
      requestedBy: 'accountant-1',
      stepsRequired: 1,
      canDecide: true,
    });

    const byAuthor = await callSubgraph(
      compliance.url,
      DECIDE,
      { id: approval.id, approve: true },
      testIdentity(['controller', 'accountant'], { userId: 'accountant-1' }),
    );
    expect(byAuthor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byAccountant = await callSubgraph(
      compliance.url,
      DECIDE,
      { id: approval.id, approve: true },
      testIdentity(['accountant']),
    );
    expect(byAccountant.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const decided = await callSubgraph(
      compliance.url,
      DECIDE,
      { id: approval.id, approve: true, comment: 'ok' },
      asController,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideApproval).toMatchObject({ status: 'APPROVED', decidedBy: 'controller-2' });
    const again = await callSubgraph(
      compliance.url,
      DECIDE,
      { id: approval.id, approve: false, comment: 'no' },
      asController,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const events = await outboxEvents(compliance, complianceEvents.approvalDecided.type);
    expect(events.map((e) => e.data)).toContainEqual({
      approvalId: approval.id,
      subjectType: 'JournalEntry',
      subjectId: journalEntryId,
      status: 'APPROVED',
      decidedBy: 'controller-2',
      comment: 'ok',
      requestEventId: request.id,
      requiredRole: 'controller',
      stepsRequired: 1,
      steps: [{ step: 1, role: 'controller', decidedBy: 'controller-2', approve: true }],
    });
    const entity = await callSubgraph(
      compliance.url,
      ENTITIES,
      { r: [{ __typename: 'JournalEntry', id: journalEntryId }] },
      testIdentity(['accountant']),
    );
    expect(entity.data._entities[0].approval).toEqual({ id: approval.id, status: 'APPROVED' });
  });

  it('needs a second step by another admin above the second threshold', async () => {
    const requester = testIdentity(['accountant'], { userId: 'accountant-7', employeeId: randomUUID() });
    const r = await callSubgraph(
      compliance.url,
      REQUEST,
      {
        i: {
          subjectType: 'Payment',
          subjectId: 'PAY-1',
          amount: '250000.00',
          currency: 'EUR',
          requiredRole: 'controller',
        },
      },
      requester,
    );
    expect(r.data.requestApproval).toMatchObject({ status: 'PENDING', stepsRequired: 2 });
    const id = r.data.requestApproval.id;
    const dup = await callSubgraph(
      compliance.url,
      REQUEST,
      { i: { subjectType: 'Payment', subjectId: 'PAY-1', requiredRole: 'controller' } },
      requester,
    );
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const admin = testIdentity(['controller', 'admin'], { userId: 'admin-1' });
    expect(
      (await callSubgraph(compliance.url, DECIDE, { id, approve: true }, admin)).data.decideApproval.status,
    ).toBe('PENDING');
    expect(
      (await callSubgraph(compliance.url, DECIDE, { id, approve: true }, admin)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    expect(
      (await callSubgraph(compliance.url, DECIDE, { id, approve: true }, asController)).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const final = await callSubgraph(
      compliance.url,
      DECIDE,
      { id, approve: true },
      testIdentity(['admin'], { userId: 'admin-2' }),
    );
    expect(final.data.decideApproval).toMatchObject({ status: 'APPROVED', decidedBy: 'admin-2' });
    expect(final.data.decideApproval.steps.map((s: any) => s.decidedBy)).toEqual(['admin-1', 'admin-2']);

    const mine = await callSubgraph(
      compliance.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { approvalsRequested { id } } } }',
      { r: [{ __typename: 'Employee', id: requester.employeeId }] },
      requester,
    );
    expect(mine.data._entities[0].approvalsRequested).toEqual([{ id }]);
  });

  it('expires what nobody decided in time and tells the owner', async () => {
    const r = await callSubgraph(
      compliance.url,
      REQUEST,
      { i: { subjectType: 'AccessGrant', subjectId: 'GRANT-9', requiredRole: 'it_agent' } },
      testIdentity(['employee'], { userId: 'emp-9' }),
    );
    const id = r.data.requestApproval.id;
    const later = new Date(Date.parse(r.data.requestApproval.expiresAt) + 1_000);
    expect(await compliance.services.approvals.expireDue(later)).toBeGreaterThanOrEqual(1);
    const events = await outboxEvents(compliance, complianceEvents.approvalDecided.type);
    expect(events.find((e) => e.data.approvalId === id)?.data).toMatchObject({
      status: 'EXPIRED',
      decidedBy: null,
    });
    const decide = await callSubgraph(
      compliance.url,
      DECIDE,
      { id, approve: true },
      testIdentity(['it_agent']),
    );
    expect(decide.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
  it('refuses to open a journal entry approval through the graph, in any spelling of the type', async () => {
    for (const subjectType of ['JournalEntry', 'journalEntry', 'JOURNAL_ENTRY', 'journal_entry']) {
      const r = await callSubgraph(
        compliance.url,
        REQUEST,
        { i: { subjectType, subjectId: randomUUID(), requiredRole: 'it_agent' } },
        testIdentity(['accountant'], { userId: 'accountant-1' }),
      );
      expect(r.errors?.[0].extensions?.code, subjectType).toBe('FORBIDDEN');
      expect(r.errors?.[0].message).toMatch(/accounting asks for it itself/);
    }
  });

  it('takes accounting’s steps and the amount’s, whichever asks more, and opens each request once', async () => {
    const open = (over: Partial<JournalEntryApprovalRequestedData>, eventId = randomUUID()) =>
      compliance.deps.db.transaction((em) =>
        compliance.services.approvals.openForOwner(em, {
          requestEventId: eventId,
          subjectType: 'JournalEntry',
          subjectId: over.journalEntryId ?? randomUUID(),
          reason: null,
          amount: over.amount ?? '20000.00',
          currency: 'EUR',
          requiredRole: 'controller',
          stepsRequired: over.stepsRequired ?? 1,
          author: 'accountant-1',
          authorEmployeeId: over.authorEmployeeId ?? null,
        }),
      );
    expect((await open({ amount: '250000.00', stepsRequired: 1 }))?.stepsRequired).toBe(2);
    expect((await open({ amount: '20000.00', stepsRequired: 2 }))?.stepsRequired).toBe(2);
    const eventId = randomUUID();
    const journalEntryId = randomUUID();
    expect(await open({ journalEntryId }, eventId)).not.toBeNull();
    expect(await open({ journalEntryId }, eventId)).toBeNull();
    const [{ n }] = await compliance.deps.db.query(
      'SELECT count(*)::int AS n FROM approval WHERE subject_id = $1',
      [journalEntryId],
    );
    expect(n).toBe(1);

    // The author under another login (same employee record) may not decide either.
    const employeeId = randomUUID();
    const theirs = await open({ authorEmployeeId: employeeId });
    const otherLogin = await callSubgraph(
      compliance.url,
      DECIDE,
      { id: theirs?.id, approve: true },
      testIdentity(['controller'], { userId: 'accountant-1-second-login', employeeId }),
    );
    expect(otherLogin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('ignores an approval request that does not come from accounting', async () => {
    const journalEntryId = randomUUID();
    const forged = {
      ...eventOf(accountingEvents.journalEntryApprovalRequested, journalEntryId, {
        journalEntryId,
        subjectType: 'JournalEntry',
        amount: '50000.00',
        currency: 'EUR',
        description: 'forged',
        authorUserId: 'someone',
        requiredRole: 'controller',
      }),
      source: '/backoffice/it',
    };
    await publish(compliance, forged);
    const genuine = eventOf(accountingEvents.journalEntryApprovalRequested, randomUUID(), {
      journalEntryId: randomUUID(),
      subjectType: 'JournalEntry',
      amount: '50000.00',
      currency: 'EUR',
      description: 'genuine',
      authorUserId: 'someone',
      requiredRole: 'controller',
    });
    await publish(compliance, genuine);
    await eventually(
      async () =>
        (await compliance.deps.db.query('SELECT 1 FROM approval WHERE source_event_id = $1', [genuine.id]))
          .length,
      (n) => n === 1,
    );
    const forgedRows = await compliance.deps.db.query('SELECT 1 FROM approval WHERE subject_id = $1', [
      journalEntryId,
    ]);
    expect(forgedRows).toHaveLength(0);
  });

  it('treats a UUID subject id in any letter case as one subject', async () => {
    const id = randomUUID();
    const requester = testIdentity(['accountant'], { userId: 'accountant-8' });
    const first = await callSubgraph(
      compliance.url,
      REQUEST,
      { i: { subjectType: 'Payment', subjectId: id, requiredRole: 'controller' } },
      requester,
    );
    expect(first.errors).toBeUndefined();
    const upper = await callSubgraph(
      compliance.url,
      REQUEST,
      { i: { subjectType: 'Payment', subjectId: ` ${id.toUpperCase()} `, requiredRole: 'it_agent' } },
      requester,
    );
    expect(upper.errors?.[0].extensions?.code).toBe('CONFLICT');
    const listed = await callSubgraph(
      compliance.url,
      APPROVALS,
      { f: { subjectId: id.toUpperCase() } },
      asController,
    );
    expect(listed.data.approvals.map((a: { id: string }) => a.id)).toEqual([first.data.requestApproval.id]);
    await expect(
      compliance.deps.db.query(`UPDATE approval SET subject_id = upper(subject_id) WHERE id = $1`, [
        first.data.requestApproval.id,
      ]),
    ).rejects.toThrow(/approval_subject_id_normalised/);
  });
});
