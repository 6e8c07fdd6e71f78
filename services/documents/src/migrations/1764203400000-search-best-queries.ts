import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The best matches of a whole query that is not words joined by OR (words joined by AND, a phrase, a
 * NOT), kept so a broad reader's common query of that kind does not rank every match (issue 26;
 * `search/best-matches.ts` says why kept words cannot serve them and why a page from these is exact).
 *
 * For a query (its tsquery as Postgres prints it, the service's page query) with a row in
 * `search_best_query`, `search_best_query_match` holds EVERY document whose rank for that query is at
 * least the query's `cut`, whatever its access keys, kept in the transaction that writes a document
 * by a trigger, as the kept words are. Every kept query costs each document write one match test
 * (`@@`, and `ts_rank_cd` when it matches), so the build refuses a query beyond `most` kept ones.
 *
 * `search_build_best_query` (re)builds one query under the same lock as a word's build
 * (SHARE ROW EXCLUSIVE on `document`: writes wait, readers go on).
 */
export class SearchBestQueries1764203400000 implements MigrationInterface {
  name = 'SearchBestQueries1764203400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_best_query (
        query text PRIMARY KEY,
        tsq tsquery NOT NULL,
        cut real NOT NULL CHECK (cut >= 0),
        built_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE search_best_query_match (
        query text NOT NULL REFERENCES search_best_query (query) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        score real NOT NULL,
        PRIMARY KEY (query, document_id)
      )`);
    await q.query(
      'CREATE INDEX search_best_query_match_by_document ON search_best_query_match (document_id)',
    );
    await q.query(`
      CREATE FUNCTION document_best_query_matches() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.search_vector = OLD.search_vector THEN RETURN NULL; END IF;
          DELETE FROM search_best_query_match WHERE document_id = NEW.id;
        END IF;
        INSERT INTO search_best_query_match (query, document_id, score)
        SELECT k.query, NEW.id, s.score
          FROM search_best_query k
          CROSS JOIN LATERAL (SELECT ts_rank_cd(NEW.search_vector, k.tsq) AS score) s
         WHERE NEW.search_vector @@ k.tsq AND s.score >= k.cut;
        RETURN NULL;
      END $$`);
    // AFTER, like the kept words' trigger: the search vector is final by then.
    await q.query(`
      CREATE TRIGGER document_best_query_matches AFTER INSERT OR UPDATE OF title, tags, search_text, search_vector
      ON document FOR EACH ROW EXECUTE FUNCTION document_best_query_matches()`);
    // The cut as for a word: the keep-th best rank among the documents every broad reader may read, or
    // the tier above it if that still holds keep / 2 of them.
    // -1 when `most` queries are kept already and this is not one of them.
    await q.query(`
      CREATE FUNCTION search_build_best_query(query_text text, keep int, most int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        t tsquery := query_text::tsquery;
        c real;
        kept int;
      BEGIN
        LOCK TABLE document IN SHARE ROW EXCLUSIVE MODE;
        IF NOT EXISTS (SELECT 1 FROM search_best_query WHERE query = query_text)
           AND (SELECT count(*) FROM search_best_query) >= most THEN
          RETURN -1;
        END IF;
        WITH scored AS MATERIALIZED (
               SELECT ts_rank_cd(search_vector, t) AS score FROM document
                WHERE search_vector @@ t AND access_keys && '{all}'::text[]),
             k AS (SELECT coalesce((SELECT score FROM scored ORDER BY score DESC OFFSET keep - 1 LIMIT 1), 0)::real AS s),
             up AS (SELECT min(score) AS s, count(*) AS n FROM scored, k WHERE score > k.s)
        SELECT (CASE WHEN up.n >= keep / 2 THEN up.s ELSE k.s END)::real INTO c FROM k, up;
        INSERT INTO search_best_query (query, tsq, cut, built_at, used_at) VALUES (query_text, t, c, now(), now())
          ON CONFLICT (query) DO UPDATE SET cut = EXCLUDED.cut, built_at = EXCLUDED.built_at;
        DELETE FROM search_best_query_match WHERE query = query_text;
        INSERT INTO search_best_query_match (query, document_id, score)
        SELECT query_text, d.id, s.score
          FROM document d CROSS JOIN LATERAL (SELECT ts_rank_cd(d.search_vector, t) AS score) s
         WHERE d.search_vector @@ t AND s.score >= c;
        GET DIAGNOSTICS kept = ROW_COUNT;
        RETURN kept;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION search_build_best_query(text, int, int)');
    await q.query('DROP TRIGGER document_best_query_matches ON document');
    await q.query('DROP FUNCTION document_best_query_matches()');
    await q.query('DROP TABLE search_best_query_match');
    await q.query('DROP TABLE search_best_query');
  }
}
