import { randomUUID } from 'node:crypto';
import { parseCloudEvent } from '@backoffice/kit';
import {
  type LegalHoldData,
  compliance as complianceEvents,
  documents as documentsEvents,
} from '@backoffice/events';
import { eventually, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentsTestEnv, b64, gql, hire, publish, startDocuments, upload } from './support.js';

/**
 * Records kept as the law says, at the documents subgraph: what others filed about a person is
 * read-only to that person, retention binds every role, and a legal hold is applied under the
 * document's lock and confirmed back to compliance.
 */
let env: DocumentsTestEnv;
let ann: string;
const asHr = testIdentity(['hr']);
const asAdmin = testIdentity(['admin']);
const asCompliance = testIdentity(['compliance_officer']);
let asAnn: ReturnType<typeof testIdentity>;

beforeAll(async () => {
  env = await startDocuments({ DOCUMENTS_DELETED_KEPT_MS: '0' });
  [ann] = await hire(env, 1);
  asAnn = testIdentity(['employee'], { userId: 'user-ann', employeeId: ann });
});
afterAll(() => env?.cleanup());

const DELETE = 'mutation($id: ID!) { deleteDocument(id: $id) }';
const VERSION =
  'mutation($id: ID!, $c: String!) { addDocumentVersion(id: $id, contentBase64: $c, mimeType: "text/plain") { currentVersion { number } } }';
const READ = 'query($id: ID!) { document(id: $id) { id title } }';
const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

const confirmations = async (legalHoldId: string) => {
  const rows = await env.docs.deps.db.query(
    'SELECT payload FROM outbox WHERE aggregate_id = $1 ORDER BY id',
    [legalHoldId],
  );
  return rows.map((r: { payload: unknown }) => parseCloudEvent(JSON.stringify(r.payload)));
};

async function placeHold(documentId: string) {
  const h: LegalHoldData = {
    legalHoldId: randomUUID(),
    documentId,
    reason: 'case 7',
    placedBy: 'user-olivia',
  };
  await publish(env, complianceEvents.legalHoldPlaced, h.legalHoldId, h);
  const [applied] = await eventually(
    () => confirmations(h.legalHoldId),
    (events) => events.length === 1,
  );
  return { hold: h, applied };
}

describe('what others filed about a person', () => {
  it('is read-only to that person, whatever their roles; their own uploads stay theirs', async () => {
    const warning = await upload(env, asHr, {
      title: 'Written warning',
      contentBase64: b64(`warning ${randomUUID()}`),
      ownerEmployeeId: ann,
      documentType: 'personnel_file',
    });
    for (const who of [asAnn, testIdentity(['hr', 'admin'], { userId: 'user-ann', employeeId: ann })]) {
      const del = await gql(env, DELETE, { id: warning.id }, who);
      expect(codeOf(del)).toBe('FORBIDDEN');
      expect(del.errors?.[0].message).toMatch(/filed about you by someone else/);
      expect(codeOf(await gql(env, VERSION, { id: warning.id, c: b64('blank') }, who))).toBe('FORBIDDEN');
    }
    expect((await gql(env, READ, { id: warning.id }, asAnn)).data.document.title).toBe('Written warning');
    // hr corrects what hr filed: a personnel file has no retention date while its owner works here.
    const corrected = await gql(env, VERSION, { id: warning.id, c: b64('corrected warning') }, asHr);
    expect(corrected.data?.addDocumentVersion.currentVersion.number).toBe(2);

    const own = await upload(env, asAnn, {
      title: 'My certificate',
      contentBase64: b64(`certificate ${randomUUID()}`),
      ownerEmployeeId: ann,
    });
    expect((await gql(env, DELETE, { id: own.id }, asAnn)).data?.deleteDocument).toBe(true);
    expect((await gql(env, READ, { id: own.id }, asAnn)).data.document).toBeNull();
  });
});

describe('retention', () => {
  it('refuses deletion for every role before the date, and new versions after the correction window', async () => {
    const payslip = await upload(env, asHr, {
      title: 'Payslip 2026-01',
      contentBase64: b64(`payslip ${randomUUID()}`),
      ownerEmployeeId: ann,
      documentType: 'payslip',
    });
    for (const who of [asAdmin, asHr, asCompliance]) {
      const del = await gql(env, DELETE, { id: payslip.id }, who);
      expect(codeOf(del)).toBe('CONFLICT');
      expect(del.errors?.[0].message).toMatch(/kept until \d{4}-12-31/);
    }
    // Within the correction window hr may still correct it.
    expect(
      codeOf(await gql(env, VERSION, { id: payslip.id, c: b64('fixed payslip') }, asHr)),
    ).toBeUndefined();
    await env.docs.deps.db.query(
      "UPDATE document SET created_at = now() - interval '30 days' WHERE id = $1",
      [payslip.id],
    );
    const late = await gql(env, VERSION, { id: payslip.id, c: b64('rewritten payslip') }, asAdmin);
    expect(codeOf(late)).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/kept as filed until \d{4}-12-31/);
  });
});

describe('legal holds, applied and confirmed', () => {
  it('confirms a hold, refuses changes (naming it only to those who may know), and skips it in the purge', async () => {
    const own = await upload(env, asAnn, {
      title: 'My notes',
      contentBase64: b64(`notes ${randomUUID()}`),
      ownerEmployeeId: ann,
    });
    const { hold, applied } = await placeHold(own.id);
    expect(applied.type).toBe(documentsEvents.legalHoldApplied.type);
    expect(applied.data).toEqual({
      legalHoldId: hold.legalHoldId,
      documentId: own.id,
      outcome: 'HELD',
      documentDeleted: false,
    });
    const byOwner = await gql(env, DELETE, { id: own.id }, asAnn);
    expect(codeOf(byOwner)).toBe('CONFLICT');
    expect(byOwner.errors?.[0].message).not.toMatch(/hold|compliance|investigation/i);
    expect(codeOf(await gql(env, VERSION, { id: own.id, c: b64('other') }, asAnn))).toBe('CONFLICT');
    const byAdmin = await gql(env, DELETE, { id: own.id }, asAdmin);
    expect(byAdmin.errors?.[0].message).toMatch(/legal hold/);

    await publish(env, complianceEvents.legalHoldReleased, hold.legalHoldId, hold);
    const events = await eventually(
      () => confirmations(hold.legalHoldId),
      (e) => e.length === 2,
    );
    expect(events[1].type).toBe(documentsEvents.legalHoldLifted.type);
    expect(events[1].data).toMatchObject({ stillHeld: false });
    expect((await gql(env, DELETE, { id: own.id }, asAnn)).data?.deleteDocument).toBe(true);
  });

  it('preserves a document deleted just before the hold: kept from the purge, readable to compliance only', async () => {
    const doc = await upload(env, asAnn, {
      title: 'Expense notes',
      contentBase64: b64(`expenses ${randomUUID()}`),
      ownerEmployeeId: ann,
    });
    expect((await gql(env, DELETE, { id: doc.id }, asAnn)).data?.deleteDocument).toBe(true);
    const { hold, applied } = await placeHold(doc.id);
    expect(applied.data).toMatchObject({ outcome: 'HELD', documentDeleted: true });
    await env.docs.services.retention.purgeExpired();
    expect(await env.docs.services.blobs.has(doc.currentVersion.sha256)).toBe(true);
    expect((await gql(env, READ, { id: doc.id }, asCompliance)).data.document.id).toBe(doc.id);
    expect((await gql(env, READ, { id: doc.id }, asAnn)).data.document).toBeNull();
    expect(codeOf(await gql(env, DELETE, { id: doc.id }, asAdmin))).toBe('NOT_FOUND');

    await publish(env, complianceEvents.legalHoldReleased, hold.legalHoldId, hold);
    await eventually(
      () => confirmations(hold.legalHoldId),
      (e) => e.length === 2,
    );
    await env.docs.services.retention.purgeExpired();
    expect(await env.docs.services.blobs.has(doc.currentVersion.sha256)).toBe(false);
  });

  it('answers a hold on a document it does not have, or no longer has, with nothing held', async () => {
    expect((await placeHold(randomUUID())).applied.data).toMatchObject({ outcome: 'NO_SUCH_DOCUMENT' });
    const gone = await upload(env, asAnn, {
      title: 'Old scan',
      contentBase64: b64(`scan ${randomUUID()}`),
      ownerEmployeeId: ann,
    });
    await gql(env, DELETE, { id: gone.id }, asAnn);
    await env.docs.services.retention.purgeExpired();
    expect((await placeHold(gone.id)).applied.data).toMatchObject({ outcome: 'PURGED' });
  });
});
