import { badInput } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';

export interface UploadQuota {
  /** Uploads (documents and versions) per user and hour: DOCUMENTS_UPLOADS_PER_HOUR. */
  uploadsPerHour: number;
  /** Bytes per user and hour: DOCUMENTS_UPLOAD_BYTES_PER_HOUR. */
  bytesPerHour: number;
}

/** One user's uploads in the last hour, as every replica sees them: the versions they filed. */
async function lastHour(em: Pick<EntityManager, 'query'>, userId: string) {
  const [row] = await em.query(
    `SELECT count(*)::int AS uploads, COALESCE(sum(size), 0)::float8 AS bytes FROM document_version
      WHERE created_by = $1 AND created_at > now() - interval '1 hour'`,
    [userId],
  );
  return row as { uploads: number; bytes: number };
}

/**
 * BAD_USER_INPUT, naming the limit, when `userId` may not upload `size` more bytes this hour. Called
 * once before any byte is read (size 0: refuses a user already at the limit) and again in the filing
 * transaction under a per-user lock, with the file's size, so two replicas cannot both let the last
 * upload through. Deleting a document gives nothing back: the count is of what was sent.
 */
export async function checkUploadQuota(
  em: Pick<EntityManager, 'query'>,
  quota: UploadQuota,
  userId: string | null,
  size = 0,
  { lock = false } = {},
): Promise<void> {
  if (!userId) return;
  if (lock) await em.query('SELECT pg_advisory_xact_lock(7410301, hashtext($1))', [userId]);
  const used = await lastHour(em, userId);
  if (used.uploads + 1 > quota.uploadsPerHour)
    throw badInput(
      `upload limit reached: at most ${quota.uploadsPerHour} uploads per user per hour (DOCUMENTS_UPLOADS_PER_HOUR); try again later`,
    );
  // Before the bytes are read, a file of one byte must still fit.
  if (used.bytes + Math.max(size, 1) > quota.bytesPerHour)
    throw badInput(
      `upload limit reached: at most ${quota.bytesPerHour} bytes per user per hour (DOCUMENTS_UPLOAD_BYTES_PER_HOUR); try again later`,
    );
}
