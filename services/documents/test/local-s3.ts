import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** s3rver's fixed credentials: any request must be signed with them. */
const KEY = 'S3RVER';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The env a documents service needs to keep its blobs in this server's bucket. */
  env: Record<string, string>;
  /** Every object key in the bucket, as S3 lists them. */
  keys(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * A local S3-compatible server (s3rver, from npm) on a free port, its objects in a temporary folder:
 * the S3 store is tested against the real protocol, signed requests, multipart uploads and all.
 */
export async function startLocalS3(bucket = 'documents-test'): Promise<LocalS3> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'documents-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'eu-west-1',
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
  });
  return {
    endpoint,
    bucket,
    env: {
      DOCUMENTS_STORE: 's3',
      DOCUMENTS_S3_BUCKET: bucket,
      DOCUMENTS_S3_ENDPOINT: endpoint,
      DOCUMENTS_S3_FORCE_PATH_STYLE: 'true',
      DOCUMENTS_S3_ACCESS_KEY_ID: KEY,
      DOCUMENTS_S3_SECRET_ACCESS_KEY: KEY,
    },
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async stop() {
      client.destroy();
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
