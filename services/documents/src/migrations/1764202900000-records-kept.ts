import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records kept as the law says: deleted documents wait for the purge (found by this index), and
 * access beyond a document's classification takes two people (a request, then a grant by another).
 */
export class RecordsKept1764202900000 implements MigrationInterface {
  name = 'RecordsKept1764202900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX document_deleted_unpurged ON document (deleted_at) WHERE purged_at IS NULL AND deleted_at IS NOT NULL',
    );
    await q.query('ALTER TABLE document_grant ADD COLUMN requested_by text');
    await q.query(`
      CREATE TABLE document_access_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES document (id),
        user_id text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
        reason text CHECK (reason IS NULL OR length(reason) <= 2000),
        status text NOT NULL CHECK (status IN ('PENDING', 'GRANTED', 'REFUSED')),
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_at timestamptz,
        CHECK ((status = 'PENDING') = (decided_by IS NULL)),
        CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id))
      )`);
    // One pending request per user and document: the grant finds exactly one.
    await q.query(
      `CREATE UNIQUE INDEX document_access_request_pending ON document_access_request (document_id, user_id)
       WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE document_access_request');
    await q.query('ALTER TABLE document_grant DROP COLUMN requested_by');
    await q.query('DROP INDEX document_deleted_unpurged');
  }
}
