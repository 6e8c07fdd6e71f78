import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PayAndLeave1764201750000 implements MigrationInterface {
  name = 'PayAndLeave1764201750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allowance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id uuid NOT NULL REFERENCES employee (id),
        kind text NOT NULL CHECK (kind IN ('REMOTE_WORK', 'TRAVEL', 'OTHER')),
        monthly_amount numeric(14, 2) NOT NULL CHECK (monthly_amount > 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One amount per kind on any day: a change is a new dated row, the old one ends the day before.
        EXCLUDE USING gist (employee_id WITH =, kind WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE leave_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id uuid NOT NULL REFERENCES employee (id),
        type text NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL CHECK (end_date >= start_date),
        half_day_start boolean NOT NULL DEFAULT false,
        half_day_end boolean NOT NULL DEFAULT false,
        days numeric(6, 1) NOT NULL CHECK (days >= 0.5),
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
        reason text,
        requested_by text NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX leave_request_by_employee ON leave_request (employee_id, start_date)');
    await q.query(`
      CREATE TABLE payroll_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        status text NOT NULL CHECK (status IN ('DRAFT', 'CALCULATED', 'FINALIZED')),
        currency text,
        total_gross numeric(16, 2) NOT NULL DEFAULT 0,
        total_allowances numeric(16, 2) NOT NULL DEFAULT 0,
        total_deductions numeric(16, 2) NOT NULL DEFAULT 0,
        total_net numeric(16, 2) NOT NULL DEFAULT 0,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        calculated_at timestamptz,
        finalized_by text,
        finalized_at timestamptz
      )`);
    // One finalized run per period, whatever code path writes.
    await q.query(
      `CREATE UNIQUE INDEX payroll_run_one_final_per_period ON payroll_run (period) WHERE status = 'FINALIZED'`,
    );
    await q.query(`
      CREATE TABLE payslip (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payroll_run_id uuid NOT NULL REFERENCES payroll_run (id),
        employee_id uuid NOT NULL REFERENCES employee (id),
        cost_center text NOT NULL,
        currency text NOT NULL,
        days_paid int NOT NULL,
        days_in_period int NOT NULL,
        gross numeric(14, 2) NOT NULL,
        allowances numeric(14, 2) NOT NULL,
        pension_employee numeric(14, 2) NOT NULL,
        wage_withholding numeric(14, 2) NOT NULL,
        deductions numeric(14, 2) NOT NULL,
        net numeric(14, 2) NOT NULL,
        lines jsonb NOT NULL,
        UNIQUE (payroll_run_id, employee_id),
        CHECK (gross + allowances - deductions = net)
      )`);
    await q.query('CREATE INDEX payslip_by_employee ON payslip (employee_id)');
    // A finalized run and its payslips are the record of what was paid: immutable in the database.
    await q.query(`
      CREATE FUNCTION payroll_run_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'FINALIZED' THEN
          RAISE EXCEPTION 'payroll run % is finalized and cannot change', OLD.id USING ERRCODE = 'P0001';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await q.query(
      'CREATE TRIGGER payroll_run_immutable BEFORE UPDATE OR DELETE ON payroll_run FOR EACH ROW EXECUTE FUNCTION payroll_run_immutable()',
    );
    await q.query(`
      CREATE FUNCTION payslip_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM payroll_run WHERE id = COALESCE(OLD.payroll_run_id, NEW.payroll_run_id) AND status = 'FINALIZED') THEN
          RAISE EXCEPTION 'payslips of a finalized payroll run cannot change' USING ERRCODE = 'P0001';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await q.query(
      'CREATE TRIGGER payslip_immutable BEFORE INSERT OR UPDATE OR DELETE ON payslip FOR EACH ROW EXECUTE FUNCTION payslip_immutable()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payslip, payroll_run, leave_request, allowance');
    await q.query('DROP FUNCTION payslip_immutable, payroll_run_immutable');
  }
}
