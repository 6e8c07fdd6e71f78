import { randomUUID } from 'node:crypto';
import { parseCloudEvent } from '@backoffice/kit';
import {
  type LegalHoldData,
  compliance as complianceEvents,
  documents as documentsEvents,
  hr as hrEvents,
} from '@backoffice/events';
import { eventually, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentsTestEnv, b64, gql, hire, publish, startDocuments, upload } from './support.js';

let env: DocumentsTestEnv;
let ann: string;
let carl: string;
const asHr = testIdentity(['hr']);
const asCompliance = testIdentity(['compliance_officer']);

beforeAll(async () => {
  env = await startDocuments({ DOCUMENTS_DELETED_KEPT_MS: '0' });
  [ann, carl] = await hire(env, 2);
});
afterAll(() => env?.cleanup());

const DELETE = 'mutation($id: ID!) { deleteDocument(id: $id) }';
const retentionOf = async (id: string) =>
  (await env.docs.deps.db.query('SELECT retention_until FROM document WHERE id = $1', [id]))[0]
    .retention_until;
const hold = (documentId: string, legalHoldId = randomUUID()): LegalHoldData => ({
  legalHoldId,
  documentId,
  reason: 'litigation: case 2026-17',
  placedBy: 'user-compliance',
});
const activeHolds = (documentId: string) =>
  env.docs.deps.db
    .query('SELECT count(*)::int AS n FROM legal_hold WHERE document_id = $1 AND released_at IS NULL', [
      documentId,
    ])
    .then((rows: { n: number }[]) => rows[0].n);

describe('legal holds (flow 5)', () => {
  it('refuses deleteDocument with CONFLICT while a hold stands, and deletes after its release', async () => {
    const doc = await upload(env, asHr, {
      title: 'Disputed memo',
      contentBase64: b64(`disputed ${randomUUID()}`),
      ownerEmployeeId: ann,
      documentType: 'memo',
    });
    const placed = hold(doc.id);
    await publish(env, complianceEvents.legalHoldPlaced, placed.legalHoldId, placed);
    expect(
      await eventually(
        () => activeHolds(doc.id),
        (n) => n === 1,
      ),
    ).toBe(1);

    const refused = await gql(env, DELETE, { id: doc.id }, asCompliance);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await env.docs.services.blobs.has(doc.currentVersion.sha256)).toBe(true);

    await publish(env, complianceEvents.legalHoldReleased, placed.legalHoldId, placed);
    expect(
      await eventually(
        () => activeHolds(doc.id),
        (n) => n === 0,
      ),
    ).toBe(0);
    const deleted = await gql(env, DELETE, { id: doc.id }, asCompliance);
    expect(deleted.data?.deleteDocument).toBe(true);
    // Soft: the bytes wait for the purge.
    expect(await env.docs.services.blobs.has(doc.currentVersion.sha256)).toBe(true);
    await env.docs.services.retention.purgeExpired();
    expect(await env.docs.services.blobs.has(doc.currentVersion.sha256)).toBe(false);
    const [row] = await env.docs.deps.db.query('SELECT deleted_at, deleted_by FROM document WHERE id = $1', [
      doc.id,
    ]);
    expect(row.deleted_by).toBe(asCompliance.userId);
    const events = await env.docs.deps.db.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 ORDER BY id`,
      [doc.id],
    );
    const last = parseCloudEvent(JSON.stringify(events.at(-1).payload));
    expect(last.type).toBe(documentsEvents.documentPurged.type);
  });
});

describe('retention', () => {
  it('dates a personnel file two years after the owner leaves, from hr’s employee.terminated', async () => {
    const file = await upload(env, asHr, {
      title: 'Personeelsdossier Carl',
      contentBase64: b64('dossier carl'),
      ownerEmployeeId: carl,
      documentType: 'personnel_file',
    });
    const payslip = await upload(env, asHr, {
      title: 'Loonstrook Carl',
      contentBase64: b64('loonstrook carl'),
      ownerEmployeeId: carl,
      documentType: 'payslip',
    });
    expect(await retentionOf(file.id)).toBeNull();
    const payslipRetention = await retentionOf(payslip.id);
    expect(payslipRetention).not.toBeNull();

    await publish(env, hrEvents.employeeTerminated, carl, {
      employeeId: carl,
      givenName: 'Carl',
      familyName: 'Test',
      email: 'carl@example.com',
      departmentId: randomUUID(),
      managerId: null,
      endDate: '2026-06-30',
    });
    expect(
      await eventually(
        () => retentionOf(file.id),
        (d) => d !== null,
      ),
    ).toBe('2028-06-30');
    expect(await retentionOf(payslip.id)).toBe(payslipRetention);

    // A personnel file filed after the termination gets its date at once.
    const late = await upload(env, asHr, {
      title: 'Exitgesprek Carl',
      contentBase64: b64('exit'),
      ownerEmployeeId: carl,
      documentType: 'personnel_file',
    });
    expect(await retentionOf(late.id)).toBe('2028-06-30');
  });

  it('purges expired documents and their unshared bytes, never one under a legal hold, recording document.purged', async () => {
    const shared = `shared ${randomUUID()}`;
    const expired = await upload(env, asHr, {
      title: 'Old payslip',
      contentBase64: b64(shared),
      ownerEmployeeId: ann,
      documentType: 'payslip',
    });
    const keeper = await upload(env, asHr, {
      title: 'Current payslip',
      contentBase64: b64(shared),
      ownerEmployeeId: ann,
      documentType: 'payslip',
    });
    const own = await upload(env, asHr, {
      title: 'Old personnel file',
      contentBase64: b64(`own ${randomUUID()}`),
      ownerEmployeeId: ann,
      documentType: 'personnel_file',
    });
    const held = await upload(env, asHr, {
      title: 'Held payslip',
      contentBase64: b64(`held ${randomUUID()}`),
      ownerEmployeeId: ann,
      documentType: 'payslip',
    });
    await env.docs.deps.db.query(`UPDATE document SET retention_until = '2020-01-01' WHERE id = ANY($1)`, [
      [expired.id, own.id, held.id],
    ]);
    const placed = hold(held.id);
    await publish(env, complianceEvents.legalHoldPlaced, placed.legalHoldId, placed);
    expect(
      await eventually(
        () => activeHolds(held.id),
        (n) => n === 1,
      ),
    ).toBe(1);

    expect(await env.docs.services.retention.purgeExpired()).toBeGreaterThanOrEqual(2);

    const rows = await env.docs.deps.db.query(
      'SELECT id, purged_at, deleted_by FROM document WHERE id = ANY($1)',
      [[expired.id, keeper.id, own.id, held.id]],
    );
    const purged = (id: string) => rows.find((r: { id: string }) => r.id === id).purged_at !== null;
    expect([purged(expired.id), purged(keeper.id), purged(own.id), purged(held.id)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(await env.docs.services.blobs.has(expired.currentVersion.sha256)).toBe(true); // still the keeper's
    expect(await env.docs.services.blobs.has(own.currentVersion.sha256)).toBe(false);
    expect(await env.docs.services.blobs.has(held.currentVersion.sha256)).toBe(true);
    const [event] = await env.docs.deps.db.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject LIKE '%document.purged'`,
      [own.id],
    );
    expect(parseCloudEvent(JSON.stringify(event.payload)).data).toMatchObject({
      documentId: own.id,
      retentionUntil: '2020-01-01',
    });
    const search = await gql(
      env,
      'query { searchDocuments(query: "Old") { document { id } } }',
      {},
      asCompliance,
    );
    expect(search.data.searchDocuments).toEqual([]);
    expect(await env.docs.services.retention.purgeExpired()).toBe(0);
  });
});
