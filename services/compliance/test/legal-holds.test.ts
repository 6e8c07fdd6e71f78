import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@backoffice/kit';
import {
  type LegalHoldAppliedData,
  type LegalHoldData,
  documents as documentsEvents,
  eventsOf,
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
import { LegalHoldService } from '../src/legal-holds/legal-hold.service.js';
import type { ComplianceServices } from '../src/services.js';
import { eventOf, outboxEvents, publish } from './support.js';

/**
 * Legal holds in two phases, at the compliance subgraph: the test plays documents, answering the
 * hold's event with documents' confirmation the way its legal-hold handler does.
 */
let run: TestRun;
let compliance: RunningSubgraph<ComplianceServices>;
const asOfficer = testIdentity(['compliance_officer']);
const ann = randomUUID();

const PLACE =
  'mutation($d: ID!, $r: String!) { placeLegalHold(documentId: $d, reason: $r) { id documentId active status placedBy } }';
const RELEASE = 'mutation($id: ID!) { releaseLegalHold(id: $id) { active status releasedBy } }';
const HOLDS = 'query($d: ID) { legalHolds(filter: { documentId: $d }) { id status active } }';
const DOCUMENT = /* GraphQL */ `
  query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id underLegalHold } } }`;

beforeAll(async () => {
  run = newTestRun();
  compliance = await startTestSubgraph(run, complianceSubgraph);
});
afterAll(() => run?.cleanup());

async function uploaded(documentType: string, ownerEmployeeId: string | null = ann) {
  const documentId = randomUUID();
  await publish(
    compliance,
    eventOf(documentsEvents.documentUploaded, documentId, {
      documentId,
      title: 'Filed document',
      documentType,
      classification: 'CONFIDENTIAL',
      ownerEmployeeId,
      version: 1,
      retentionUntil: null,
    }),
  );
  await eventually(
    () => compliance.deps.db.query('SELECT 1 FROM known_document WHERE id = $1', [documentId]),
    (rows) => rows.length === 1,
  );
  return documentId;
}

/** Plays documents: waits for compliance's event about the hold and answers it. */
async function documentsAnswers(
  type: 'placed' | 'released',
  documentId: string,
  answer: (hold: LegalHoldData) => Promise<void>,
) {
  const [event] = await eventually(
    async () =>
      (await outboxEvents(compliance, `${eventsOf('compliance').slice(0, -1)}legal_hold.${type}`)).filter(
        (e) => e.data.documentId === documentId,
      ),
    (events) => events.length > 0,
  );
  await answer(event.data as LegalHoldData);
}

const applied = (h: LegalHoldData, outcome: LegalHoldAppliedData['outcome']) =>
  publish(
    compliance,
    eventOf(documentsEvents.legalHoldApplied, h.legalHoldId, {
      legalHoldId: h.legalHoldId,
      documentId: h.documentId,
      outcome,
      documentDeleted: false,
    }),
  );
const lifted = (h: LegalHoldData) =>
  publish(
    compliance,
    eventOf(documentsEvents.legalHoldLifted, h.legalHoldId, {
      legalHoldId: h.legalHoldId,
      documentId: h.documentId,
      stillHeld: false,
    }),
  );

describe('a legal hold in two phases', () => {
  it('answers placeLegalHold only once documents confirmed it, and releaseLegalHold once documents lifted it', async () => {
    const documentId = await uploaded('personnel_file');
    const forbidden = await callSubgraph(
      compliance.url,
      PLACE,
      { d: documentId, r: 'x' },
      testIdentity(['hr']),
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    let answered = false;
    const placing = callSubgraph(
      compliance.url,
      PLACE,
      { d: documentId, r: 'Litigation 2026-04' },
      asOfficer,
    ).then((r) => {
      answered = true;
      return r;
    });
    await documentsAnswers('placed', documentId, async (h) => {
      const pending = await callSubgraph(compliance.url, HOLDS, { d: documentId }, asOfficer);
      expect(pending.data.legalHolds).toEqual([{ id: h.legalHoldId, status: 'PENDING', active: true }]);
      expect(answered).toBe(false);
      await applied(h, 'HELD');
    });
    const placed = await placing;
    expect(placed.errors).toBeUndefined();
    const hold = placed.data.placeLegalHold;
    expect(hold).toMatchObject({ documentId, active: true, status: 'ACTIVE', placedBy: asOfficer.userId });

    const seen = async (who: ReturnType<typeof testIdentity>) =>
      (await callSubgraph(compliance.url, DOCUMENT, { r: [{ __typename: 'Document', id: documentId }] }, who))
        .data._entities[0].underLegalHold;
    expect(await seen(asOfficer)).toBe(true);
    expect(await seen(testIdentity(['admin']))).toBe(true);
    expect(await seen(testIdentity(['hr']))).toBe(true);
    expect(await seen(testIdentity(['employee'], { employeeId: ann }))).toBeNull();
    expect(await seen(testIdentity(['hr'], { employeeId: ann }))).toBeNull();
    expect(await seen(testIdentity(['accountant']))).toBeNull();

    const releasing = callSubgraph(compliance.url, RELEASE, { id: hold.id }, asOfficer);
    await documentsAnswers('released', documentId, (h) => lifted(h));
    expect((await releasing).data.releaseLegalHold).toEqual({
      active: false,
      status: 'RELEASED',
      releasedBy: asOfficer.userId,
    });
    expect(await seen(asOfficer)).toBe(false);
    const twice = await callSubgraph(compliance.url, RELEASE, { id: hold.id }, asOfficer);
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for a document documents does not have, and CONFLICT for one it purged', async () => {
    const unknown = randomUUID();
    const activeBefore = (await compliance.services.findings.counts(30)).activeLegalHolds;
    const placing = callSubgraph(compliance.url, PLACE, { d: unknown, r: 'case 9' }, asOfficer);
    await documentsAnswers('placed', unknown, (h) => applied(h, 'NO_SUCH_DOCUMENT'));
    expect((await placing).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const refused = await callSubgraph(compliance.url, HOLDS, { d: unknown }, asOfficer);
    expect(refused.data.legalHolds).toMatchObject([{ status: 'REFUSED', active: false }]);
    // A refused hold holds nothing: the compliance summary must not count it as active.
    expect((await compliance.services.findings.counts(30)).activeLegalHolds).toBe(activeBefore);

    const purged = await uploaded('memo', null);
    const again = callSubgraph(compliance.url, PLACE, { d: purged, r: 'case 9' }, asOfficer);
    await documentsAnswers('placed', purged, (h) => applied(h, 'PURGED'));
    const answer = await again;
    expect(answer.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(answer.errors?.[0].message).toMatch(/purged/);
  });

  it('says the hold is recorded but PENDING when documents does not confirm in time', async () => {
    const documentId = await uploaded('memo', null);
    const impatient = new LegalHoldService(compliance.deps.db, 300);
    const ctx = { identity: asOfficer, loaders: undefined } as never;
    await expect(impatient.place(ctx, documentId, 'case 11')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/recorded but the documents service has not confirmed it.*PENDING/),
    });
    const holds = await callSubgraph(compliance.url, HOLDS, { d: documentId }, asOfficer);
    expect(holds.data.legalHolds).toMatchObject([{ status: 'PENDING', active: true }]);
  });
});
