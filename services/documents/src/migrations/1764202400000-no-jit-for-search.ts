import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search spent most of its time compiling (JIT) plans whose cost estimate the headline and
 * rank expressions inflate: measured 713 ms of 1,194 ms for one query over 100,000 documents. Short
 * OLTP queries never gain from JIT, so the documents database turns it off for every connection.
 */
export class NoJitForSearch1764202400000 implements MigrationInterface {
  name = 'NoJitForSearch1764202400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = off', current_database()); END $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$`);
  }
}
