import { type ServiceContext, badInput } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
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
 * 100 (up to 200 ranked per branch pair) is twice the largest page; at 200 a search over 100,000
 * documents took about 1.5 times as long (measured with pgbench, see bench/RESULTS.md).
 */
export const CANDIDATES_PER_BRANCH = 100;

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

    const params: Record<string, unknown> = {
      q,
      options: HEADLINE_OPTIONS,
      limit,
      cap: this.candidatesPerBranch,
    };
    const param = (value: unknown) => {
      const name = `scope${Object.keys(params).length}`;
      params[name] = value;
      return `:${name}`;
    };
    const scopes = readableScopes(ctx, param);
    if (scopes.length === 0) return [];
    // Spelt out in every branch rather than shared through a CTE: the planner then sees the query's
    // words and estimates each branch's matches from the index statistics.
    const en = "websearch_to_tsquery('english', :q)";
    const nl = "websearch_to_tsquery('dutch', :q)";
    const matches = `(${en} || ${nl})`;
    // No ORDER BY inside a branch: a LIMIT over an unordered match stops after that many rows, where
    // "the newest N matches" would have to visit every match (or walk the dates for a rare word).
    const branches = scopes.flatMap((scope) =>
      [`d.search_vector @@ ${matches}`, `ts_filter(d.search_vector, '{a,b}') @@ ${matches}`].map(
        (match) => `(SELECT d.id FROM ${scope.from} WHERE ${scope.where} AND ${match} LIMIT :cap)`,
      ),
    );
    // The page is a CTE the document rows join, so headlines are made for its rows alone and the
    // entities come back in the same round trip.
    const { raw, entities } = await this.db
      .getRepository(Document)
      .createQueryBuilder('d')
      .addCommonTableExpression(branches.join(' UNION ALL '), 'candidates')
      .addCommonTableExpression(
        `SELECT c.id, c.created_at, ts_rank_cd(c.search_vector, ${matches}) AS rank
           FROM document c
          WHERE c.id IN (SELECT id FROM candidates)
          ORDER BY rank DESC, c.created_at DESC, c.id
          LIMIT :limit`,
        'page',
      )
      .innerJoin('page', 'p', 'p.id = d.id')
      .addSelect('p.rank', 'rank')
      .addSelect(
        `CASE WHEN to_tsvector('english', d.search_text) @@ ${en}
              THEN ts_headline('english', d.search_text, ${en}, :options)
              WHEN to_tsvector('dutch', d.search_text) @@ ${nl}
              THEN ts_headline('dutch', d.search_text, ${nl}, :options)
              ELSE NULL END`,
        'headline',
      )
      .setParameters(params)
      .orderBy('p.rank', 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .getRawAndEntities();
    return entities.map((document) => {
      const row = raw.find((r) => r.d_id === document.id);
      return { document, rank: Number(row?.rank ?? 0), snippet: snippetHtml(row?.headline ?? null) };
    });
  }
}
