import { type ServiceContext, badInput } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { accessKeysOf } from '../documents/document.access.js';
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
 * Full-text search over titles, tags and extracted text, in Dutch and English at once, ranked over
 * every readable match. The access rule is part of the query, so a document the caller may not read
 * yields no hit, rank or snippet.
 *
 * The statement, in two steps:
 *   1. the page: the documents whose access keys meet the caller's (`accessKeysOf`) and whose words
 *      match, both answered by one GIN index over (access_keys, search_vector), every one of them
 *      ranked (`ts_rank_cd`, titles weighing most) and the best `first` kept;
 *   2. headlines, the costly part, for the page returned and nothing else.
 */
export class SearchService {
  constructor(private readonly db: DataSource) {}

  async search(ctx: ServiceContext, query: string, first?: number | null): Promise<DocumentSearchHit[]> {
    const q = query.trim();
    if (q.length === 0 || q.length > 200) throw badInput('query must be 1 to 200 characters', 'query');
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HITS)
      throw badInput(`first must be between 1 and ${MAX_HITS}`, 'first');

    const keys = accessKeysOf(ctx);
    if (keys.length === 0) return [];
    const params = { q, options: HEADLINE_OPTIONS, limit, keys };
    const en = "websearch_to_tsquery('english', :q)";
    const nl = "websearch_to_tsquery('dutch', :q)";
    const matches = `(${en} || ${nl})`;
    // The page is a CTE the document rows join, so headlines are made for its rows alone and the
    // entities come back in the same round trip.
    const { raw, entities } = await this.db
      .getRepository(Document)
      .createQueryBuilder('d')
      .addCommonTableExpression(
        `SELECT c.id, c.created_at, ts_rank_cd(c.search_vector, ${matches}) AS rank
           FROM document c
          WHERE c.access_keys && :keys::text[] AND c.search_vector @@ ${matches}
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
