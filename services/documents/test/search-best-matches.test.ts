import { testIdentity } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import { keptSearch, WORDS } from './search-corpus.js';

/**
 * A broad reader's page from the kept best matches (issue 26) must be the page of ranking every
 * readable match: the same documents, ranks and order, before and after the writes that change who
 * scores what, with secrets and deleted documents among the best, and while builds and writes race.
 * A small `keep` (4) puts the cut low in the rankings, so pages cross it and fall back as well.
 */
const officer = testIdentity(['compliance_officer'], { userId: 'officer-1' });
const t = keptSearch({ keep: 4, worthKeeping: 30 }, 26);
const { sql, insertDoc, everyMatchRanked, moveOutOfTheBest, searched } = t;

const QUERIES = [...WORDS, 'zorbaxic or quillomet', 'vandrupel or moskerin or tarviflo'];
const lexemes = async (query: string): Promise<string[]> =>
  (
    await sql(
      `SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', $1) || to_tsvector('dutch', $1))) AS l`,
      [query.replace(/\bor\b/g, ' ')],
    )
  ).map((r: { l: string }) => r.l);

async function expectEveryPageExact(): Promise<number> {
  const before = t.search.pagesFrom.best_matches;
  for (const q of QUERIES)
    for (const limit of [1, 3, 10])
      expect(await searched(q, officer, limit), `${q}, first ${limit}`).toEqual(
        await everyMatchRanked(q, officer, limit),
      );
  return t.search.pagesFrom.best_matches - before;
}

describe('search from kept best matches', () => {
  it('adds up a document score per word for queries of words joined by OR (the rule the bound rests on)', async () => {
    for (let i = 0; i < 120; i++) await insertDoc();
    const [{ off }] = await sql(
      `SELECT count(*)::int AS off FROM document d, unnest($1::text[]) a, unnest($1::text[]) b
        WHERE a < b AND d.search_vector @@ (lexeme_query(a) || lexeme_query(b))
          AND abs(ts_rank_cd(d.search_vector, lexeme_query(a) || lexeme_query(b))
                  - ts_rank_cd(d.search_vector, lexeme_query(a)) - ts_rank_cd(d.search_vector, lexeme_query(b)))
              > 1e-6 * ts_rank_cd(d.search_vector, lexeme_query(a) || lexeme_query(b))`,
      [await lexemes(WORDS.join(' '))],
    );
    expect(off).toBe(0);
    // A stored word taken back as a query, quotes and backslashes included.
    const [{ hit }] = await sql(`SELECT array_to_tsvector(ARRAY[$1]) @@ lexeme_query($1) AS hit`, [
      "it's a\\b",
    ]);
    expect(hit).toBe(true);
  });

  it('answers the same pages as ranking every match, before and after the writes that move the best', async () => {
    // Nothing kept yet: pages rank every match, and common queries ask for their words to be kept.
    expect(await sql('SELECT lexeme FROM search_best_word')).toEqual([]);
    await expectEveryPageExact();
    await t.keeper.idle();
    const [{ kept }] = await sql('SELECT count(*)::int AS kept FROM search_best_word');
    expect(kept).toBeGreaterThanOrEqual(WORDS.length);
    // Kept: the pages within the cut come from the kept matches, and they are the same pages.
    expect(await expectEveryPageExact()).toBeGreaterThanOrEqual(8);

    // New documents far above the cut appear at once (the trigger), secrets among them unseen.
    const top = await insertDoc({ classification: 'INTERNAL', boost: 'zorbaxic' });
    const secret = await insertDoc({ classification: 'STRICTLY_CONFIDENTIAL', boost: 'zorbaxic' });
    const page = await searched('zorbaxic', officer, 3);
    expect(page[0].split(' ')[0]).toBe(top);
    expect(page.join()).not.toContain(secret);
    // The best lose their words, are deleted, become secret, or go from the table altogether.
    const best: { id: string }[] = await sql(
      `SELECT DISTINCT document_id AS id FROM search_best_match ORDER BY document_id LIMIT 12`,
    );
    await moveOutOfTheBest(best.map((b) => b.id));
    await expectEveryPageExact();
    // Every kept row is a document at or above its word's cut, with its score as ranked today.
    const [{ wrong }] = await sql(
      `SELECT count(*)::int AS wrong FROM search_best_match m JOIN search_best_word w USING (lexeme)
         JOIN document d ON d.id = m.document_id
        WHERE m.score < w.cut OR m.score <> ts_rank_cd(d.search_vector, lexeme_query(m.lexeme))`,
    );
    expect(wrong).toBe(0);
    // ... and no document at or above a cut is missing.
    const [{ missing }] = await sql(
      `SELECT count(*)::int AS missing FROM search_best_word w JOIN document d
           ON d.search_vector @@ lexeme_query(w.lexeme)
          AND ts_rank_cd(d.search_vector, lexeme_query(w.lexeme)) >= w.cut
        WHERE NOT EXISTS (SELECT 1 FROM search_best_match m WHERE m.lexeme = w.lexeme AND m.document_id = d.id)`,
    );
    expect(missing).toBe(0);
  });

  it('never gives a page from them to a reader without the broad key, and theirs stay exact', async () => {
    const employee = testIdentity(['employee'], { userId: 'uploader-1' });
    const before = t.search.pagesFrom.best_matches;
    for (const q of QUERIES)
      expect(await searched(q, employee, 10), q).toEqual(await everyMatchRanked(q, employee, 10));
    expect(t.search.pagesFrom.best_matches).toBe(before);
  });

  it('keeps a word whose best matches are secrets or deleted, and still gives only readable ones', async () => {
    const word = 'plinthorax';
    // The eight best are secret and one more deleted; the readable ones score lower, a cut among
    // every document (not among those broad readers read) would keep none of them.
    for (let i = 0; i < 8; i++) await insertDoc({ classification: 'STRICTLY_CONFIDENTIAL', boost: word });
    const deleted = await insertDoc({ classification: 'PUBLIC', boost: word });
    await sql('UPDATE document SET deleted_at = now() WHERE id = $1', [deleted]);
    for (let i = 0; i < 6; i++) await insertDoc({ classification: 'INTERNAL', boost: word, times: 1 + i });
    for (const l of await lexemes(word)) await t.keeper.build(l);
    const before = t.search.pagesFrom.best_matches;
    expect(await searched(word, officer, 3)).toEqual(await everyMatchRanked(word, officer, 3));
    expect(t.search.pagesFrom.best_matches).toBe(before + 1);
    // Its readable kept documents become secret: with another word, one below the word's cut but
    // readable may now pass the page's bar, unkept; the page must still be the exact one.
    await sql(
      `UPDATE document d SET classification = 'STRICTLY_CONFIDENTIAL' FROM search_best_match m
        WHERE m.document_id = d.id AND m.lexeme = ANY($1::text[]) AND d.classification = 'INTERNAL'`,
      [await lexemes(word)],
    );
    for (const other of WORDS)
      for (const limit of [1, 3])
        expect(await searched(`${word} or ${other}`, officer, limit)).toEqual(
          await everyMatchRanked(`${word} or ${other}`, officer, limit),
        );
  });

  it('loses no write that races a build: writes wait for it, and a build waits for writes only so long', async () => {
    const word = 'kwintelboom';
    const [l] = await lexemes(word);
    await t.keeper.idle();
    await t.keeper.build(l);
    // A build in progress holds writers off; a document written meanwhile is kept once the build commits.
    const db = t.env.docs.deps.db;
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await runner.query('SELECT search_build_best_matches($1, 4)', [l]);
    const writing = insertDoc({ classification: 'INTERNAL', boost: word });
    await new Promise((r) => setTimeout(r, 300));
    const [{ waiting }] = await sql(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
          AND query LIKE 'INSERT INTO document%'`,
    );
    expect(waiting).toBe(1);
    await runner.commitTransaction();
    await runner.release();
    const id = await writing;
    const [{ n }] = await sql(
      'SELECT count(*)::int AS n FROM search_best_match WHERE lexeme = $1 AND document_id = $2',
      [l, id],
    );
    expect(n).toBe(1);
    // A write in flight: the build gives up after its lock timeout instead of stalling every writer.
    const writer = db.createQueryRunner();
    await writer.startTransaction();
    await writer.query(`INSERT INTO document (title, classification) VALUES ('open', 'INTERNAL')`);
    await expect(t.keeper.build(l)).rejects.toThrow(/lock timeout/);
    await writer.rollbackTransaction();
    await writer.release();
    expect(await t.keeper.build(l)).toBeGreaterThan(0);
  });
});
