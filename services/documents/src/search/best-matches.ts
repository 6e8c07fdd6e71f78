/**
 * A broad reader's page of a common word, from the word's kept best matches instead of ranking every
 * match (issue 26). A compliance officer reads nearly every document, so "contract" means ranking
 * ~60,000 matches (`ts_rank_cd` reads each one's whole vector): 200-700 ms a search. Postgres' own
 * indexes return matches, never matches best first, so the best ones are kept per word.
 *
 * Why a page from them is the exact page (the same documents, ranks and order as ranking every match):
 *   - A query that is only words joined by OR (one word is `'w_en' | 'w_nl'` after both languages)
 *     ranks a document at the SUM of its scores for each word: for an OR, every occurrence of a word
 *     is a cover of its own, and `ts_rank_cd` adds the covers' weights (`calc_rank_cd` in Postgres'
 *     tsrank.c; the test checks it over random documents).
 *   - For every word of the query, `search_best_match` holds every document scoring at least the
 *     word's cut (the migration's trigger keeps it so in the writing transaction). A document kept for
 *     none of them scores below the cut of each word it contains, so it ranks below the sum of those
 *     cuts.
 *   - The candidates (the kept documents of any of the words) are ranked exactly, by the same
 *     expression and order as the full statement, and the page's last rank is the bar. Documents
 *     holding every word of a set whose cuts add up past the bar might still pass it: they are
 *     fetched by the index and ranked too (`wordsToFetch`; for one word, or an English and Dutch pair
 *     of one word, there are none). Then no document outside the candidates can enter the page,
 *     ties included: for a set of several words the bar must exceed the sum by a margin far wider
 *     than float4 rounding; one word's rank is its score, with no rounding between them.
 * Otherwise (a word not kept yet, too few readable kept documents, AND, NOT, phrases) the caller
 * ranks every match.
 * The access rule is the same predicate on the same row (`access_keys && keys`), so a kept document
 * the caller may not read is no candidate; the kept rows hold ids and scores, never text.
 */

/** The words of a tsquery (as Postgres prints it) if it is only words joined by OR, else null. */
export function orOfWords(tsquery: string): string[] | null {
  const words = new Set<string>();
  let rest = '';
  // A word is printed quoted, a quote inside doubled and a backslash escaped.
  const quoted = /'((?:[^'\\]|''|\\.)*)'/g;
  let last = 0;
  for (let m = quoted.exec(tsquery); m; m = quoted.exec(tsquery)) {
    rest += tsquery.slice(last, m.index);
    last = m.index + m[0].length;
    words.add(m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  }
  rest += tsquery.slice(last);
  // Anything but OR between the words (&, !, <->, parentheses, :* prefixes, :AB weights) disqualifies.
  if (words.size === 0 || !/^[\s|]*$/.test(rest)) return null;
  return [...words].sort();
}

/** Relative margin for several words: float4 rounding of a sum is below 1e-7 of it. */
const SEVERAL_WORDS_MARGIN = 1e-6;
/** Queries of more words than this rank every match (2^words sets of words are looked at). */
export const MOST_WORDS = 8;

/**
 * The smallest sets of words whose documents could reach the page's bar without being kept for any
 * of them: those whose cuts add up past `bar` (each set's documents hold all of its words). Null if
 * one word alone could (fewer readable kept documents than the page: rank every match instead).
 */
export function wordsToFetch(cuts: ReadonlyMap<string, number>, bar: number): string[][] | null {
  const words = [...cuts.keys()];
  const found: number[] = [];
  for (let mask = 1; mask < 1 << words.length; mask++) {
    if (found.some((f) => (mask & f) === f)) continue; // holds a smaller set already fetched
    const set = words.filter((_, i) => mask & (1 << i));
    const sum = set.reduce((s, w) => s + (cuts.get(w) ?? 0), 0);
    const passes = set.length === 1 ? sum > bar : sum * (1 + SEVERAL_WORDS_MARGIN) > bar;
    if (!passes) continue;
    if (set.length === 1) return null;
    found.push(mask);
  }
  // Masks in increasing order meet a set before its supersets, never a subset after it.
  return found.map((mask) => words.filter((_, i) => mask & (1 << i)));
}

/** A tsquery (text) matching documents that hold every word of one of the sets. */
export function allWordsOfAny(sets: string[][]): string {
  const quote = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return sets.map((set) => `( ${set.map(quote).join(' & ')} )`).join(' | ');
}

/**
 * The page CTE from kept words (`:words`, the query's words; `:pageQuery`, the query as text), with
 * each word's cut on every row (`cuts`, null for a word not kept). With `fetched`, the documents
 * matching `:fetchQuery` (`allWordsOfAny`) are candidates as well.
 */
export const bestMatchesPage = (fetched: boolean) => `
  WITH kept AS (SELECT json_object_agg(lexeme, cut) AS cuts
                  FROM search_best_word WHERE lexeme = ANY(:words::text[])),
       candidate AS (SELECT document_id AS id FROM search_best_match WHERE lexeme = ANY(:words::text[])
                     ${fetched ? 'UNION SELECT id FROM document WHERE search_vector @@ CAST(:fetchQuery AS tsquery)' : ''})
  SELECT c.id, c.created_at, ts_rank_cd(c.search_vector, CAST(:pageQuery AS tsquery)) AS rank, kept.cuts
    FROM document c, kept
   WHERE c.id IN (SELECT id FROM candidate)
     AND c.access_keys && :keys::text[] AND c.search_vector @@ CAST(:pageQuery AS tsquery)
   ORDER BY rank DESC, c.created_at DESC, c.id
   LIMIT :limit`;

/*
 * A query that is not words joined by OR (words joined by AND, a phrase, a NOT) ranks a document by
 * covers holding every word, weighted down by the words between them: its rank is no sum of the
 * words' scores, so kept words bound nothing. Such a query is kept whole instead
 * (`search_best_query`, migration 1764203400000): every document ranking at least the query's cut
 * for it, kept by a trigger in the writing transaction. A page of `limit` readable kept documents is
 * then exact: each ranks at or above the cut (it is kept), every document not kept ranks below it,
 * so none can enter the page or tie with its last rank. Fewer than `limit` readable kept documents
 * (the query not kept, or its readable best too few): the caller ranks every match. Words joined by
 * OR are kept whole too once their page had to fetch the documents holding all of some words (the
 * costly case above); a query kept whole is answered that way first.
 */

/** The page CTE from a kept whole query (`:pageQuery`, the query as Postgres prints it). */
export const BEST_QUERY_PAGE = `
  SELECT c.id, c.created_at, ts_rank_cd(c.search_vector, CAST(:pageQuery AS tsquery)) AS rank
    FROM document c
   WHERE c.id IN (SELECT document_id FROM search_best_query_match
                   WHERE query = CAST(:pageQuery AS tsquery)::text)
     AND c.access_keys && :keys::text[] AND c.search_vector @@ CAST(:pageQuery AS tsquery)
   ORDER BY rank DESC, c.created_at DESC, c.id
   LIMIT :limit`;
