import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for search as it now runs: one branch per part of the access rule, each matching text
 * within a narrow set. `document_by_owner` and `document_grant_by_user` exist already; the uploader
 * and document-type branches get theirs here, and titles and tags (weights A and B of the search
 * vector) an index of their own so a title match is found among a capped candidate set. The Dutch
 * and English lexemes share one stored `search_vector`, so its one GIN index serves both languages.
 */
export class SearchByAccessBranch1764202800000 implements MigrationInterface {
  name = 'SearchByAccessBranch1764202800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX document_by_uploader ON document (created_by)');
    await q.query('CREATE INDEX document_by_type ON document (document_type)');
    await q.query(
      "CREATE INDEX document_search_titles ON document USING gin (ts_filter(search_vector, '{a,b}'))",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX document_search_titles, document_by_type, document_by_uploader');
  }
}
