import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access rule as an indexed predicate (issue 26): every document carries the keys of who may
 * read it, and a search asks for the documents sharing a key with the caller
 * (`access_keys && caller's keys`, see `accessKeysOf` in document.access.ts), in the same GIN index
 * as the words, so one index scan yields exactly the readable matches and ranking can go over all of
 * them. The keys (prefixes keep one kind from ever equalling another):
 *   - `g:<user id>` for each grant: the only way to a STRICTLY_CONFIDENTIAL document;
 *   - for the rest: `all` (compliance_officer, admin), `o:<employee id>` (owner), `u:<user id>`
 *     (uploader), `t:<document type>` (the roles reading that type);
 *   - none once the document is deleted (retention, deletion; a legal hold keeps the record, but
 *     search never showed deleted documents).
 * Triggers recompute a document's keys in the transaction that changes it or its grants, whoever
 * writes; a key array written by hand is overwritten.
 */
export class SearchAccessKeys1764203100000 implements MigrationInterface {
  name = 'SearchAccessKeys1764203100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION document_access_keys(classification text, owner_employee_id uuid, created_by text,
                                           document_type text, deleted_at timestamptz, grantees text[])
      RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN deleted_at IS NOT NULL THEN '{}'::text[] ELSE
          array(SELECT 'g:' || u FROM unnest(grantees) u ORDER BY u)
          || CASE WHEN classification = 'STRICTLY_CONFIDENTIAL' THEN '{}'::text[] ELSE
               array_remove(ARRAY['all', 'o:' || owner_employee_id::text, 'u:' || created_by, 't:' || document_type], NULL)
             END
        END
      $$`);
    await q.query(`ALTER TABLE document ADD COLUMN access_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE FUNCTION document_set_access_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.access_keys := document_access_keys(NEW.classification, NEW.owner_employee_id, NEW.created_by,
          NEW.document_type, NEW.deleted_at,
          array(SELECT user_id FROM document_grant WHERE document_id = NEW.id));
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER document_access_keys BEFORE INSERT OR UPDATE ON document
      FOR EACH ROW EXECUTE FUNCTION document_set_access_keys()`);
    // A grant given or taken away: the document's row is updated, so its trigger recomputes the keys.
    await q.query(`
      CREATE FUNCTION document_grant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE document SET access_keys = '{}' WHERE id = OLD.document_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          UPDATE document SET access_keys = '{}' WHERE id = NEW.document_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER document_grant_access_keys AFTER INSERT OR UPDATE OR DELETE ON document_grant
      FOR EACH ROW EXECUTE FUNCTION document_grant_changed()`);
    // The backfill: every existing document through the trigger.
    await q.query(`UPDATE document SET access_keys = '{}'`);
    // Words and keys in one index: a bitmap scan intersects them before any row is read.
    await q.query('CREATE INDEX document_search_readable ON document USING gin (access_keys, search_vector)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX document_search_readable');
    await q.query('DROP TRIGGER document_grant_access_keys ON document_grant');
    await q.query('DROP FUNCTION document_grant_changed()');
    await q.query('DROP TRIGGER document_access_keys ON document');
    await q.query('DROP FUNCTION document_set_access_keys()');
    await q.query('ALTER TABLE document DROP COLUMN access_keys');
    await q.query('DROP FUNCTION document_access_keys(text, uuid, text, text, timestamptz, text[])');
  }
}
