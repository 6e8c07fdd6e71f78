import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A legal hold in two phases: recorded here, then applied by documents and confirmed back. A hold is
 * PENDING until `applied_at`, REFUSED when documents had nothing to hold (`refused`), RELEASING until
 * documents confirms the release (`lifted_at`). Compliance's view of documents learns each document's
 * type and owner, so a hold is shown only to those who may know of it.
 */
export class LegalHoldConfirmed1764202950000 implements MigrationInterface {
  name = 'LegalHoldConfirmed1764202950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE legal_hold
        ADD COLUMN applied_at timestamptz,
        ADD COLUMN refused text CHECK (refused IN ('NO_SUCH_DOCUMENT', 'PURGED')),
        ADD COLUMN document_deleted boolean,
        ADD COLUMN lifted_at timestamptz`);
    // Holds placed before holds were confirmed were applied by documents as events arrived.
    await q.query('UPDATE legal_hold SET applied_at = placed_at, lifted_at = released_at');
    await q.query(`
      ALTER TABLE known_document
        ADD COLUMN document_type text,
        ADD COLUMN owner_employee_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE known_document DROP COLUMN document_type, DROP COLUMN owner_employee_id');
    await q.query(
      'ALTER TABLE legal_hold DROP COLUMN applied_at, DROP COLUMN refused, DROP COLUMN document_deleted, DROP COLUMN lifted_at',
    );
  }
}
