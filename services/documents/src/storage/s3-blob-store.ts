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
  toOwnStream,
} from './blob-store.js';

/**
 * The few object-storage calls the S3 store needs; `S3ObjectStorage` makes them with
 * `@aws-sdk/client-s3`. `putObject` must stream (multipart), never hold the whole body.
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
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : toOwnStream(source);
    const stages: NodeJS.ReadWriteStream[] = [counter];
    if (options.inspect) stages.push(options.inspect);
    try {
      // Both settled before anything else: a refused stream must have stopped the upload (its
      // multipart parts aborted) before the temporary object is removed.
      const [piped, uploaded] = await Promise.allSettled([
        pipeline(input, ...(stages as [HashingCounter]), body),
        // An upload that fails may stop reading its body: the pipeline must not wait on it forever.
        this.objects.putObject(temp, body).catch((e) => {
          body.destroy(e);
          throw e;
        }),
      ]);
      if (piped.status === 'rejected') throw piped.reason;
      if (uploaded.status === 'rejected') throw uploaded.reason;
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
