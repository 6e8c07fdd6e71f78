import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text is extracted after the upload answers, by worker threads under budgets. The document row is
 * the queue: PENDING until a process claims it for a while (`text_claimed_until`), so a process that
 * stops mid-extraction leaves it to the next; `text_attempts` ends a file that keeps killing its
 * process. Documents filed before extraction left the request were extracted then: DONE.
 * Uploads per user and hour are counted over `document_version`, so every replica sees the same count.
 */
export class TextExtraction1764203000000 implements MigrationInterface {
  name = 'TextExtraction1764203000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE document
        ADD COLUMN text_status text NOT NULL DEFAULT 'DONE'
          CHECK (text_status IN ('PENDING', 'DONE', 'TOO_COMPLEX', 'FAILED')),
        ADD COLUMN text_claimed_until timestamptz,
        ADD COLUMN text_attempts integer NOT NULL DEFAULT 0`);
    await q.query(
      `CREATE INDEX document_text_pending ON document (updated_at) WHERE text_status = 'PENDING' AND purged_at IS NULL`,
    );
    await q.query('CREATE INDEX document_version_by_uploader ON document_version (created_by, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX document_version_by_uploader, document_text_pending');
    await q.query(
      'ALTER TABLE document DROP COLUMN text_attempts, DROP COLUMN text_claimed_until, DROP COLUMN text_status',
    );
  }
}
