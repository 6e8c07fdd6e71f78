import { accounting as accountingEvents, hr as hrEvents, it as itEvents } from '@backoffice/events';
import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@backoffice/kit';
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
import { eventOf, publish } from './support.js';

let run: TestRun;
let compliance: RunningSubgraph<ComplianceServices>;
const asOfficer = testIdentity(['compliance_officer']);

const APPROVALS = /* GraphQL */ `
  query($f: ApprovalFilter) { approvals(filter: $f) { id status requestedBy decidedBy stepsRequired canDecide } }`;
const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on JournalEntry { id approval { id status } }
      ... on Document { id retentionUntil underLegalHold legalHolds { id active } }
      ... on Employee { id acknowledgements { policyId version acknowledgedAt } }
    }
  }`;

function hired(employeeId: string) {
  return eventOf(hrEvents.employeeHired, employeeId, {
    employeeId,
    givenName: 'Grace',
    familyName: 'Hopper',
    email: `${employeeId}@example.com`,
    departmentId: randomUUID(),
    departmentName: 'Finance',
    costCenter: 'FI-1',
    managerId: null,
    startDate: '2026-01-01',
    workLocation: 'OFFICE',
    workCountry: 'NL',
  });
}

beforeAll(async () => {
  run = newTestRun();
  compliance = await startTestSubgraph(run, complianceSubgraph);
});
afterAll(() => run?.cleanup());

describe('policies', () => {
  const PUBLISH = /* GraphQL */ `
    mutation($i: PublishPolicyInput!) { publishPolicy(input: $i) { id key version } }`;
  const ACK =
    'mutation($p: ID!, $v: Int!) { acknowledgePolicy(policyId: $p, version: $v) { policyId version acknowledgedAt } }';
  const acks = (employeeId: string, who = testIdentity(['employee'], { employeeId })) =>
    callSubgraph(compliance.url, ENTITIES, { r: [{ __typename: 'Employee', id: employeeId }] }, who);

  it('asks a new hire to acknowledge every policy in force, and a new version supersedes the old', async () => {
    const v1 = await callSubgraph(
      compliance.url,
      PUBLISH,
      {
        i: {
          key: 'code-of-conduct',
          title: 'Code of conduct',
          bodyMarkdown: '# Be kind',
          effectiveDate: '2026-01-01',
        },
      },
      asOfficer,
    );
    expect(v1.data.publishPolicy).toMatchObject({ key: 'code-of-conduct', version: 1 });
    const policyId = v1.data.publishPolicy.id;

    const employeeId = randomUUID();
    await publish(compliance, hired(employeeId));
    const pending = await eventually(
      () => acks(employeeId),
      (r) => r.data?._entities[0].acknowledgements.length === 1,
    );
    expect(pending.data._entities[0].acknowledgements).toEqual([
      { policyId, version: 1, acknowledgedAt: null },
    ]);
    const peer = await acks(employeeId, testIdentity(['employee'], { employeeId: randomUUID() }));
    expect(peer.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const v2 = await callSubgraph(
      compliance.url,
      PUBLISH,
      {
        i: {
          key: 'code-of-conduct',
          title: 'Code of conduct',
          bodyMarkdown: '# Be kind, v2',
          effectiveDate: '2026-06-01',
        },
      },
      asOfficer,
    );
    expect(v2.data.publishPolicy).toEqual({ id: policyId, key: 'code-of-conduct', version: 2 });
    const me = testIdentity(['employee'], { employeeId });
    const stale = await callSubgraph(compliance.url, ACK, { p: policyId, v: 1 }, me);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const ok = await callSubgraph(compliance.url, ACK, { p: policyId, v: 2 }, me);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.acknowledgePolicy.acknowledgedAt).not.toBeNull();
    const after = await acks(employeeId, testIdentity(['hr']));
    expect(after.data._entities[0].acknowledgements).toEqual([
      { policyId, version: 2, acknowledgedAt: ok.data.acknowledgePolicy.acknowledgedAt },
    ]);

    const overdue = await callSubgraph(
      compliance.url,
      '{ overdueAcknowledgements(days: 0) { policyKey version } }',
      {},
      asOfficer,
    );
    expect(overdue.errors).toBeUndefined();
    expect(overdue.data.overdueAcknowledgements).toEqual([]);
  });
});

/** accounting's reversal event: the entry reversed (`journalEntryId`) and the entry reversing it. */
const reversal = (journalEntryId: string, reversalId: string) => ({
  journalEntryId,
  number: null,
  date: '2026-01-30',
  description: 'Reversed entry',
  reference: null,
  amount: '10.00',
  currency: 'EUR',
  source: 'MANUAL',
  sourceId: null,
  status: 'REVERSED',
  reversalId,
  reversalNumber: null,
  reversalDate: '2026-01-31',
});

describe('findings', () => {
  it('counts SLA breaches and entries reversed more than once, names them for officers, and only counts for analysts', async () => {
    const ticketId = randomUUID();
    const entryId = randomUUID();
    await publish(
      compliance,
      eventOf(itEvents.ticketSlaBreached, ticketId, {
        ticketId,
        priority: 'P1',
        kinds: ['RESPONSE'],
        escalatedPriority: 'P1',
      }),
    );
    for (let i = 0; i < 2; i++) {
      await publish(
        compliance,
        eventOf(accountingEvents.journalEntryReversed, entryId, reversal(entryId, randomUUID())),
      );
    }
    // A chain: A reversed by B, then B reversed by C.
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await publish(compliance, eventOf(accountingEvents.journalEntryReversed, a, reversal(a, b)));
    await publish(compliance, eventOf(accountingEvents.journalEntryReversed, b, reversal(b, c)));
    const FINDINGS = '{ complianceFindings { kind count entityIds } }';
    const r = await eventually(
      () => callSubgraph(compliance.url, FINDINGS, {}, asOfficer),
      (x) =>
        x.data?.complianceFindings.find((f: any) => f.kind === 'JOURNAL_ENTRIES_REVERSED_MORE_THAN_ONCE')
          ?.count === 2,
    );
    const byKind = Object.fromEntries(r.data.complianceFindings.map((f: any) => [f.kind, f]));
    expect(byKind.JOURNAL_ENTRIES_REVERSED_MORE_THAN_ONCE.entityIds.sort()).toEqual([entryId, a].sort());
    expect(byKind.TICKET_SLA_BREACHES.entityIds).toContain(ticketId);
    const analyst = testIdentity(['analyst']);
    expect((await callSubgraph(compliance.url, FINDINGS, {}, analyst)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const counts = await callSubgraph(
      compliance.url,
      '{ complianceCounts { ticketSlaBreaches journalEntriesReversedMoreThanOnce } }',
      {},
      analyst,
    );
    expect(counts.data.complianceCounts).toEqual({
      ticketSlaBreaches: 1,
      journalEntriesReversedMoreThanOnce: 2,
    });
    expect((await callSubgraph(compliance.url, APPROVALS, {}, analyst)).data.approvals).toEqual([]);
  });
});
