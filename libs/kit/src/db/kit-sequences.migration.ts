import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-source sequences (detecting events the bus lost): the outbox numbers each event type's events
 * gaplessly as the relay publishes them, and each consumer records what it has seen per source and type.
 */
export class KitSequences1764201600100 implements MigrationInterface {
  name = 'KitSequences1764201600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox DROP CONSTRAINT outbox_source_seq_key');
    await q.query(
      'CREATE UNIQUE INDEX outbox_subject_seq ON outbox (subject, source_seq) WHERE source_seq IS NOT NULL',
    );
    await q.query('CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL');
    await q.query(`
      CREATE TABLE consumer_sequence (
        consumer text NOT NULL,
        source text NOT NULL,
        subject text NOT NULL,
        contiguous bigint NOT NULL DEFAULT 0,
        above bigint[] NOT NULL DEFAULT '{}',
        gap_since timestamptz,
        last_replay_request_at timestamptz,
        unrecoverable text,
        PRIMARY KEY (consumer, subject)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consumer_sequence');
    await q.query('DROP INDEX outbox_sent_at');
    await q.query('DROP INDEX outbox_subject_seq');
    await q.query('ALTER TABLE outbox ADD CONSTRAINT outbox_source_seq_key UNIQUE (source_seq)');
  }
}
