import { callSubgraph, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../src/content/minimal-pdf.fixture.js';
import { docx, zip } from '../src/content/ooxml.fixture.js';
import { type DocumentsTestEnv, UPLOAD, b64, extracted, gql, signed, startDocuments } from './support.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let env: DocumentsTestEnv;
const asCompliance = testIdentity(['compliance_officer'], { userId: 'user-limits-officer' });

beforeAll(async () => {
  env = await startDocuments({ DOCUMENTS_UPLOADS_PER_HOUR: '3', DOCUMENTS_UPLOAD_BYTES_PER_HOUR: '1000' });
});
afterAll(() => env?.cleanup());

const send = (who: ReturnType<typeof testIdentity>, input: Record<string, unknown>) =>
  gql(env, UPLOAD, { input: { title: 'Limiet', mimeType: 'text/plain', ...input } }, who);

async function stream(who: ReturnType<typeof testIdentity>, type: string, body: Buffer) {
  const url = `${env.base}/documents`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...(await signed(who, url, 'POST')), 'content-type': type, 'x-document-title': 'Gestreamd' },
    body,
  });
  return { status: res.status, body: (await res.json()) as { id?: string; code?: string; error?: string } };
}

describe('the type a file claims', () => {
  it('refuses a plain ZIP, and a PDF with a ZIP appended, declared as a Word document', async () => {
    const who = testIdentity(['compliance_officer'], { userId: 'user-limits-types' });
    const plain = zip([{ name: 'notes.txt', data: 'geen document' }]);
    const polyglot = Buffer.concat([minimalPdf('BT (x) Tj ET'), docx(['verstopt'])]);
    for (const bytes of [plain, polyglot]) {
      const r = await send(who, { mimeType: DOCX, contentBase64: b64(bytes) });
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const streamed = await stream(who, DOCX, plain);
    expect(streamed).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    expect(streamed.body.error).toContain('application/zip');
    const real = await stream(who, DOCX, docx(['Echt document']));
    expect(real.status).toBe(201);
    expect(await extracted(env, [real.body.id as string])).toEqual(['DONE']);
  });
});

describe('the hourly upload quota per user', () => {
  it('refuses the upload past the count, naming the limit, and counts each user apart', async () => {
    const ann = testIdentity(['hr'], { userId: 'user-limits-ann' });
    for (let i = 0; i < 3; i++)
      expect((await send(ann, { contentBase64: b64(`memo ${i}`) })).errors).toBeUndefined();
    const fourth = await send(ann, { contentBase64: b64('memo 4') });
    expect(fourth.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fourth.errors?.[0].message).toContain('DOCUMENTS_UPLOADS_PER_HOUR');
    const streamed = await stream(ann, 'text/plain', Buffer.from('via de stroom'));
    expect(streamed).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    const bob = testIdentity(['hr'], { userId: 'user-limits-bob' });
    expect((await send(bob, { contentBase64: b64('memo') })).errors).toBeUndefined();
  });

  it('refuses the upload past the bytes, and a new version counts like an upload', async () => {
    const carl = testIdentity(['compliance_officer'], { userId: 'user-limits-carl' });
    const first = await send(carl, { contentBase64: b64('a'.repeat(600)) });
    expect(first.errors).toBeUndefined();
    const version = await gql(
      env,
      'mutation($id: ID!, $c: String!) { addDocumentVersion(id: $id, contentBase64: $c, mimeType: "text/plain") { id } }',
      { id: first.data.uploadDocument.id, c: b64('b'.repeat(600)) },
      carl,
    );
    expect(version.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(version.errors?.[0].message).toContain('DOCUMENTS_UPLOAD_BYTES_PER_HOUR');
  });

  it('lets no more than the quota through when one user sends at once, to two replicas', async () => {
    const dora = testIdentity(['accountant'], { userId: 'user-limits-dora' });
    const other = await env.replica();
    const answers = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        // Alternately to each replica: the count lives in Postgres, not in either process.
        const url = i % 2 ? other.url : env.docs.url;
        const input = { title: `P${i}`, mimeType: 'text/plain', contentBase64: b64(`p${i}`) };
        const r = await callSubgraph(url, UPLOAD, { input }, dora);
        return r.errors ? r.errors[0].extensions?.code : 'filed';
      }),
    );
    expect(answers.filter((a) => a === 'filed')).toHaveLength(3);
    expect(answers.filter((a) => a === 'BAD_USER_INPUT')).toHaveLength(5);
  });
});

describe('extraction survives its process', () => {
  it('extracts, in the next process, a document whose process stopped before reading it', async () => {
    const doc = await send(asCompliance, { contentBase64: b64('Verzuimprotocol na herstart') });
    const id = doc.data.uploadDocument.id as string;
    await extracted(env, [id]);
    // As a process that claimed the document and died would leave it: pending, its claim run out.
    await env.docs.deps.db.query(
      `UPDATE document SET text_status = 'PENDING', search_text = '', text_claimed_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await env.docs.services.extraction.close();
    await env.replica();
    expect(await extracted(env, [id])).toEqual(['DONE']);
    const r = await gql(env, 'query($id: ID!) { document(id: $id) { textStatus } }', { id }, asCompliance);
    expect(r.data.document.textStatus).toBe('DONE');
  });
});
