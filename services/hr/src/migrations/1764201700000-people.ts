import type { MigrationInterface, QueryRunner } from 'typeorm';

export class People1764201700000 implements MigrationInterface {
  name = 'People1764201700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        cost_center text NOT NULL UNIQUE,
        parent_id uuid REFERENCES department (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE employee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        given_name text NOT NULL,
        family_name text NOT NULL,
        email text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'TERMINATED')),
        work_location text NOT NULL CHECK (work_location IN ('OFFICE', 'REMOTE', 'HYBRID')),
        work_country text NOT NULL CHECK (work_country ~ '^[A-Z]{2}$'),
        department_id uuid NOT NULL REFERENCES department (id),
        manager_id uuid REFERENCES employee (id),
        start_date date NOT NULL,
        end_date date CHECK (end_date IS NULL OR end_date >= start_date),
        termination_reason text,
        date_of_birth date,
        address text,
        postcode text,
        iban text,
        bsn text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Email unique among active employees: a rehire or a successor may reuse an address.
    await q.query(
      `CREATE UNIQUE INDEX employee_active_email ON employee (lower(email)) WHERE status = 'ACTIVE'`,
    );
    await q.query('CREATE INDEX employee_by_name ON employee (family_name, given_name, id)');
    await q.query('CREATE INDEX employee_by_department ON employee (department_id)');
    await q.query('CREATE INDEX employee_by_manager ON employee (manager_id)');
    await q.query(`
      CREATE TABLE employee_status_change (
        id bigserial PRIMARY KEY,
        employee_id uuid NOT NULL REFERENCES employee (id),
        status text NOT NULL,
        work_location text NOT NULL,
        effective_from date NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by text,
        reason text
      )`);
    await q.query(
      'CREATE INDEX employee_status_change_by_employee ON employee_status_change (employee_id, effective_from)',
    );
    await q.query(`
      CREATE TABLE contract_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_id uuid NOT NULL REFERENCES employee (id),
        monthly_salary numeric(14, 2) NOT NULL CHECK (monthly_salary > 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        fte numeric(4, 3) NOT NULL CHECK (fte > 0 AND fte <= 1),
        weekly_hours numeric(5, 2) NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 80),
        start_date date NOT NULL,
        end_date date CHECK (end_date IS NULL OR end_date >= start_date),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- At most one version in force on any day, whatever code path writes.
        EXCLUDE USING gist (employee_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_version, employee_status_change, employee, department');
  }
}
