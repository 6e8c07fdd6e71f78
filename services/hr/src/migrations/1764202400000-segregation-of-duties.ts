import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Segregation of duties on pay: who calculated a payroll run and who changed the pay data that went into
 * it, so a second person finalizes it. Pay data changes (contracts, allowances) are kept append-only.
 * The database refuses a finalization by one of those hands unless four eyes was switched off for it,
 * whatever code path writes.
 */
export class SegregationOfDuties1764202400000 implements MigrationInterface {
  name = 'SegregationOfDuties1764202400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pay_data_change (
        id bigserial PRIMARY KEY,
        employee_id uuid NOT NULL REFERENCES employee (id),
        what text NOT NULL CHECK (what IN ('contract', 'allowance')),
        effective_from date NOT NULL,
        changed_by text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX pay_data_change_by_employee ON pay_data_change (employee_id, changed_at)');
    await q.query(`
      ALTER TABLE payroll_run
        ADD COLUMN calculated_by text,
        ADD COLUMN last_pay_data_change_by text,
        ADD COLUMN pay_data_changed_by text[] NOT NULL DEFAULT '{}',
        ADD COLUMN four_eyes boolean NOT NULL DEFAULT true`);
    await q.query(`
      ALTER TABLE payroll_run ADD CONSTRAINT payroll_run_four_eyes CHECK (
        status <> 'FINALIZED' OR NOT four_eyes OR (
          finalized_by IS NOT NULL
          AND finalized_by IS DISTINCT FROM calculated_by
          AND NOT finalized_by = ANY (pay_data_changed_by)))
      NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE payroll_run DROP CONSTRAINT payroll_run_four_eyes');
    await q.query(`
      ALTER TABLE payroll_run DROP COLUMN calculated_by, DROP COLUMN last_pay_data_change_by,
        DROP COLUMN pay_data_changed_by, DROP COLUMN four_eyes`);
    await q.query('DROP TABLE pay_data_change');
  }
}
