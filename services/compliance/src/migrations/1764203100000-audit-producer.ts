import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who signed each entry's event, as the consumer verified it: the producing service and the id of
 * its key. Entries recorded before signatures existed keep null, and their hashes stay as they were
 * (the chain covers these fields only when they are set).
 */
export class AuditProducer1764203100000 implements MigrationInterface {
  name = 'AuditProducer1764203100000';

  async up(q: QueryRunner): Promise<void> {
    // New nullable columns touch no row, so the append-only trigger has nothing to refuse.
    await q.query('ALTER TABLE audit_entry ADD COLUMN producer text, ADD COLUMN producer_key_id text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_entry DROP COLUMN producer, DROP COLUMN producer_key_id');
  }
}
