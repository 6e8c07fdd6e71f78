import { type ServiceContext, badInput } from '@backoffice/kit';
import { type DataSource, In } from 'typeorm';
import { readableScopes } from '../documents/document.access.js';
import { Document } from '../documents/document.entity.js';

export interface DocumentSearchHit {
  document: Document;
  rank: number;
  snippet: string | null;
}

const MAX_HITS = 50;
// Headline markers that never occur in indexed text (extraction strips control characters).
const START = '\u0001';
const STOP = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The headline as safe HTML: the document's text escaped, the matches in `<mark>`. */
export function snippetHtml(headline: string | null): string | null {
  if (!headline?.trim()) return null;
  return escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}

/**
 * How many matches each part of the access rule hands to ranking, per field group (all text; titles
 * and tags). Ranking reads every candidate's whole index entry, so this bounds a search's work
 * however common the words are: a word in 60 % of 100,000 documents costs as much as a rare one.
 */
export const CANDIDATES_PER_BRANCH = 200;

/**
 * Full-text search over titles, tags and extracted text, in Dutch and English at once. The access
 * rule is part of the query, so a document the caller may not read yields no hit, rank or snippet.
 *
 * The statement, in three steps:
 *   1. candidates: for each part of the access rule (`readableScopes`), up to `candidatesPerBranch`
 *      documents whose text matches and as many whose title or tags match (their own index, so a
 *      title match is not crowded out by documents that only mention the words);
 *   2. those candidates, and only those, ranked (`ts_rank_cd`, titles weighing most);
 *   3. headlines, the costly part, for the page returned and nothing else.
 * With more matches than the cap, the best of the capped candidates are returned, not necessarily
 * the best of all matches: a narrower query finds the rest.
 */
export class SearchService {
  constructor(
    private readonly db: DataSource,
    private readonly candidatesPerBranch = CANDIDATES_PER_BRANCH,
  ) {}

  async search(ctx: ServiceContext, query: string, first?: number | null): Promise<DocumentSearchHit[]> {
    const q = query.trim();
    if (q.length === 0 || q.length > 200) throw badInput('query must be 1 to 200 characters', 'query');
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HITS)
      throw badInput(`first must be between 1 and ${MAX_HITS}`, 'first');

    const params: unknown[] = [q, HEADLINE_OPTIONS, limit, this.candidatesPerBranch];
    const param = (value: unknown) => `$${params.push(value)}`;
    const scopes = readableScopes(ctx, param);
    if (scopes.length === 0) return [];
    // Spelt out in every branch rather than shared through a CTE: the planner then sees the query's
    // words and estimates each branch's matches from the index statistics.
    const en = "websearch_to_tsquery('english', $1)";
    const nl = "websearch_to_tsquery('dutch', $1)";
    const matches = `(${en} || ${nl})`;
    // No ORDER BY inside a branch: a LIMIT over an unordered match stops after that many rows, where
    // "the newest N matches" would have to visit every match (or walk the dates for a rare word).
    const branches = scopes.flatMap((scope) =>
      [`d.search_vector @@ ${matches}`, `ts_filter(d.search_vector, '{a,b}') @@ ${matches}`].map(
        (match) => `(SELECT d.id FROM ${scope.from} WHERE ${scope.where} AND ${match} LIMIT $4)`,
      ),
    );
    const rows: { id: string; rank: number; headline: string | null }[] = await this.db.query(
      `WITH candidates AS (${branches.join(' UNION ALL ')}),
            page AS (
              SELECT d.id, d.created_at, ts_rank_cd(d.search_vector, ${matches}) AS rank
                FROM document d
               WHERE d.id IN (SELECT id FROM candidates)
               ORDER BY rank DESC, d.created_at DESC, d.id
               LIMIT $3)
       SELECT p.id, p.rank,
              CASE WHEN to_tsvector('english', d.search_text) @@ ${en}
                   THEN ts_headline('english', d.search_text, ${en}, $2)
                   WHEN to_tsvector('dutch', d.search_text) @@ ${nl}
                   THEN ts_headline('dutch', d.search_text, ${nl}, $2)
                   ELSE NULL END AS headline
         FROM page p JOIN document d ON d.id = p.id
        ORDER BY p.rank DESC, p.created_at DESC, p.id`,
      params,
    );
    if (rows.length === 0) return [];
    const documents = new Map(
      (await this.db.getRepository(Document).findBy({ id: In(rows.map((r) => r.id)) })).map((d) => [d.id, d]),
    );
    return rows.flatMap((row) => {
      const document = documents.get(row.id);
      return document ? [{ document, rank: Number(row.rank), snippet: snippetHtml(row.headline) }] : [];
    });
  }
}
