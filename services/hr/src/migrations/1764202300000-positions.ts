import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The position an employee holds (a job title); analysts count headcount by it. */
export class Positions1764202300000 implements MigrationInterface {
  name = 'Positions1764202300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE employee ADD COLUMN position text CHECK (position IS NULL OR length(position) BETWEEN 1 AND 100)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE employee DROP COLUMN position');
  }
}
