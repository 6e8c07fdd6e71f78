import type { Identity } from '@backoffice/kit';
import { testIdentity } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import { BestMatchesKeeper } from '../src/search/best-matches.keeper.js';
import { keptSearch } from './search-corpus.js';

/**
 * A broad reader's query that is not words joined by OR (AND, a phrase, a NOT) is kept whole
 * (issue 26): its page from the kept matches must be the page of ranking every readable match, the
 * same documents, ranks and order, before and after the writes that change who ranks where. A small
 * `keep` (4) puts the cut low, so pages cross it and fall back as well.
 */
const officer = testIdentity(['compliance_officer'], { userId: 'officer-1' });
const t = keptSearch({ keep: 4, worthKeeping: 30, worthKeepingQuery: 10 }, 27);
const { sql, insertDoc, everyMatchRanked, moveOutOfTheBest, searched } = t;

const QUERIES = [
  'zorbaxic quillomet',
  '"vandrupel moskerin"',
  'tarviflo -gelundrak',
  'zorbaxic quillomet or vandrupel',
];
/** The query as the service keeps it: as Postgres prints it. */
const printed = async (query: string): Promise<string> =>
  (
    await sql(
      "SELECT (websearch_to_tsquery('english', $1) || websearch_to_tsquery('dutch', $1))::text AS t",
      [query],
    )
  )[0].t;

async function expectEveryPageExact(who: Identity = officer): Promise<number> {
  const before = t.search.pagesFrom.best_queries;
  for (const q of QUERIES)
    for (const limit of [1, 3, 10])
      expect(await searched(q, who, limit), `${q}, first ${limit}`).toEqual(
        await everyMatchRanked(q, who, limit),
      );
  return t.search.pagesFrom.best_queries - before;
}

/** Every kept row at or above its query's cut with today's rank, and no document at or above a cut missing. */
async function expectKeptWhole(): Promise<void> {
  const [{ wrong }] = await sql(
    `SELECT count(*)::int AS wrong FROM search_best_query_match m JOIN search_best_query k USING (query)
       JOIN document d ON d.id = m.document_id
      WHERE m.score < k.cut OR m.score <> ts_rank_cd(d.search_vector, k.tsq) OR NOT d.search_vector @@ k.tsq`,
  );
  expect(wrong).toBe(0);
  const [{ missing }] = await sql(
    `SELECT count(*)::int AS missing FROM search_best_query k JOIN document d
         ON d.search_vector @@ k.tsq AND ts_rank_cd(d.search_vector, k.tsq) >= k.cut
      WHERE NOT EXISTS (SELECT 1 FROM search_best_query_match m WHERE m.query = k.query AND m.document_id = d.id)`,
  );
  expect(missing).toBe(0);
}

/** Phrases need the words side by side, which random documents rarely have. */
const insertPhrase = (classification: string, times: number) =>
  sql(
    `INSERT INTO document (title, classification, created_by, search_text)
     VALUES ($1, $2, 'uploader-1', 'filler') RETURNING id`,
    [Array(times).fill('vandrupel moskerin').join(' filler '), classification],
  ).then((r) => r[0].id as string);

describe('search from a whole query’s kept best matches', () => {
  it('answers the same pages as ranking every match, before and after the writes that move the best', async () => {
    for (let i = 0; i < 150; i++) await insertDoc();
    for (let i = 0; i < 16; i++)
      await insertPhrase(i % 4 === 0 ? 'STRICTLY_CONFIDENTIAL' : 'INTERNAL', 1 + (i % 5));
    // Nothing kept yet: every match ranked, and the common queries are asked to be kept.
    expect(await sql('SELECT query FROM search_best_query')).toEqual([]);
    // Exact whichever way each page comes (a build asked for by one search may finish before the next).
    await expectEveryPageExact();
    await t.keeper.idle();
    const kept: { query: string }[] = await sql('SELECT query FROM search_best_query ORDER BY query');
    expect(kept.map((k) => k.query).sort()).toEqual((await Promise.all(QUERIES.map(printed))).sort());
    // Kept: pages within the cut come from the kept matches, and they are the same pages.
    expect(await expectEveryPageExact()).toBeGreaterThanOrEqual(4);
    await expectKeptWhole();

    // New documents far above the cut appear at once (the trigger), a secret among them unseen.
    const top = await insertDoc({ classification: 'INTERNAL', boost: 'zorbaxic quillomet', times: 5 });
    const secret = await insertDoc({
      classification: 'STRICTLY_CONFIDENTIAL',
      boost: 'zorbaxic quillomet',
      times: 6,
    });
    const page = await searched('zorbaxic quillomet', officer, 3);
    expect(page[0].split(' ')[0]).toBe(top);
    expect(page.join()).not.toContain(secret);
    // The best lose their words, are deleted, become secret, or go from the table altogether.
    const best: { id: string }[] = await sql(
      'SELECT DISTINCT document_id AS id FROM search_best_query_match ORDER BY document_id LIMIT 16',
    );
    await moveOutOfTheBest(best.map((b) => b.id));
    await expectEveryPageExact();
    await expectKeptWhole();
  });

  it('never gives a page from them to a reader without the broad key, and theirs stay exact', async () => {
    const employee = testIdentity(['employee'], { userId: 'uploader-1' });
    const before = t.search.pagesFrom.best_queries;
    await expectEveryPageExact(employee);
    expect(t.search.pagesFrom.best_queries).toBe(before);
  });

  it('keeps whole a query of words whose page had to rank every document holding all of them', async () => {
    // Two words, each with four documents far above the rest: the cut of each is their score, the
    // page of three is at that score too, so documents holding both (below both cuts, unkept) could
    // pass it and must be fetched and ranked: exact, and then kept whole for the next t.search.
    const insertTitled = (title: string) =>
      sql(
        `INSERT INTO document (title, classification, created_by, search_text) VALUES ($1, 'INTERNAL', 'uploader-1', 'filler') RETURNING id`,
        [title],
      );
    for (let i = 0; i < 4; i++) {
      await insertTitled(Array(6).fill('frostimel').join(' '));
      await insertTitled(Array(6).fill('grevandor').join(' '));
    }
    for (let i = 0; i < 5; i++) await insertTitled(`frostimel grevandor memo ${i}`);
    const [{ words }] = await sql(
      `SELECT array_agg(DISTINCT l) AS words FROM unnest(tsvector_to_array(to_tsvector('english', $1) || to_tsvector('dutch', $1))) l`,
      ['frostimel grevandor'],
    );
    for (const w of words) await t.keeper.build(w);
    const query = 'frostimel or grevandor';
    const [fromWords, whole] = [t.search.pagesFrom.best_matches, t.search.pagesFrom.best_queries];
    expect(await searched(query, officer, 3)).toEqual(await everyMatchRanked(query, officer, 3));
    expect(t.search.pagesFrom.best_matches).toBe(fromWords + 1);
    await t.keeper.idle();
    expect(
      await sql('SELECT 1 FROM search_best_query WHERE query = $1', [await printed(query)]),
    ).toHaveLength(1);
    expect(await searched(query, officer, 3)).toEqual(await everyMatchRanked(query, officer, 3));
    expect(t.search.pagesFrom.best_queries).toBe(whole + 1);
    await expectKeptWhole();
  });

  it('keeps no more queries than asked, and a query not kept is still ranked over every match', async () => {
    const capped = new BestMatchesKeeper(t.env.docs.deps.db, { keep: 4, mostQueries: 1 });
    const [{ n }] = await sql('SELECT count(*)::int AS n FROM search_best_query');
    expect(n).toBeGreaterThanOrEqual(1);
    const other = await printed('quillomet tarviflo');
    expect(await capped.buildQuery(other)).toBe(-1);
    expect(await sql('SELECT 1 FROM search_best_query WHERE query = $1', [other])).toEqual([]);
    // One already kept is rebuilt, whatever the cap.
    expect(await capped.buildQuery(await printed(QUERIES[0]))).toBeGreaterThan(0);
    expect(await searched('quillomet tarviflo', officer, 5)).toEqual(
      await everyMatchRanked('quillomet tarviflo', officer, 5),
    );
  });

  it('lets go of queries nobody searched for a month, never one searched since, nor under a write in flight', async () => {
    const [stale, searchedSince] = await Promise.all([printed(QUERIES[1]), printed(QUERIES[2])]);
    await t.keeper.tend(); // what the tests above served is recorded: this hour starts now
    await sql(
      `UPDATE search_best_query SET used_at = now() - interval '31 days' WHERE query = ANY($1::text[])`,
      [[stale, searchedSince]],
    );
    expect(await t.keeper.buildQuery(searchedSince)).toBeGreaterThan(0); // fresh after the writes above
    const served = t.search.pagesFrom.best_queries;
    await searched(QUERIES[2], officer, 1);
    expect(t.search.pagesFrom.best_queries).toBe(served + 1);
    // A write in flight holds the deletion off (a trigger must never meet its query gone): it waits,
    // gives up at the lock timeout, and the queries stay until the next hour.
    const writer = t.env.docs.deps.db.createQueryRunner();
    await writer.startTransaction();
    await writer.query(`INSERT INTO document (title, classification) VALUES ('open', 'INTERNAL')`);
    await t.keeper.tend();
    expect((await sql('SELECT query FROM search_best_query WHERE query = $1', [stale])).length).toBe(1);
    await writer.rollbackTransaction();
    await writer.release();
    await t.keeper.tend();
    const left: { query: string }[] = await sql('SELECT query FROM search_best_query');
    expect(left.map((k) => k.query)).not.toContain(stale);
    expect(left.map((k) => k.query)).toContain(searchedSince);
    const [{ orphans }] = await sql(
      'SELECT count(*)::int AS orphans FROM search_best_query_match WHERE query = $1',
      [stale],
    );
    expect(orphans).toBe(0);
    // Asked again, it is ranked over every match meanwhile, and kept again.
    expect(await searched(QUERIES[1], officer, 3)).toEqual(await everyMatchRanked(QUERIES[1], officer, 3));
  });
  it('keeps a served query’s use for the next hour when recording it fails', async () => {
    const query = await printed(QUERIES[0]);
    expect(await t.keeper.buildQuery(query)).toBeGreaterThan(0);
    await sql(`UPDATE search_best_query SET used_at = now() - interval '40 days' WHERE query = $1`, [query]);
    t.keeper.servedQuery(query);
    await sql(
      `CREATE FUNCTION refuse_use() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`,
    );
    await sql(
      'CREATE TRIGGER refuse_use BEFORE UPDATE ON search_best_query FOR EACH ROW EXECUTE FUNCTION refuse_use()',
    );
    await expect(t.keeper.tend()).rejects.toThrow(/refused/);
    await sql('DROP TRIGGER refuse_use ON search_best_query');
    await sql('DROP FUNCTION refuse_use()');
    await t.keeper.tend();
    expect(await sql('SELECT 1 FROM search_best_query WHERE query = $1', [query])).toHaveLength(1);
  });
});
