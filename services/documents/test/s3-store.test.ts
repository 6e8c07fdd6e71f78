import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { eventually, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from './local-s3.js';
import {
  type DocumentsTestEnv,
  MAX_BYTES,
  b64,
  gql,
  hire,
  signed,
  startDocuments,
  storedFiles,
  upload,
} from './support.js';

let s3: LocalS3;
let env: DocumentsTestEnv;
let ann: string;
const asHr = testIdentity(['hr']);
const asCompliance = testIdentity(['compliance_officer']);

beforeAll(async () => {
  s3 = await startLocalS3();
  env = await startDocuments({ ...s3.env, DOCUMENTS_DELETED_KEPT_MS: '0' });
  [ann] = await hire(env, 1);
});
afterAll(async () => {
  await env?.cleanup();
  await s3?.stop();
});

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const keyOf = (sha: string) => `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
const get = async (path: string, headers: Record<string, string> = {}) =>
  fetch(`${env.base}${path}`, { headers: { ...(await signed(asHr, `${env.base}${path}`)), ...headers } });

describe('documents on the S3 store (DOCUMENTS_STORE=s3, against a local S3-compatible server)', () => {
  it('uploads, serves, versions, dedupes and purges with the bytes in the bucket only', async () => {
    const first = Buffer.from(`Loonstrook januari ${randomUUID()}\n${'netto 3.210,00 EUR\n'.repeat(200)}`);
    const second = Buffer.from(`Loonstrook januari, gecorrigeerd ${randomUUID()}`);

    // Streamed upload through the route.
    const created = await fetch(`${env.base}/documents`, {
      method: 'POST',
      headers: {
        ...(await signed(asHr, `${env.base}/documents`, 'POST')),
        'content-type': 'text/plain',
        'x-document-title': 'Loonstrook januari',
        'x-document-owner': ann,
        'x-document-type': 'payslip',
      },
      body: first,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await s3.keys()).toEqual([keyOf(sha256(first))]);
    expect(await storedFiles(env.dir)).toEqual([]); // nothing on local disk

    const whole = await get(`/documents/${id}/content`);
    expect(whole.headers.get('etag')).toBe(`"${sha256(first)}"`);
    expect(Buffer.from(await whole.arrayBuffer()).equals(first)).toBe(true);
    const part = await get(`/documents/${id}/content`, { range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('Loonstrook');

    // A new version, streamed; the first stays readable by number.
    const versioned = await fetch(`${env.base}/documents/${id}/versions`, {
      method: 'POST',
      headers: {
        ...(await signed(asHr, `${env.base}/documents/${id}/versions`, 'POST')),
        'content-type': 'text/plain',
      },
      body: second,
    });
    expect(versioned.status).toBeLessThan(300);
    expect(await (await get(`/documents/${id}/content`)).text()).toBe(second.toString());
    expect(
      Buffer.from(await (await get(`/documents/${id}/content?version=1`)).arrayBuffer()).equals(first),
    ).toBe(true);

    // The same bytes filed again through GraphQL: one object for both documents.
    const copy = await upload(env, asHr, {
      title: 'Loonstrook januari (kopie)',
      contentBase64: b64(first),
      ownerEmployeeId: ann,
      documentType: 'payslip',
    });
    expect(copy.currentVersion.sha256).toBe(sha256(first));
    expect(await s3.keys()).toEqual([keyOf(sha256(first)), keyOf(sha256(second))].sort());

    // Purge the first document: its own second version goes, the bytes it shares with the copy stay.
    await env.docs.deps.db.query(`UPDATE document SET retention_until = '2020-01-01' WHERE id = $1`, [id]);
    expect(await env.docs.services.retention.purgeExpired()).toBe(1);
    expect(await s3.keys()).toEqual([keyOf(sha256(first))]);
    expect((await get(`/documents/${id}/content`)).status).toBe(404);
    const keptUrl = `${env.base}/documents/${copy.id}/content`;
    const kept = await fetch(keptUrl, { headers: await signed(asCompliance, keptUrl) });
    expect(Buffer.from(await kept.arrayBuffer()).equals(first)).toBe(true);
  });

  it('refuses a stream over DOCUMENTS_MAX_BYTES and leaves no object behind', async () => {
    const before = await s3.keys();
    const uploadHeaders = await signed(asHr, `${env.base}/documents`, 'POST');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${env.base}/documents`, {
        method: 'POST',
        headers: { ...uploadHeaders, 'content-type': 'text/plain', 'x-document-title': 'too big' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may answer and close before the whole body is written: the answer is what counts.
      req.on('error', (e) => (req.writableFinished ? undefined : reject(e)));
      const chunk = randomBytes(8 * 1024)
        .toString('hex')
        .slice(0, 8 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < MAX_BYTES * 4) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(
      await eventually(
        () => s3.keys(),
        (keys) => keys.length === before.length,
      ),
    ).toEqual(before);
  });

  it('deletes an unshared object with its document, and keeps one another document still uses', async () => {
    const shared = `memo ${randomUUID()}`;
    const own = await upload(env, asHr, { title: 'Memo', contentBase64: b64(`memo ${randomUUID()}`) });
    const one = await upload(env, asHr, { title: 'Shared memo', contentBase64: b64(shared) });
    const other = await upload(env, asHr, { title: 'Shared memo again', contentBase64: b64(shared) });
    expect(one.currentVersion.sha256).toBe(other.currentVersion.sha256);
    for (const doc of [own, one]) {
      const r = await gql(env, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id: doc.id }, asHr);
      expect(r.errors).toBeUndefined();
    }
    // Deleted documents keep their bytes until the purge.
    expect(await s3.keys()).toContain(keyOf(own.currentVersion.sha256));
    expect(await env.docs.services.retention.purgeExpired()).toBe(2);
    const keys = await s3.keys();
    expect(keys).not.toContain(keyOf(own.currentVersion.sha256));
    expect(keys).toContain(keyOf(one.currentVersion.sha256));
  });
});
