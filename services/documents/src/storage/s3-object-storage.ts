import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ByteRange } from './blob-store.js';
import type { ObjectStorage } from './s3-blob-store.js';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server's URL (MinIO, Ceph, a local test server); AWS itself when absent. */
  endpoint?: string;
  /** Bucket in the path (`endpoint/bucket/key`) rather than the host name; most S3-compatible servers need it. */
  forcePathStyle: boolean;
  /** Both or neither: without them the SDK's default chain (environment, instance role) is used. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

/**
 * Multipart parts of 8 MiB, two in flight: an upload of any size holds at most ~16 MiB of it in
 * memory, and an S3 object may have 10,000 parts, so up to ~78 GiB, far past DOCUMENTS_MAX_BYTES.
 */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

type Sdk = typeof import('@aws-sdk/client-s3');
type Storage = typeof import('@aws-sdk/lib-storage');

/**
 * `ObjectStorage` over `@aws-sdk/client-s3`. The SDK is imported on first use, so a service on the
 * filesystem store never loads it.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly sdk: Promise<{ sdk: Sdk; storage: Storage; client: S3Client }>;

  constructor(private readonly settings: S3Settings) {
    this.sdk = (async () => {
      const [sdk, storage] = await Promise.all([
        import('@aws-sdk/client-s3'),
        import('@aws-sdk/lib-storage'),
      ]);
      const { accessKeyId, secretAccessKey } = settings;
      const client = new sdk.S3Client({
        region: settings.region,
        endpoint: settings.endpoint,
        forcePathStyle: settings.forcePathStyle,
        credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      });
      return { sdk, storage, client };
    })();
    // A failed import surfaces on the first call; this keeps it from being an unhandled rejection.
    this.sdk.catch(() => undefined);
  }

  private get bucket(): string {
    return this.settings.bucket;
  }

  async putObject(key: string, body: Readable): Promise<void> {
    const { storage, client } = await this.sdk;
    const upload = new storage.Upload({
      client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async getObject(key: string, range?: ByteRange): Promise<Readable | null> {
    const { sdk, client } = await this.sdk;
    try {
      const answer = await client.send(
        new sdk.GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return answer.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async headObject(key: string): Promise<{ size: number } | null> {
    const { sdk, client } = await this.sdk;
    try {
      const answer = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: answer.ContentLength ?? 0 };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async copyObject(fromKey: string, toKey: string): Promise<void> {
    const { sdk, client } = await this.sdk;
    // Keys are made by the store alone (hex digits, slashes, a UUID): nothing in them needs escaping.
    await client.send(
      new sdk.CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${fromKey}` }),
    );
  }

  async deleteObject(key: string): Promise<void> {
    const { sdk, client } = await this.sdk;
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Creates the bucket if it is not there: for tests and first runs against a local server. */
  async ensureBucket(): Promise<void> {
    const { sdk, client } = await this.sdk;
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await client.send(new sdk.CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  close(): void {
    void this.sdk.then(({ client }) => client.destroy()).catch(() => undefined);
  }
}

function isNotFound(e: unknown): boolean {
  const error = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    error?.name === 'NoSuchKey' ||
    error?.name === 'NotFound' ||
    (error?.name !== 'NoSuchBucket' && error?.$metadata?.httpStatusCode === 404)
  );
}
