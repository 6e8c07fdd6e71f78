import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The previous hash of entry 1, written here literally: a migration never follows later code. */
const GENESIS_HASH = '0'.repeat(64);

export class Compliance1764202000000 implements MigrationInterface {
  name = 'Compliance1764202000000';

  async up(q: QueryRunner): Promise<void> {
    // The audit trail: one row per domain event, appended by one consumer, never changed.
    await q.query(`
      CREATE TABLE audit_counter (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last_sequence bigint NOT NULL CHECK (last_sequence >= 0),
        last_hash text NOT NULL
      )`);
    await q.query('INSERT INTO audit_counter (id, last_sequence, last_hash) VALUES (true, 0, $1)', [
      GENESIS_HASH,
    ]);
    await q.query(`
      CREATE TABLE audit_entry (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        event_id text NOT NULL UNIQUE,
        type text NOT NULL,
        source text NOT NULL,
        subject text NOT NULL,
        actor text,
        time timestamptz NOT NULL,
        payload jsonb,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX audit_entry_by_type ON audit_entry (type, sequence)');
    await q.query('CREATE INDEX audit_entry_by_subject ON audit_entry (subject, sequence)');
    await q.query('CREATE INDEX audit_entry_by_actor ON audit_entry (actor, sequence)');
    await q.query('CREATE INDEX audit_entry_by_time ON audit_entry (time)');
    // Append-only, whoever writes: the application role cannot rewrite history.
    await q.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
    await q.query(`
      CREATE TABLE audit_checkpoint (
        id bigserial PRIMARY KEY,
        sequence bigint NOT NULL,
        hash text NOT NULL,
        event_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    // Employees as compliance knows them, from hr's events.
    await q.query(`
      CREATE TABLE known_employee (
        id text PRIMARY KEY,
        given_name text NOT NULL,
        family_name text NOT NULL,
        email text,
        active boolean NOT NULL DEFAULT true,
        hired_at timestamptz NOT NULL,
        terminated_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 100),
        subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
        reason text,
        amount numeric(20, 4),
        currency text CHECK (currency ~ '^[A-Z]{3}$'),
        required_role text NOT NULL,
        steps_required int NOT NULL CHECK (steps_required IN (1, 2)),
        requested_by text NOT NULL,
        requested_by_employee_id text,
        subject_author text,
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
        expires_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        comment text,
        source_event_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((status = 'PENDING') = (decided_at IS NULL)),
        -- Four eyes, whatever code path writes.
        CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by IS DISTINCT FROM subject_author))
      )`);
    await q.query('CREATE INDEX approval_by_subject ON approval (subject_type, subject_id, created_at DESC)');
    await q.query(`CREATE INDEX approval_pending ON approval (expires_at) WHERE status = 'PENDING'`);
    // One open request per subject: a second would let two people race to decide the same thing.
    await q.query(
      `CREATE UNIQUE INDEX approval_one_pending_per_subject ON approval (subject_type, subject_id) WHERE status = 'PENDING'`,
    );
    await q.query(
      'CREATE INDEX approval_by_requester_employee ON approval (requested_by_employee_id) WHERE requested_by_employee_id IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE approval_step (
        approval_id uuid NOT NULL REFERENCES approval (id),
        step int NOT NULL CHECK (step IN (1, 2)),
        decided_by text NOT NULL,
        approve boolean NOT NULL,
        comment text,
        decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (approval_id, step),
        UNIQUE (approval_id, decided_by)
      )`);

    await q.query(`
      CREATE TABLE policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9_.-]{0,79}$'),
        current_version int NOT NULL CHECK (current_version > 0),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE policy_version (
        policy_id uuid NOT NULL REFERENCES policy (id),
        version int NOT NULL CHECK (version > 0),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body_markdown text NOT NULL CHECK (length(body_markdown) BETWEEN 1 AND 200000),
        effective_date date NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        superseded_at timestamptz,
        PRIMARY KEY (policy_id, version)
      )`);
    await q.query(`
      CREATE TABLE policy_acknowledgement (
        policy_id uuid NOT NULL,
        version int NOT NULL,
        employee_id text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        acknowledged_at timestamptz,
        acknowledged_by text,
        PRIMARY KEY (policy_id, version, employee_id),
        FOREIGN KEY (policy_id, version) REFERENCES policy_version (policy_id, version)
      )`);
    await q.query('CREATE INDEX policy_acknowledgement_by_employee ON policy_acknowledgement (employee_id)');
    await q.query(
      'CREATE INDEX policy_acknowledgement_pending ON policy_acknowledgement (requested_at) WHERE acknowledged_at IS NULL',
    );

    // Documents as compliance knows them, from documents' events: retention and whether they still exist.
    await q.query(`
      CREATE TABLE known_document (
        id text PRIMARY KEY,
        title text,
        version int,
        retention_until date,
        deleted_at timestamptz,
        purged_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE legal_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id text NOT NULL CHECK (length(document_id) BETWEEN 1 AND 200),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        placed_by text NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        released_by text,
        released_at timestamptz,
        CHECK ((released_by IS NULL) = (released_at IS NULL))
      )`);
    await q.query('CREATE INDEX legal_hold_by_document ON legal_hold (document_id, placed_at)');

    // What findings are made of: observations from other services' events.
    await q.query(`
      CREATE TABLE sla_breach (
        event_id text PRIMARY KEY,
        ticket_id text NOT NULL,
        priority text,
        kinds text[] NOT NULL DEFAULT '{}',
        breached_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE journal_reversal (
        event_id text PRIMARY KEY,
        reversed_entry_id text NOT NULL,
        reversal_entry_id text,
        reversed_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX journal_reversal_by_entry ON journal_reversal (reversed_entry_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE journal_reversal, sla_breach, legal_hold, known_document, policy_acknowledgement, policy_version, policy, approval_step, approval, known_employee, audit_checkpoint, audit_entry, audit_counter',
    );
    await q.query('DROP FUNCTION audit_entry_append_only');
  }
}
