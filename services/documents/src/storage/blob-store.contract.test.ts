import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../test/local-s3.js';
import { parseDocumentsConfig } from '../config.js';
import { BlobNotFound, type BlobStore, BlobTooLarge, sha256Of } from './blob-store.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';
import { createBlobStore } from './blob-store.factory.js';
import { S3BlobStore } from './s3-blob-store.js';
import { S3ObjectStorage } from './s3-object-storage.js';

const tempDirs: string[] = [];
let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
  await s3?.stop();
});

/** The S3 store as DOCUMENTS_STORE=s3 configures it, against the local server, under `prefix`. */
const s3Store = (prefix: string) =>
  createBlobStore(parseDocumentsConfig({ ...s3.env, DOCUMENTS_S3_PREFIX: prefix })) as S3BlobStore;
let prefixes = 0;

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const implementations: [string, () => Promise<BlobStore>][] = [
  [
    'filesystem',
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'documents-blobs-'));
      tempDirs.push(dir);
      return new FilesystemBlobStore(dir);
    },
  ],
  // A prefix per test: each sees an empty store, as the filesystem tests get a folder each.
  ['s3 (s3rver, a local S3-compatible server)', async () => s3Store(`contract-${++prefixes}/`)],
];

describe.each(implementations)('BlobStore contract: %s', (_name, make) => {
  it('keeps bytes under their SHA-256 and returns them whole or by range', async () => {
    const store = await make();
    const bytes = randomBytes(10_000);
    const blob = await store.put(bytes);
    expect(blob).toEqual({ sha256: sha256Of(bytes), size: 10_000 });
    expect(await store.has(blob.sha256)).toBe(true);
    expect((await readAll(await store.get(blob.sha256))).equals(bytes)).toBe(true);
    expect(
      (await readAll(await store.get(blob.sha256, { start: 100, end: 199 }))).equals(
        bytes.subarray(100, 200),
      ),
    ).toBe(true);
  });

  it('hashes a stream as it arrives, and stores the same content once', async () => {
    const store = await make();
    const bytes = Buffer.from('the same payslip twice');
    const a = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]));
    const b = await store.put(bytes);
    expect(a).toEqual(b);
    await store.delete(a.sha256);
    expect(await store.has(a.sha256)).toBe(false);
    await expect(store.get(a.sha256)).rejects.toThrow();
  });

  it('refuses a stream over the limit and keeps nothing of it', async () => {
    const store = await make();
    const chunks = Array.from({ length: 10 }, () => randomBytes(1000));
    await expect(store.put(Readable.from(chunks), { maxBytes: 5000 })).rejects.toBeInstanceOf(BlobTooLarge);
    expect(await store.has(sha256Of(Buffer.concat(chunks)))).toBe(false);
    expect(await store.has(sha256Of(Buffer.concat(chunks.slice(0, 5))))).toBe(false);
  });

  it('never takes a key from anything but a SHA-256', async () => {
    const store = await make();
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/SHA-256/);
    await expect(store.has('ab/../../x')).rejects.toThrow(/SHA-256/);
  });
});

describe('the filesystem store on disk', () => {
  it('lays blobs out as ab/cd/<sha> and leaves no temp file behind, even after a refusal', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'documents-blobs-'));
    tempDirs.push(dir);
    const store = new FilesystemBlobStore(dir);
    const blob = await store.put(Buffer.from('hello'));
    const file = path.join(dir, blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256);
    expect((await fs.readFile(file)).toString()).toBe('hello');
    await expect(store.put(Readable.from([randomBytes(200)]), { maxBytes: 100 })).rejects.toBeInstanceOf(
      BlobTooLarge,
    );
    expect(await fs.readdir(path.join(dir, 'tmp'))).toEqual([]);
  });
});

describe('the S3 store on a local S3-compatible server', () => {
  it('streams a file of several multipart parts, and leaves only the content-addressed object', async () => {
    const store = s3Store('multipart/');
    // 20 MiB in 64 KiB chunks: three 8 MiB parts, never one buffer of the whole.
    const chunk = randomBytes(64 * 1024);
    const chunks = 320;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < chunks; i++) yield chunk;
      })(),
    );
    const blob = await store.put(source);
    const whole = Buffer.concat(Array.from({ length: chunks }, () => chunk));
    expect(blob).toEqual({ sha256: sha256Of(whole), size: whole.length });
    const tail = await readAll(
      await store.get(blob.sha256, { start: whole.length - 10, end: whole.length - 1 }),
    );
    expect(tail.equals(whole.subarray(whole.length - 10))).toBe(true);
    expect((await s3.keys()).filter((k) => k.startsWith('multipart/'))).toEqual([
      `multipart/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`,
    ]);
  });

  it('keeps no object, temporary or final, of a refused stream', async () => {
    const store = s3Store('refused/');
    const chunks = Array.from({ length: 200 }, () => randomBytes(64 * 1024));
    await expect(store.put(Readable.from(chunks), { maxBytes: 10 * 1024 * 1024 })).rejects.toBeInstanceOf(
      BlobTooLarge,
    );
    expect((await s3.keys()).filter((k) => k.startsWith('refused/'))).toEqual([]);
  });

  it('answers a missing object as BlobNotFound, and a missing bucket as an error of its own', async () => {
    const store = s3Store('missing/');
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFound);
    const elsewhere = new S3BlobStore(
      new S3ObjectStorage({
        bucket: 'no-such-bucket',
        region: 'eu-west-1',
        endpoint: s3.endpoint,
        forcePathStyle: true,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
      }),
    );
    const error = await elsewhere.get('0'.repeat(64)).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BlobNotFound);
    // A put the server refuses fails (rather than waiting on a stream nobody reads any more).
    // 24 MiB, past what the uploader reads ahead (two 8 MiB parts).
    const chunk = randomBytes(64 * 1024);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 384; i++) yield chunk;
      })(),
    );
    await expect(elsewhere.put(source)).rejects.toThrow();
  });
});
