import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Country rules (NL first): the holiday allowance contract flag and the per-day workday register. */
export class CountryRules1764202100000 implements MigrationInterface {
  name = 'CountryRules1764202100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE contract_version ADD COLUMN holiday_allowance_monthly boolean NOT NULL DEFAULT false',
    );
    // One registration per employee and day: the primary key is the rule that a day is HOME or OFFICE.
    await q.query(`
      CREATE TABLE workday (
        employee_id uuid NOT NULL REFERENCES employee (id),
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('HOME', 'OFFICE')),
        commute_km numeric(7, 2) CHECK (commute_km IS NULL OR (commute_km >= 0 AND commute_km <= 2000)),
        registered_by text,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (employee_id, date),
        -- Commuting is paid for office days only: a home day carries no kilometres.
        CHECK (kind = 'OFFICE' OR commute_km IS NULL)
      )`);
    await q.query('CREATE INDEX workday_by_date ON workday (date, employee_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE workday');
    await q.query('ALTER TABLE contract_version DROP COLUMN holiday_allowance_monthly');
  }
}
