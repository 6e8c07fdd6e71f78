import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The best matches of a common word, kept so a broad reader's search does not rank every match
 * (issue 26; `search/best-matches.ts` says how a page is read from them and why it is exact).
 *
 * For a word (a lexeme as the search vector stores it) with a row in `search_best_word`,
 * `search_best_match` holds EVERY document whose score for that word (`ts_rank_cd` of the document
 * against the word alone) is at least the word's `cut`, whatever its access keys. "Every" is what
 * makes a page exact, so it is kept in the transaction that writes a document: a trigger inserts a
 * document's rows for the kept words it now scores at or above the cut, and removes its old rows
 * when its words change. A document gone from the table (`ON DELETE CASCADE`) takes its rows with it.
 *
 * `search_build_best_matches` (re)builds one word: it blocks document writes for the statement
 * (SHARE ROW EXCLUSIVE; readers go on), so no write can fall between the scan and the cut becoming
 * visible to the trigger, and one build of a word runs at a time.
 */
export class SearchBestMatches1764203300000 implements MigrationInterface {
  name = 'SearchBestMatches1764203300000';

  async up(q: QueryRunner): Promise<void> {
    // A stored lexeme as a one-word query, quoted as the tsquery syntax wants (no stemming again).
    await q.query(`
      CREATE FUNCTION lexeme_query(lexeme text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT ('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery
      $$`);
    await q.query(`
      CREATE TABLE search_best_word (
        lexeme text PRIMARY KEY,
        cut real NOT NULL CHECK (cut >= 0),
        built_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE search_best_match (
        lexeme text NOT NULL,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        score real NOT NULL,
        PRIMARY KEY (lexeme, document_id)
      )`);
    await q.query('CREATE INDEX search_best_match_by_document ON search_best_match (document_id)');
    await q.query(`
      CREATE FUNCTION document_best_matches() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.search_vector = OLD.search_vector THEN RETURN NULL; END IF;
          DELETE FROM search_best_match WHERE document_id = NEW.id;
        END IF;
        INSERT INTO search_best_match (lexeme, document_id, score)
        SELECT w.lexeme, NEW.id, s.score
          FROM unnest(tsvector_to_array(NEW.search_vector)) AS l(lexeme)
          JOIN search_best_word w ON w.lexeme = l.lexeme
          CROSS JOIN LATERAL (SELECT ts_rank_cd(NEW.search_vector, lexeme_query(w.lexeme)) AS score) s
         WHERE s.score >= w.cut;
        RETURN NULL;
      END $$`);
    // AFTER: the search vector is final by then (its own BEFORE trigger computes it).
    await q.query(`
      CREATE TRIGGER document_best_matches AFTER INSERT OR UPDATE OF title, tags, search_text, search_vector
      ON document FOR EACH ROW EXECUTE FUNCTION document_best_matches()`);
    // The cut is the keep-th best score among the documents every broad reader may read (key `all`),
    // so a broad reader finds at least `keep` readable documents at or above it right after a build;
    // the rows are kept for every document at or above it, readable by them or not. Scores tie in
    // tiers (one title occurrence scores the same everywhere), so the keep-th may sit in a tier of
    // hundreds, all kept and all ranked by every page: the next tier up is the cut instead whenever it
    // still holds keep / 2 readable documents (at least two pages of the largest size).
    await q.query(`
      CREATE FUNCTION search_build_best_matches(word text, keep int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        kept int;
      BEGIN
        LOCK TABLE document IN SHARE ROW EXCLUSIVE MODE;
        DELETE FROM search_best_match WHERE lexeme = word;
        WITH scored AS MATERIALIZED (
               SELECT id, access_keys, ts_rank_cd(search_vector, lexeme_query(word)) AS score
                 FROM document WHERE search_vector @@ lexeme_query(word)),
             k AS (SELECT coalesce((SELECT score FROM scored WHERE access_keys && '{all}'::text[]
                                     ORDER BY score DESC OFFSET keep - 1 LIMIT 1), 0)::real AS s),
             up AS (SELECT min(score) AS s, count(*) AS n FROM scored, k
                     WHERE access_keys && '{all}'::text[] AND score > k.s),
             c AS (SELECT (CASE WHEN up.n >= keep / 2 THEN up.s ELSE k.s END)::real AS cut FROM k, up),
             w AS (INSERT INTO search_best_word (lexeme, cut, built_at) SELECT word, cut, now() FROM c
                   ON CONFLICT (lexeme) DO UPDATE SET cut = EXCLUDED.cut, built_at = EXCLUDED.built_at),
             ins AS (INSERT INTO search_best_match (lexeme, document_id, score)
                     SELECT word, scored.id, scored.score FROM scored, c WHERE scored.score >= c.cut
                     RETURNING 1)
        SELECT count(*) INTO kept FROM ins;
        RETURN kept;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION search_build_best_matches(text, int)');
    await q.query('DROP TRIGGER document_best_matches ON document');
    await q.query('DROP FUNCTION document_best_matches()');
    await q.query('DROP TABLE search_best_match');
    await q.query('DROP TABLE search_best_word');
    await q.query('DROP FUNCTION lexeme_query(text)');
  }
}
