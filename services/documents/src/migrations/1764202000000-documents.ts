import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1764202000000 implements MigrationInterface {
  name = 'Documents1764202000000';

  async up(q: QueryRunner): Promise<void> {
    // What documents knows of hr's employees, learnt from hr's events: enough to check an owner and
    // to date a personnel file's retention from the termination.
    await q.query(`
      CREATE TABLE known_employee (
        id uuid PRIMARY KEY,
        end_date date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per distinct content: the store keeps each SHA-256 once, however many versions share it.
    await q.query(`
      CREATE TABLE blob (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        document_type text CHECK (document_type ~ '^[a-z][a-z0-9_]{0,39}$'),
        classification text NOT NULL
          CHECK (classification IN ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'STRICTLY_CONFIDENTIAL')),
        owner_employee_id uuid,
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
        retention_until date,
        search_text text NOT NULL DEFAULT '' CHECK (length(search_text) <= 100000),
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by text,
        purged_at timestamptz,
        CHECK (purged_at IS NULL OR deleted_at IS NOT NULL)
      )`);
    // The index in both languages the company writes in; titles weigh most, then tags, then the text.
    await q.query(`
      CREATE FUNCTION document_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('english', NEW.title), 'A') ||
          setweight(to_tsvector('dutch', NEW.title), 'A') ||
          setweight(to_tsvector('english', array_to_string(NEW.tags, ' ')), 'B') ||
          setweight(to_tsvector('dutch', array_to_string(NEW.tags, ' ')), 'B') ||
          setweight(to_tsvector('english', NEW.search_text), 'C') ||
          setweight(to_tsvector('dutch', NEW.search_text), 'C');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER document_search_vector BEFORE INSERT OR UPDATE OF title, tags, search_text ON document
      FOR EACH ROW EXECUTE FUNCTION document_search_vector()`);
    await q.query('CREATE INDEX document_search ON document USING gin (search_vector)');
    await q.query('CREATE INDEX document_by_owner ON document (owner_employee_id, created_at DESC)');
    await q.query('CREATE INDEX document_by_created ON document (created_at DESC, id DESC)');
    await q.query(
      'CREATE INDEX document_retention_due ON document (retention_until) WHERE purged_at IS NULL AND retention_until IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE document_version (
        document_id uuid NOT NULL REFERENCES document (id),
        number integer NOT NULL CHECK (number >= 1),
        sha256 text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        mime_type text NOT NULL,
        file_name text CHECK (file_name IS NULL OR (length(file_name) BETWEEN 1 AND 120 AND file_name !~ '[/\\\\]')),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, number)
      )`);
    await q.query('CREATE INDEX document_version_by_sha ON document_version (sha256)');
    // Strictly confidential documents are read only by users named here.
    await q.query(`
      CREATE TABLE document_grant (
        document_id uuid NOT NULL REFERENCES document (id),
        user_id text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 200),
        granted_by text,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, user_id)
      )`);
    await q.query('CREATE INDEX document_grant_by_user ON document_grant (user_id)');
    // Compliance's legal holds as this service learns them from compliance's events.
    await q.query(`
      CREATE TABLE legal_hold (
        id text PRIMARY KEY,
        document_id uuid NOT NULL,
        reason text,
        placed_by text,
        placed_at timestamptz,
        released_at timestamptz
      )`);
    await q.query('CREATE INDEX legal_hold_active ON legal_hold (document_id) WHERE released_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE legal_hold, document_grant, document_version, document, blob, known_employee CASCADE',
    );
    await q.query('DROP FUNCTION document_search_vector');
  }
}
