import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDesk1764201800000 implements MigrationInterface {
  name = 'ServiceDesk1764201800000';

  async up(q: QueryRunner): Promise<void> {
    // What IT knows of employees, learnt from hr's events: enough to check a requester and write checklists.
    await q.query(`
      CREATE TABLE known_employee (
        id uuid PRIMARY KEY,
        given_name text NOT NULL,
        family_name text NOT NULL,
        email text NOT NULL,
        department_name text,
        cost_center text,
        work_location text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query('CREATE SEQUENCE ticket_number');
    await q.query(`
      CREATE TABLE ticket (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text,
        category text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        status text NOT NULL,
        requester_id uuid NOT NULL,
        assignee_id uuid,
        due_at timestamptz,
        source_event_id text UNIQUE,
        first_responded_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        breach_recorded_at timestamptz,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX ticket_by_requester ON ticket (requester_id, created_at DESC)');
    await q.query('CREATE INDEX ticket_by_created ON ticket (created_at DESC, id DESC)');
    await q.query(`CREATE INDEX ticket_open ON ticket (status) WHERE status NOT IN ('RESOLVED', 'CLOSED')`);
    await q.query(`
      CREATE TABLE ticket_sla_pause (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES ticket (id),
        paused_from timestamptz NOT NULL,
        paused_to timestamptz
      )`);
    await q.query('CREATE INDEX ticket_sla_pause_by_ticket ON ticket_sla_pause (ticket_id)');
    await q.query(`
      CREATE TABLE ticket_comment (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES ticket (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        internal boolean NOT NULL,
        author text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX ticket_comment_by_ticket ON ticket_comment (ticket_id, id)');
    await q.query(`
      CREATE TABLE ticket_change (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES ticket (id),
        kind text NOT NULL,
        from_value text,
        to_value text,
        changed_by text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX ticket_change_by_ticket ON ticket_change (ticket_id, id)');
    await q.query(`
      CREATE TABLE asset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tag text NOT NULL UNIQUE,
        model text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('HARDWARE', 'LICENCE')),
        serial_number text,
        status text NOT NULL CHECK (status IN ('IN_STOCK', 'ASSIGNED', 'IN_REPAIR', 'RETIRED')),
        assignee_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'ASSIGNED') = (assignee_id IS NOT NULL))
      )`);
    await q.query('CREATE INDEX asset_by_assignee ON asset (assignee_id) WHERE assignee_id IS NOT NULL');
    await q.query(`
      CREATE TABLE asset_assignment (
        id bigserial PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES asset (id),
        employee_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        returned_at timestamptz,
        assigned_by text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE asset_assignment, asset, ticket_change, ticket_comment, ticket_sla_pause, ticket, known_employee',
    );
    await q.query('DROP SEQUENCE ticket_number');
  }
}
