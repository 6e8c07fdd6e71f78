import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A parked event keeps the signature it arrived with, so `pnpm ops:replay` puts it back on the bus
 * exactly as its producer signed it (and a refused one stays refused).
 */
export class KitSignedDeadLetters1764201600400 implements MigrationInterface {
  name = 'KitSignedDeadLetters1764201600400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dead_letter ADD COLUMN signature text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dead_letter DROP COLUMN signature');
  }
}
