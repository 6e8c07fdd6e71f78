import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last sequence number handed out per event type, kept beside the outbox so the relay need not
 * scan it and the retention job may delete old rows freely; and what each consumer knows the source
 * has published (from the source's periodic watermark), so a lost *last* event is detected too.
 */
export class KitWatermarks1764201600200 implements MigrationInterface {
  name = 'KitWatermarks1764201600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE outbox_sequence (subject text PRIMARY KEY, last_seq bigint NOT NULL)');
    await q.query(
      'INSERT INTO outbox_sequence (subject, last_seq) SELECT subject, max(source_seq) FROM outbox WHERE source_seq IS NOT NULL GROUP BY subject',
    );
    await q.query('ALTER TABLE consumer_sequence ADD COLUMN known_max bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE consumer_sequence DROP COLUMN known_max');
    await q.query('DROP TABLE outbox_sequence');
  }
}
