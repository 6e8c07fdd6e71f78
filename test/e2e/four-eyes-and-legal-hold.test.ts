import { describe, expect, it } from 'vitest';
import { graphqlClient, mintToken } from '@backoffice/testkit';
import { wholePlatform } from '../support/whole-platform.js';

/**
 * The contract's cross-service flows 4 and 5 through the gateway, with every service a process of its
 * own and nothing between them but the bus: a journal entry above the four-eyes threshold waits for an
 * approval in compliance by someone other than its author; a legal hold placed in compliance stops a
 * deletion in documents from the moment placeLegalHold answers until it is released.
 */
const whole = wholePlatform({ APPROVAL_THRESHOLD: '1000' });
const client = async (sub: string, roles: string[]) =>
  graphqlClient(whole.platform.gatewayUrl, await mintToken({ sub, roles }));

async function eventually(fn: () => Promise<any>, ok: (v: any) => boolean, ms = 20_000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('four eyes across accounting and compliance', () => {
  it('posts an entry above the threshold only after someone other than its author approves, and never after a rejection', async () => {
    const author = await client('alice', ['accountant', 'controller']);
    const approver = await client('bob', ['controller']);
    const POST = `mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { id status number } }`;
    const entry = (description: string) => ({
      i: {
        date: '2026-11-02',
        description,
        lines: [
          { accountCode: '4500', debit: '5000.00' },
          { accountCode: '1100', credit: '5000.00' },
        ],
      },
    });
    const posted = await author.query(POST, entry('New laptops for the service desk'));
    expect(posted.errors).toBeUndefined();
    expect(posted.data.postJournalEntry).toMatchObject({ status: 'PENDING_APPROVAL', number: null });
    const entryId = posted.data.postJournalEntry.id;

    const APPROVALS =
      'query($s: ID) { approvals(filter: { subjectType: "JournalEntry", subjectId: $s }) { id status requestedBy } }';
    const approvals = await eventually(
      async () => (await approver.query(APPROVALS, { s: entryId })).data?.approvals ?? [],
      (list: any[]) => list.length === 1,
    );
    expect(approvals[0]).toMatchObject({ status: 'PENDING', requestedBy: 'alice' });

    const DECIDE =
      'mutation($id: ID!, $ok: Boolean!) { decideApproval(id: $id, approve: $ok, comment: "checked") { status decidedBy } }';
    const self = await author.query(DECIDE, { id: approvals[0].id, ok: true });
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const decided = await approver.query(DECIDE, { id: approvals[0].id, ok: true });
    expect(decided.data.decideApproval).toEqual({ status: 'APPROVED', decidedBy: 'bob' });
    const ENTRY = 'query($id: ID!) { journalEntry(id: $id) { status number approval { status } } }';
    const after = await eventually(
      async () => (await author.query(ENTRY, { id: entryId })).data?.journalEntry,
      (e: any) => e?.status === 'POSTED',
    );
    expect(after.status).toBe('POSTED');
    expect(after.number).toMatch(/^2026-\d{6}$/);
    expect(after.approval.status).toBe('APPROVED');

    const second = await author.query(POST, entry('Office chairs'));
    const secondId = second.data.postJournalEntry.id;
    const pending = await eventually(
      async () => (await approver.query(APPROVALS, { s: secondId })).data?.approvals ?? [],
      (list: any[]) => list.length === 1,
    );
    await approver.query(DECIDE, { id: pending[0].id, ok: false });
    const rejected = await eventually(
      async () => (await author.query(ENTRY, { id: secondId })).data?.journalEntry,
      (e: any) => e?.status === 'REJECTED',
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', number: null });
    const balance = await author.query('{ trialBalance(asOf: "2026-11-30") { totalDebit totalCredit } }');
    expect(balance.data.trialBalance).toEqual({ totalDebit: '5000.00', totalCredit: '5000.00' });
  }, 90_000);
});

describe('legal hold across compliance and documents', () => {
  it('refuses to delete a document under hold, and deletes it once the hold is released', async () => {
    const officer = await client('olivia', ['compliance_officer']);
    const uploaded = await officer.query(
      'mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { id } }',
      {
        i: {
          title: 'Supplier correspondence 2026',
          mimeType: 'text/plain',
          contentBase64: Buffer.from('The parties agree to deliver 400 laptops.').toString('base64'),
          documentType: 'correspondence',
          classification: 'INTERNAL',
        },
      },
    );
    expect(uploaded.errors).toBeUndefined();
    const documentId = uploaded.data.uploadDocument.id;
    const hold = await officer.query(
      'mutation($d: ID!) { placeLegalHold(documentId: $d, reason: "Dispute 2026-14") { id active status } }',
      {
        d: documentId,
      },
    );
    // placeLegalHold answers once documents has applied the hold: from that answer on it holds, with
    // nothing to wait for.
    expect(hold.data.placeLegalHold).toMatchObject({ active: true, status: 'ACTIVE' });
    const DELETE = 'mutation($d: ID!) { deleteDocument(id: $d) }';
    const refused = await officer.query(DELETE, { d: documentId });
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    const held = await officer.query('query($d: ID!) { document(id: $d) { legalHolds { reason active } } }', {
      d: documentId,
    });
    expect(held.data.document.legalHolds).toEqual([{ reason: 'Dispute 2026-14', active: true }]);

    const released = await officer.query('mutation($h: ID!) { releaseLegalHold(id: $h) { active status } }', {
      h: hold.data.placeLegalHold.id,
    });
    expect(released.data.releaseLegalHold).toEqual({ active: false, status: 'RELEASED' });
    // Released once documents has lifted it: the deletion goes through at once.
    const deleted = await officer.query(DELETE, { d: documentId });
    expect(deleted.data.deleteDocument).toBe(true);
  }, 90_000);
});
