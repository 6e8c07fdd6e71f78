import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobNotFound,
  type BlobStore,
  type ByteRange,
  HashingCounter,
  type PutOptions,
  type StoredBlob,
  blobKey,
} from './blob-store.js';

/**
 * The few object-storage calls the S3 store needs. `@aws-sdk/client-s3` is not installed; an adapter
 * of ~40 lines (PutObject via lib-storage's Upload for streams, GetObject with Range, HeadObject,
 * DeleteObject, CopyObject) satisfies this interface when it is.
 */
export interface ObjectStorage {
  putObject(key: string, body: Readable): Promise<void>;
  getObject(key: string, range?: ByteRange): Promise<Readable | null>;
  headObject(key: string): Promise<{ size: number } | null>;
  copyObject(fromKey: string, toKey: string): Promise<void>;
  deleteObject(key: string): Promise<void>;
}

/**
 * Blobs as objects `<prefix>ab/cd/<sha256>`. A stream is uploaded to a temporary key while it is
 * hashed, then copied server-side to its content address and the temporary object deleted: a failed
 * upload never leaves an object under a hash.
 */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly objects: ObjectStorage,
    private readonly prefix = '',
  ) {}

  private keyOf(sha256: string): string {
    return `${this.prefix}${blobKey(sha256)}`;
  }

  async put(source: NodeJS.ReadableStream | Buffer, options: PutOptions = {}): Promise<StoredBlob> {
    const temp = `${this.prefix}tmp/${randomUUID()}`;
    const counter = new HashingCounter(options.maxBytes);
    const body = new PassThrough();
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    const stages: NodeJS.ReadWriteStream[] = [counter];
    if (options.inspect) stages.push(options.inspect);
    try {
      await Promise.all([
        pipeline(input as Readable, ...(stages as [HashingCounter]), body),
        this.objects.putObject(temp, body),
      ]);
      const sha256 = counter.digest();
      const key = this.keyOf(sha256);
      if (!(await this.objects.headObject(key))) await this.objects.copyObject(temp, key);
      return { sha256, size: counter.size };
    } finally {
      await this.objects.deleteObject(temp).catch(() => undefined);
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const stream = await this.objects.getObject(this.keyOf(sha256), range);
    if (!stream) throw new BlobNotFound(sha256);
    return stream;
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.objects.headObject(this.keyOf(sha256))) !== null;
  }

  delete(sha256: string): Promise<void> {
    return this.objects.deleteObject(this.keyOf(sha256));
  }
}

/** Object storage held in memory: for tests of the S3 store's contract, and nothing else. */
export function memoryObjectStorage(): ObjectStorage & { keys(): string[] } {
  const objects = new Map<string, Buffer>();
  return {
    keys: () => [...objects.keys()],
    async putObject(key, body) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      objects.set(key, Buffer.concat(chunks));
    },
    async getObject(key, range) {
      const bytes = objects.get(key);
      if (!bytes) return null;
      return Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]);
    },
    async headObject(key) {
      const bytes = objects.get(key);
      return bytes ? { size: bytes.length } : null;
    },
    async copyObject(from, to) {
      const bytes = objects.get(from);
      if (!bytes) throw new Error(`no object ${from}`);
      objects.set(to, bytes);
    },
    async deleteObject(key) {
      objects.delete(key);
    },
  };
}
