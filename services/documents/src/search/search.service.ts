import { type ServiceContext, badInput } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { accessKeysOf } from '../documents/document.access.js';
import { Document } from '../documents/document.entity.js';
import {
  allWordsOfAny,
  BEST_QUERY_PAGE,
  bestMatchesPage,
  MOST_WORDS,
  orOfWords,
  wordsToFetch,
} from './best-matches.js';
import type { BestMatchesKeeper } from './best-matches.keeper.js';

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

const EN = "websearch_to_tsquery('english', :q)";
const NL = "websearch_to_tsquery('dutch', :q)";
const MATCHES = `(${EN} || ${NL})`;
/** Every readable match ranked, the best `:limit` kept (with `matches`: how many there were). */
const allMatches = (counted: boolean) => `
  SELECT c.id, c.created_at, ts_rank_cd(c.search_vector, ${MATCHES}) AS rank
         ${counted ? ', count(*) OVER () AS matches' : ''}
    FROM document c
   WHERE c.access_keys && :keys::text[] AND c.search_vector @@ ${MATCHES}
   ORDER BY rank DESC, c.created_at DESC, c.id
   LIMIT :limit`;
const ALL_MATCHES_PAGE = allMatches(false);
const ALL_MATCHES_COUNTED = allMatches(true);

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
 * A broad reader (compliance officer, admin) matches most documents, so the page first comes from
 * kept best matches (`best-matches.ts`): the words' for words joined by OR, the query's own for any
 * other query; the same page, exactly, or nothing, and then step 1 as above.
 */
export class SearchService {
  /** Without a keeper every page ranks every match (the statement before kept best matches). */
  constructor(
    private readonly db: DataSource,
    readonly bestMatches?: BestMatchesKeeper,
  ) {}

  /** Pages answered since start, by source (the metric; tests see which path answered). */
  readonly pagesFrom = { best_matches: 0, best_queries: 0, all_matches: 0 };

  async search(ctx: ServiceContext, query: string, first?: number | null): Promise<DocumentSearchHit[]> {
    const q = query.trim();
    if (q.length === 0 || q.length > 200) throw badInput('query must be 1 to 200 characters', 'query');
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HITS)
      throw badInput(`first must be between 1 and ${MAX_HITS}`, 'first');

    const keys = accessKeysOf(ctx);
    if (keys.length === 0) return [];
    const params = { q, limit, keys };
    // A broad reader (key `all`): first from kept best matches.
    if (!this.bestMatches || !keys.includes('all')) return this.allMatches(params);
    // The query as Postgres prints it (what is kept), and whether it is kept whole, in one round trip.
    const [{ tsquery, keptWhole }] = await this.db.query(
      `SELECT t::text AS tsquery, EXISTS (SELECT 1 FROM search_best_query WHERE query = t::text) AS "keptWhole"
         FROM (SELECT websearch_to_tsquery('english', $1) || websearch_to_tsquery('dutch', $1) AS t) x`,
      [q],
    );
    const words = orOfWords(tsquery);
    const ofWords = words !== null && words.length <= MOST_WORDS;
    const whole = keptWhole ? await this.fromBestQuery({ ...params, pageQuery: tsquery }, limit) : null;
    if (whole) {
      this.pagesFrom.best_queries++;
      this.bestMatches.servedQuery(tsquery);
      return whole;
    }
    const fromWords = ofWords
      ? await this.fromBestMatches({ ...params, words, pageQuery: tsquery }, limit, words)
      : null;
    if (fromWords) {
      this.pagesFrom.best_matches++;
      // Exact, but it ranked every document holding all of some words: the query is worth keeping whole.
      if (fromWords.fetched) this.bestMatches.requestQuery(tsquery);
      return fromWords.hits;
    }
    // Not kept yet, or too few readable kept: every match ranked; a common query's words (or the
    // query itself, if not words joined by OR) are kept next.
    this.pagesFrom.all_matches++;
    const { hits, column: matches } = await this.page(ALL_MATCHES_COUNTED, params, 'matches');
    const n = Number(matches ?? 0);
    if (ofWords && n >= this.bestMatches.worthKeeping) this.bestMatches.request(words);
    if (!ofWords && n >= this.bestMatches.worthKeepingQuery) this.bestMatches.requestQuery(tsquery);
    return hits;
  }

  /** The exact page from the query's own kept best matches (`best-matches.ts`), or null when it cannot be. */
  private async fromBestQuery(params: Record<string, unknown>, limit: number) {
    const kept = await this.page(BEST_QUERY_PAGE, params);
    return kept.hits.length === limit ? kept.hits : null;
  }

  /** The exact page from the words' kept best matches (`best-matches.ts`), or null when it cannot be. */
  private async fromBestMatches(params: Record<string, unknown>, limit: number, words: string[]) {
    const kept = await this.page(bestMatchesPage(false), params, 'cuts');
    const cuts = new Map(Object.entries((kept.column ?? {}) as Record<string, number>));
    if (kept.hits.length < limit || words.some((w) => !cuts.has(w))) return null;
    const sets = wordsToFetch(cuts, kept.hits[limit - 1].rank);
    if (!sets) return null;
    if (sets.length === 0) return { hits: kept.hits, fetched: false };
    const fetchQuery = allWordsOfAny(sets);
    return { hits: (await this.page(bestMatchesPage(true), { ...params, fetchQuery })).hits, fetched: true };
  }

  private async allMatches(params: Record<string, unknown>) {
    this.pagesFrom.all_matches++;
    return (await this.page(ALL_MATCHES_PAGE, params)).hits;
  }

  /**
   * A page (the CTE `pageSql`: `id`, `created_at`, `rank`, in order, at most `:limit`) with its
   * documents and headlines, in one round trip: headlines are made for its rows alone. `column`: one
   * more of the CTE's columns, the same on every row, read from the first.
   */
  private async page(
    pageSql: string,
    params: Record<string, unknown>,
    column?: 'matches' | 'cuts',
  ): Promise<{ hits: DocumentSearchHit[]; column?: unknown }> {
    const qb = this.db
      .getRepository(Document)
      .createQueryBuilder('d')
      .addCommonTableExpression(pageSql, 'page')
      .innerJoin('page', 'p', 'p.id = d.id')
      .addSelect('p.rank', 'rank')
      .addSelect(
        `CASE WHEN to_tsvector('english', d.search_text) @@ ${EN}
              THEN ts_headline('english', d.search_text, ${EN}, :options)
              WHEN to_tsvector('dutch', d.search_text) @@ ${NL}
              THEN ts_headline('dutch', d.search_text, ${NL}, :options)
              ELSE NULL END`,
        'headline',
      );
    if (column) qb.addSelect(`p.${column}`, 'page_column');
    const { raw, entities } = await qb
      .setParameters({ ...params, options: HEADLINE_OPTIONS })
      .orderBy('p.rank', 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .getRawAndEntities();
    const hits = entities.map((document) => {
      const row = raw.find((r) => r.d_id === document.id);
      return { document, rank: Number(row?.rank ?? 0), snippet: snippetHtml(row?.headline ?? null) };
    });
    return { hits, column: raw[0]?.page_column };
  }
}
