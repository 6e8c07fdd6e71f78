import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency claims that cannot get stuck: a claim carries a token and the time it was taken, and
 * the mutation's own transaction marks it committed (graphql/idempotency.ts). A claim whose process
 * died before committing can then be taken over by a retry, and one whose effect committed is known
 * to have been applied even when its response was never stored.
 */
export class KitIdempotencyFence1764201600300 implements MigrationInterface {
  name = 'KitIdempotencyFence1764201600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE idempotency_key
        ADD COLUMN claim_token uuid,
        ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        ADD COLUMN committed_at timestamptz`);
    // Rows from before: answered ones were committed; unanswered ones stay takeable as stale claims.
    await q.query(
      'UPDATE idempotency_key SET claimed_at = created_at, committed_at = CASE WHEN response IS NOT NULL THEN created_at END',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE idempotency_key DROP COLUMN claim_token, DROP COLUMN claimed_at, DROP COLUMN committed_at',
    );
  }
}
