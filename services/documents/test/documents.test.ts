import { documents as documentsEvents } from '@backoffice/events';
import { parseCloudEvent } from '@backoffice/kit';
import { eventually, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../src/content/minimal-pdf.fixture.js';
import {
  type DocumentsTestEnv,
  UPLOAD,
  b64,
  gql,
  hire,
  startDocuments,
  storedFiles,
  upload,
} from './support.js';

let env: DocumentsTestEnv;
let ann: string;
let bob: string;
const asHr = testIdentity(['hr']);
const asAccountant = testIdentity(['accountant']);
const asCompliance = testIdentity(['compliance_officer']);
const asAdmin = testIdentity(['admin']);
let asAnn: ReturnType<typeof testIdentity>;
let asBob: ReturnType<typeof testIdentity>;

beforeAll(async () => {
  env = await startDocuments({ DOCUMENTS_DELETED_KEPT_MS: '0' });
  [ann, bob] = await hire(env, 2);
  asAnn = testIdentity(['employee'], { userId: 'user-ann', employeeId: ann });
  asBob = testIdentity(['employee'], { userId: 'user-bob', employeeId: bob });
});
afterAll(() => env?.cleanup());

const outboxOf = (id: string) =>
  env.docs.deps.db
    .query('SELECT payload FROM outbox WHERE aggregate_id = $1 ORDER BY id', [id])
    .then((rows: { payload: unknown }[]) => rows.map((r) => parseCloudEvent(JSON.stringify(r.payload))));

describe('uploads and versions', () => {
  it('files a document with its version and records document.uploaded in the same transaction', async () => {
    const doc = await upload(env, asHr, {
      title: 'Arbeidsovereenkomst Ann',
      contentBase64: b64('Dit is de arbeidsovereenkomst.'),
      ownerEmployeeId: ann,
      tags: ['Contract', '2026'],
      documentType: 'contract',
      classification: 'CONFIDENTIAL',
      fileName: 'overeenkomst.txt',
    });
    expect(doc).toMatchObject({
      title: 'Arbeidsovereenkomst Ann',
      documentType: 'contract',
      classification: 'CONFIDENTIAL',
      tags: ['contract', '2026'],
      owner: { id: ann },
      currentVersion: { number: 1, size: 30, mimeType: 'text/plain', fileName: 'overeenkomst.txt' },
    });
    const [event] = await outboxOf(doc.id);
    expect(event.type).toBe(documentsEvents.documentUploaded.type);
    expect(event.actor).toBe(asHr.userId);
    const today = new Date().toISOString().slice(0, 10);
    expect(event.data).toEqual({
      documentId: doc.id,
      title: 'Arbeidsovereenkomst Ann',
      documentType: 'contract',
      classification: 'CONFIDENTIAL',
      ownerEmployeeId: ann,
      version: 1,
      retentionUntil: `${Number(today.slice(0, 4)) + 7}${today.slice(4)}`,
    });
  });

  it('adds versions, keeps the old ones, and records document.version_added', async () => {
    const doc = await upload(env, asAnn, {
      title: 'Mijn cv',
      contentBase64: b64('versie een'),
      ownerEmployeeId: ann,
    });
    const r = await gql(
      env,
      `mutation($id: ID!, $c: String!) { addDocumentVersion(id: $id, contentBase64: $c, mimeType: "text/markdown") {
         currentVersion { number mimeType } versions { number size } } }`,
      { id: doc.id, c: b64('# versie twee') },
      asAnn,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.addDocumentVersion).toEqual({
      currentVersion: { number: 2, mimeType: 'text/markdown' },
      versions: [
        { number: 1, size: 10 },
        { number: 2, size: 13 },
      ],
    });
    expect((await outboxOf(doc.id)).map((e) => [e.type, (e.data as { version: number }).version])).toEqual([
      [documentsEvents.documentUploaded.type, 1],
      [documentsEvents.documentVersionAdded.type, 2],
    ]);
    const other = await gql(
      env,
      'mutation($id: ID!) { addDocumentVersion(id: $id, contentBase64: "eA==", mimeType: "text/plain") { id } }',
      { id: doc.id },
      asBob,
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('stores the same bytes once however many documents hold them', async () => {
    const content = b64(`identical payslip ${Date.now()}`);
    const a = await upload(env, asHr, {
      title: 'Loonstrook A',
      contentBase64: content,
      ownerEmployeeId: ann,
      documentType: 'payslip',
    });
    const b = await upload(env, asHr, {
      title: 'Loonstrook B',
      contentBase64: content,
      ownerEmployeeId: bob,
      documentType: 'payslip',
    });
    expect(a.currentVersion.sha256).toBe(b.currentVersion.sha256);
    const blobs = await env.docs.deps.db.query('SELECT count(*)::int AS n FROM blob WHERE sha256 = $1', [
      a.currentVersion.sha256,
    ]);
    expect(blobs[0].n).toBe(1);
    const files = (await storedFiles(env.dir)).filter((f) => f.endsWith(a.currentVersion.sha256));
    expect(files).toEqual([
      `${a.currentVersion.sha256.slice(0, 2)}/${a.currentVersion.sha256.slice(2, 4)}/${a.currentVersion.sha256}`,
    ]);

    // Payslips are kept seven years after their year: no role deletes them before, admin included.
    const del = (id: string, who = asHr) =>
      gql(env, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id }, who);
    const kept = await del(a.id, asAdmin);
    expect(kept.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(kept.errors?.[0].message).toMatch(/must be kept until \d{4}-12-31/);
    // Once their date has passed: deleting one keeps the bytes the other still needs; deleting both
    // keeps them until the purge (a hold may still come), which then releases them.
    await env.docs.deps.db.query(`UPDATE document SET retention_until = '2020-12-31' WHERE id = ANY($1)`, [
      [a.id, b.id],
    ]);
    expect((await del(a.id)).data?.deleteDocument).toBe(true);
    expect(await env.docs.services.blobs.has(a.currentVersion.sha256)).toBe(true);
    expect((await del(b.id)).data?.deleteDocument).toBe(true);
    expect(await env.docs.services.blobs.has(a.currentVersion.sha256)).toBe(true);
    expect(await env.docs.services.retention.purgeExpired()).toBeGreaterThanOrEqual(2);
    expect(await env.docs.services.blobs.has(a.currentVersion.sha256)).toBe(false);
    expect((await outboxOf(a.id)).slice(-2).map((e) => e.type)).toEqual([
      documentsEvents.documentDeleted.type,
      documentsEvents.documentPurged.type,
    ]);
    const gone = await gql(env, 'query($id: ID!) { document(id: $id) { id } }', { id: a.id }, asHr);
    expect(gone.data.document).toBeNull();
  });
});

describe('bad input', () => {
  it('refuses invalid base64, empty files, mismatched types, executables and unknown owners, storing nothing', async () => {
    const before = await env.docs.deps.db.query(
      'SELECT (SELECT count(*) FROM document)::int AS d, (SELECT count(*) FROM blob)::int AS b',
    );
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ contentBase64: 'not base64!' }, 'BAD_USER_INPUT', 'contentBase64'],
      [{ contentBase64: '' }, 'BAD_USER_INPUT', 'contentBase64'],
      [{ mimeType: 'application/pdf', contentBase64: b64('just text') }, 'BAD_USER_INPUT', 'contentBase64'],
      [
        { mimeType: 'image/png', contentBase64: b64(minimalPdf('BT (x) Tj ET')) },
        'BAD_USER_INPUT',
        'contentBase64',
      ],
      [
        { mimeType: 'text/plain', contentBase64: b64('MZ\x90\x00\x03\x00\x00\x00 program') },
        'BAD_USER_INPUT',
        'contentBase64',
      ],
      [{ mimeType: 'application/x-sh', contentBase64: b64('#!/bin/sh') }, 'BAD_USER_INPUT', 'mimeType'],
      [{ ownerEmployeeId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'ownerEmployeeId'],
      [{ ownerEmployeeId: '../../etc' }, 'NOT_FOUND', 'ownerEmployeeId'],
      [{ title: ' \u0000 ' }, 'BAD_USER_INPUT', 'title'],
      [{ documentType: '../payslip' }, 'BAD_USER_INPUT', 'documentType'],
    ];
    for (const [override, code, field] of cases) {
      const input = { title: 'Bad', mimeType: 'text/plain', contentBase64: b64('ok'), ...override };
      const r = await gql(env, UPLOAD, { input }, asHr);
      expect(r.errors?.[0].extensions?.code, JSON.stringify(override)).toBe(code);
      if (field) expect(r.errors?.[0].extensions?.field, JSON.stringify(override)).toBe(field);
    }
    const after = await env.docs.deps.db.query(
      'SELECT (SELECT count(*) FROM document)::int AS d, (SELECT count(*) FROM blob)::int AS b',
    );
    expect(after[0]).toEqual(before[0]);
  });

  it('keeps a path-traversal file name as a harmless label and writes only under the store', async () => {
    const doc = await upload(env, asHr, {
      title: '../../etc/passwd',
      contentBase64: b64('root:x:0:0'),
      fileName: '../../../../tmp/evil.txt',
      ownerEmployeeId: ann,
    });
    expect(doc.currentVersion.fileName).toBe('evil.txt');
    const files = await storedFiles(env.dir);
    expect(files.every((f) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(true);
  });

  it('refuses uploads the caller may not make', async () => {
    const r = await gql(
      env,
      UPLOAD,
      { input: { title: 'x', mimeType: 'text/plain', contentBase64: b64('x'), ownerEmployeeId: ann } },
      asBob,
    );
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(env, '{ documents { totalCount } }', {}, undefined as never);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('access', () => {
  it('lists, fetches and extends Employee only with documents the caller may read', async () => {
    const invoice = await upload(env, asAccountant, {
      title: 'Factuur 2026-001',
      contentBase64: b64('factuur'),
      documentType: 'invoice',
    });
    const annFile = await upload(env, asHr, {
      title: 'Personeelsdossier Ann',
      contentBase64: b64('dossier'),
      ownerEmployeeId: ann,
      documentType: 'personnel_file',
    });
    const secret = await upload(env, asCompliance, {
      title: 'Onderzoek integriteit',
      contentBase64: b64('geheim'),
      ownerEmployeeId: ann,
      documentType: 'personnel_file',
      classification: 'STRICTLY_CONFIDENTIAL',
    });
    const ids = async (who: ReturnType<typeof testIdentity>) => {
      const r = await gql(env, '{ documents(first: 100) { totalCount edges { node { id } } } }', {}, who);
      expect(r.errors).toBeUndefined();
      return r.data.documents.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    };
    expect(await ids(asAccountant)).toContain(invoice.id);
    expect(await ids(asAccountant)).not.toContain(annFile.id);
    expect(await ids(asHr)).toContain(annFile.id);
    expect(await ids(asHr)).not.toContain(invoice.id);
    expect(await ids(asHr)).not.toContain(secret.id);
    expect(await ids(asAnn)).toContain(annFile.id);
    expect(await ids(asAnn)).not.toContain(secret.id);
    expect(await ids(asBob)).not.toContain(annFile.id);
    expect(await ids(asAdmin)).toContain(invoice.id);
    expect(await ids(asAdmin)).not.toContain(secret.id);
    expect(await ids(asCompliance)).toContain(secret.id); // the uploader's own grant

    const one = await gql(env, 'query($id: ID!) { document(id: $id) { title } }', { id: secret.id }, asHr);
    expect(one.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(one)).not.toContain('integriteit');

    // Access beyond the classification takes two people: one asks, another (not the grantee) grants.
    const GRANT =
      'mutation($d: ID!, $u: String!) { grantDocumentAccess(documentId: $d, userId: $u) { userId grantedBy requestedBy } }';
    const unasked = await gql(env, GRANT, { d: secret.id, u: asHr.userId }, asAdmin);
    expect(unasked.errors?.[0].extensions?.code).toBe('CONFLICT');
    const asked = await gql(
      env,
      'mutation($d: ID!, $u: String!) { requestDocumentAccess(documentId: $d, userId: $u, reason: "case 12") { status requestedBy } }',
      { d: secret.id, u: asHr.userId },
      asCompliance,
    );
    expect(asked.data.requestDocumentAccess).toEqual({ status: 'PENDING', requestedBy: asCompliance.userId });
    expect(await ids(asHr)).not.toContain(secret.id);
    const own = await gql(env, GRANT, { d: secret.id, u: asHr.userId }, asCompliance);
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const grant = await gql(env, GRANT, { d: secret.id, u: asHr.userId }, asAdmin);
    expect(grant.data.grantDocumentAccess).toEqual({
      userId: asHr.userId,
      grantedBy: asAdmin.userId,
      requestedBy: asCompliance.userId,
    });
    expect((await outboxOf(secret.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining([
        documentsEvents.documentAccessRequested.type,
        documentsEvents.documentAccessGranted.type,
      ]),
    );
    expect(await ids(asHr)).toContain(secret.id);
    const denied = await gql(
      env,
      'mutation($d: ID!) { grantDocumentAccess(documentId: $d, userId: "x") { userId } }',
      { d: secret.id },
      asHr,
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const filtered = await gql(
      env,
      'query($f: DocumentFilter) { documents(filter: $f) { totalCount } }',
      { f: { ownerEmployeeId: ann, documentType: 'personnel_file' } },
      asBob,
    );
    expect(filtered.data.documents.totalCount).toBe(0);

    const entities = /* GraphQL */ `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id documents { id } } } }`;
    const reps = {
      r: [
        { __typename: 'Employee', id: ann },
        { __typename: 'Employee', id: bob },
      ],
    };
    const asBobView = await gql(env, entities, reps, asBob);
    expect(asBobView.data._entities).toEqual([
      { id: ann, documents: [] },
      expect.objectContaining({ id: bob }),
    ]);
    const asHrView = await gql(env, entities, reps, asHr);
    const annDocs = asHrView.data._entities[0].documents.map((d: { id: string }) => d.id);
    expect(annDocs).toContain(annFile.id);
    expect(annDocs).toContain(secret.id); // granted above
  });

  it('pages with a cursor', async () => {
    const page1 = await gql(
      env,
      '{ documents(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      {},
      asAdmin,
    );
    expect(page1.data.documents.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql(
      env,
      'query($a: String) { documents(first: 2, after: $a) { edges { node { id } } } }',
      { a: page1.data.documents.pageInfo.endCursor },
      asAdmin,
    );
    const first = page1.data.documents.edges.map((e: { node: { id: string } }) => e.node.id);
    const second = page2.data.documents.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((id: string) => first.includes(id))).toBe(false);
  });
});

describe('events out', () => {
  it('publishes what it records', async () => {
    const doc = await upload(env, asHr, {
      title: 'Published',
      contentBase64: b64('p'),
      ownerEmployeeId: bob,
    });
    const sent = await eventually(
      () => env.docs.deps.db.query('SELECT sent_at FROM outbox WHERE aggregate_id = $1', [doc.id]),
      (rows) => !!rows[0]?.sent_at,
    );
    expect(sent[0].sent_at).not.toBeNull();
  });
});
