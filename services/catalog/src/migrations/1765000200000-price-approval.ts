import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on large price changes: a price may wait for approval (or be rejected) and only ACTIVE
 * prices take part in the no-overlap rule and in quotes; one change at a time waits per break.
 */
export class PriceApproval1765000200000 implements MigrationInterface {
  name = 'PriceApproval1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE price
        ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PENDING_APPROVAL', 'REJECTED')),
        ADD COLUMN approval_request_id text UNIQUE,
        ADD COLUMN previous_amount numeric(18, 4)`);
    await q.query('ALTER TABLE price DROP CONSTRAINT price_no_overlap');
    await q.query(`
      ALTER TABLE price ADD CONSTRAINT price_no_overlap EXCLUDE USING gist
        (product_id WITH =, price_list_id WITH =, min_quantity WITH =, validity WITH &&) WHERE (status = 'ACTIVE')`);
    await q.query(`
      CREATE UNIQUE INDEX price_one_pending ON price (product_id, price_list_id, min_quantity)
        WHERE status = 'PENDING_APPROVAL'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX price_one_pending');
    await q.query('ALTER TABLE price DROP CONSTRAINT price_no_overlap');
    await q.query(`DELETE FROM price WHERE status <> 'ACTIVE'`);
    await q.query(`
      ALTER TABLE price ADD CONSTRAINT price_no_overlap EXCLUDE USING gist
        (product_id WITH =, price_list_id WITH =, min_quantity WITH =, validity WITH &&)`);
    await q.query(
      'ALTER TABLE price DROP COLUMN status, DROP COLUMN approval_request_id, DROP COLUMN previous_amount',
    );
  }
}
