import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock at average cost: the product's moving average over all warehouses, and the unit cost each
 * receipt and issue was valued at (what accounting books).
 */
export class AverageCost1765000100000 implements MigrationInterface {
  name = 'AverageCost1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE product ADD COLUMN average_cost numeric(18, 4) NOT NULL DEFAULT 0 CHECK (average_cost >= 0)',
    );
    await q.query('ALTER TABLE stock_movement ADD COLUMN unit_cost numeric(18, 4) CHECK (unit_cost >= 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE stock_movement DROP COLUMN unit_cost');
    await q.query('ALTER TABLE product DROP COLUMN average_cost');
  }
}
