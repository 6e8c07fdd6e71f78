import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type BlobStore, BlobTooLarge, sha256Of } from './blob-store.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';
import { S3BlobStore, memoryObjectStorage } from './s3-blob-store.js';

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
});

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
  ['s3 (in-memory object storage)', async () => new S3BlobStore(memoryObjectStorage(), 'docs/')],
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
