import path from 'node:path';
import { ConfigError, parseEnv, z } from '@backoffice/kit';

/** The repository root: a relative DOCUMENTS_DIR is taken from here, whatever the working directory. */
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

const schema = z.object({
  /** Where the filesystem store keeps blobs (content-addressed); relative paths are under the repo. */
  DOCUMENTS_DIR: z.string().min(1).default('.data/documents'),
  DOCUMENTS_STORE: z.enum(['fs', 's3']).default('fs'),
  /** The largest file accepted, in bytes (default 25 MiB); enforced while the bytes stream in. */
  DOCUMENTS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Uploads (new documents and versions) one user may make per hour, counted across replicas. */
  DOCUMENTS_UPLOADS_PER_HOUR: z.coerce.number().int().min(1).default(500),
  /** Bytes one user may upload per hour (default 2 GiB), counted across replicas. */
  DOCUMENTS_UPLOAD_BYTES_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 1024 * 1024 * 1024),
  /** Threads that extract text from uploads, off the request path (default 2). */
  DOCUMENTS_EXTRACTION_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  /** Wall-clock time one extraction may take before its thread is stopped (TOO_COMPLEX). */
  DOCUMENTS_EXTRACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Memory one extraction may use, in MiB, for its heap and again for its buffers (TOO_COMPLEX beyond). */
  DOCUMENTS_EXTRACTION_MEMORY_MB: z.coerce.number().int().min(32).max(4096).default(256),
  /** How often documents still waiting for extraction are looked for (after a restart, on another replica). */
  DOCUMENTS_EXTRACTION_POLL_MS: z.coerce.number().int().min(100).default(5_000),
  /** How often the retention purge runs, in ms (default hourly). */
  DOCUMENTS_PURGE_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60 * 60 * 1000),
  /**
   * How long a deleted document's bytes are kept before the purge takes them, in ms (default 7 days),
   * when no retention date keeps them longer: a legal hold placed in that time still preserves them.
   */
  DOCUMENTS_DELETED_KEPT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7 * 24 * 60 * 60 * 1000),
  // DOCUMENTS_STORE=s3: the bucket (required), an S3-compatible server's URL (AWS when unset), the
  // region, a key prefix inside the bucket, and static credentials (both or neither; without them
  // the SDK's default chain: AWS_* variables, web identity, instance role).
  DOCUMENTS_S3_BUCKET: z.string().min(3).max(63).optional(),
  DOCUMENTS_S3_ENDPOINT: z.string().url().optional(),
  DOCUMENTS_S3_REGION: z.string().min(1).default('eu-west-1'),
  DOCUMENTS_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'a key prefix of path segments, each ending in /')
    .default(''),
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`: MinIO and most local servers need it. */
  DOCUMENTS_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DOCUMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  DOCUMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type DocumentsConfig = Omit<z.infer<typeof schema>, 'DOCUMENTS_DIR'> & { DOCUMENTS_DIR: string };

export function parseDocumentsConfig(env: NodeJS.ProcessEnv): DocumentsConfig {
  const parsed = parseEnv(schema, env);
  if (parsed.DOCUMENTS_STORE === 's3' && !parsed.DOCUMENTS_S3_BUCKET) {
    throw new ConfigError('invalid configuration: DOCUMENTS_S3_BUCKET is required when DOCUMENTS_STORE=s3');
  }
  if (!parsed.DOCUMENTS_S3_ACCESS_KEY_ID !== !parsed.DOCUMENTS_S3_SECRET_ACCESS_KEY) {
    throw new ConfigError(
      'invalid configuration: DOCUMENTS_S3_ACCESS_KEY_ID and DOCUMENTS_S3_SECRET_ACCESS_KEY go together',
    );
  }
  return { ...parsed, DOCUMENTS_DIR: path.resolve(REPO_ROOT, parsed.DOCUMENTS_DIR) };
}

/** documents' own settings, parsed once. */
export const config = parseDocumentsConfig(process.env);
