import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DocumentsTestEnv,
  MAX_BYTES,
  b64,
  hire,
  signed,
  startDocuments,
  storedFiles,
  upload,
} from './support.js';

let env: DocumentsTestEnv;
let ann: string;
let asAnn: ReturnType<typeof testIdentity>;
const asHr = testIdentity(['hr']);
const asBob = testIdentity(['employee'], {
  userId: 'user-bob',
  employeeId: '99999999-9999-4999-8999-999999999999',
});

beforeAll(async () => {
  env = await startDocuments();
  [ann] = await hire(env, 1);
  asAnn = testIdentity(['employee'], { userId: 'user-ann', employeeId: ann });
});
afterAll(() => env?.cleanup());

const get = async (
  path: string,
  who?: ReturnType<typeof testIdentity>,
  headers: Record<string, string> = {},
) =>
  fetch(`${env.base}${path}`, {
    headers: { ...(who ? await signed(who, `${env.base}${path}`) : {}), ...headers },
  });

describe('GET /documents/:id/content', () => {
  it('serves the bytes with Content-Type and the SHA-256 as ETag, 304 on If-None-Match, 206 for a Range', async () => {
    const text = 'Loonstrook maart: netto 3.210,00 EUR';
    const doc = await upload(env, asHr, {
      title: 'Loonstrook',
      contentBase64: b64(text),
      ownerEmployeeId: ann,
      documentType: 'payslip',
      fileName: 'loonstrook maart.txt',
    });
    const etag = `"${createHash('sha256').update(text).digest('hex')}"`;

    const full = await get(`/documents/${doc.id}/content`, asAnn);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(full.headers.get('etag')).toBe(etag);
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('content-disposition')).toContain('loonstrook maart.txt');
    expect(await full.text()).toBe(text);

    const cached = await get(`/documents/${doc.id}/content`, asAnn, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');

    const part = await get(`/documents/${doc.id}/content`, asAnn, { range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-9/${Buffer.byteLength(text)}`);
    expect(await part.text()).toBe('Loonstrook');
    const tail = await get(`/documents/${doc.id}/content`, asAnn, { range: 'bytes=-3' });
    expect(await tail.text()).toBe('EUR');
    const beyond = await get(`/documents/${doc.id}/content`, asAnn, { range: 'bytes=999-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${Buffer.byteLength(text)}`);
  });

  it('serves older versions by number and answers 404 for one that does not exist', async () => {
    const doc = await upload(env, asHr, {
      title: 'Versioned',
      contentBase64: b64('one'),
      ownerEmployeeId: ann,
    });
    await fetch(`${env.base}/documents/${doc.id}/versions`, {
      method: 'POST',
      headers: {
        ...(await signed(asHr, `${env.base}/documents/${doc.id}/versions`, 'POST')),
        'content-type': 'text/plain',
      },
      body: 'two',
    });
    expect(await (await get(`/documents/${doc.id}/content`, asHr)).text()).toBe('two');
    expect(await (await get(`/documents/${doc.id}/content?version=1`, asHr)).text()).toBe('one');
    expect((await get(`/documents/${doc.id}/content?version=7`, asHr)).status).toBe(404);
  });

  it('answers 401 without a valid identity, 403 to a caller who may not read, 404 for nonsense ids', async () => {
    const doc = await upload(env, asHr, {
      title: 'Private',
      contentBase64: b64('private'),
      ownerEmployeeId: ann,
    });
    expect((await get(`/documents/${doc.id}/content`)).status).toBe(401);
    const forged = {
      ...(await signed(asAnn, `${env.base}/documents/${doc.id}/content`)),
      'x-backoffice-identity-signature': 'forged',
    };
    expect((await get(`/documents/${doc.id}/content`, undefined, forged)).status).toBe(401);
    expect((await get(`/documents/${doc.id}/content`, asBob)).status).toBe(403);
    expect((await get('/documents/..%2F..%2Fetc%2Fpasswd/content', asHr)).status).toBe(404);
  });
});

describe('POST /documents (streamed)', () => {
  it('files a streamed upload with its metadata from headers', async () => {
    // A PNG as file-type reads one: the signature, then chunks (IHDR, and the pixels in an IDAT).
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', Buffer.from([0, 0, 0, 100, 0, 0, 0, 100, 8, 2, 0, 0, 0])),
      chunk('IDAT', randomBytes(40_000)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const res = await fetch(`${env.base}/documents`, {
      method: 'POST',
      headers: {
        ...(await signed(asHr, `${env.base}/documents`, 'POST')),
        'content-type': 'image/png',
        'x-document-title': encodeURIComponent('Pasfoto Ann — 2026'),
        'x-document-owner': ann,
        'x-document-type': 'personnel_file',
        'x-document-tags': 'foto,ID',
        'x-document-file-name': encodeURIComponent('../../pasfoto.png'),
      },
      body: png,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await env.docs.deps.db.query(
      `SELECT d.title, d.tags, v.sha256, v.size::int AS size, v.file_name FROM document d JOIN document_version v ON v.document_id = d.id WHERE d.id = $1`,
      [id],
    );
    expect(row).toEqual({
      title: 'Pasfoto Ann — 2026',
      tags: ['foto', 'id'],
      sha256: createHash('sha256').update(png).digest('hex'),
      size: png.length,
      file_name: 'pasfoto.png',
    });
    const back = await get(`/documents/${id}/content`, asAnn);
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses a declared type the bytes contradict, and a body without identity', async () => {
    const mismatch = await fetch(`${env.base}/documents`, {
      method: 'POST',
      headers: {
        ...(await signed(asHr, `${env.base}/documents`, 'POST')),
        'content-type': 'application/pdf',
        'x-document-title': 'x',
      },
      body: 'MZ this is a program',
    });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { code: string }).code).toBe('BAD_USER_INPUT');
    const anonymous = await fetch(`${env.base}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
  });

  it('stops a stream over DOCUMENTS_MAX_BYTES with 413, storing nothing and leaving no temp file', async () => {
    const count = async () =>
      (
        await env.docs.deps.db.query(
          'SELECT (SELECT count(*) FROM document)::int AS d, (SELECT count(*) FROM blob)::int AS b',
        )
      )[0];
    const before = await count();
    const filesBefore = await storedFiles(env.dir);
    // Chunked, without Content-Length: the limit must bite while streaming.
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
      req.on('error', reject);
      let sent = 0;
      const chunk = Buffer.alloc(8 * 1024, 'a');
      const pump = () => {
        while (sent < MAX_BYTES * 4) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    }).catch(() => 413); // the server may close the socket before the client reads the answer
    expect(status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect(await count()).toEqual(before);
    expect(await storedFiles(env.dir)).toEqual(filesBefore);
  });

  it('answers 413 at once for a declared Content-Length over the limit', async () => {
    const res = await fetch(`${env.base}/documents`, {
      method: 'POST',
      headers: {
        ...(await signed(asHr, `${env.base}/documents`, 'POST')),
        'content-type': 'text/plain',
        'x-document-title': 'big',
      },
      body: Buffer.alloc(MAX_BYTES + 1, 'a'),
    });
    expect(res.status).toBe(413);
  });
});
