import type { Identity } from '@backoffice/kit';
import { seededRandom } from '@backoffice/testkit';
import { afterAll, beforeAll } from 'vitest';
import { accessKeysOf } from '../src/documents/document.access.js';
import { BestMatchesKeeper, type KeeperOptions } from '../src/search/best-matches.keeper.js';
import { SearchService } from '../src/search/search.service.js';
import { type DocumentsTestEnv, startDocuments } from './support.js';

/** Made-up words no dictionary stems differently, for the kept-best-matches tests. */
export const WORDS = ['zorbaxic', 'quillomet', 'vandrupel', 'moskerin', 'tarviflo', 'gelundrak'];

/**
 * Documents of random words of the list for the kept-best-matches tests, and the reference page
 * they compare with: every readable match ranked, as the statement before kept best matches did.
 */
export function searchCorpus(env: () => DocumentsTestEnv, seed: number) {
  const sql = (text: string, params: unknown[] = []) => env().docs.deps.db.query(text, params);
  const rng = seededRandom(seed);

  /** A document with words of the list in its title, tags and text, repeated at random. */
  async function insertDoc(
    options: { classification?: string; boost?: string; times?: number } = {},
  ): Promise<string> {
    const some = (max: number) =>
      Array.from({ length: Math.floor(rng.random() * (max + 1)) }, () => rng.pick(WORDS));
    const title =
      [...some(2), ...(options.boost ? Array(options.times ?? 6).fill(options.boost) : [])].join(' ') ||
      'memo';
    const classification =
      options.classification ??
      rng.pick(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'INTERNAL', 'STRICTLY_CONFIDENTIAL']);
    const [{ id }] = await sql(
      `INSERT INTO document (title, classification, created_by, tags, search_text, created_at)
       VALUES ($1, $2, 'uploader-1', $3, $4, now() - $5 * interval '1 hour') RETURNING id`,
      [title, classification, some(2), `filler ${some(6).join(' filler ')}`, Math.floor(rng.random() * 50)],
    );
    return id;
  }

  async function everyMatchRanked(query: string, who: Identity, limit: number) {
    const rows: { id: string; rank: number }[] = await sql(
      `SELECT c.id, ts_rank_cd(c.search_vector, q) AS rank
         FROM document c, (SELECT websearch_to_tsquery('english', $1) || websearch_to_tsquery('dutch', $1) AS q) x
        WHERE c.access_keys && $2::text[] AND c.search_vector @@ q
        ORDER BY rank DESC, c.created_at DESC, c.id LIMIT $3`,
      [query, accessKeysOf({ identity: who }), limit],
    );
    return rows.map((r) => `${r.id} ${Number(r.rank)}`);
  }

  /** The writes that take documents out of the best: by turns their words go, they are deleted, made secret, removed. */
  async function moveOutOfTheBest(ids: string[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      if (i % 4 === 0)
        await sql(`UPDATE document SET title = 'memo', tags = '{}', search_text = 'none' WHERE id = $1`, [
          id,
        ]);
      if (i % 4 === 1) await sql('UPDATE document SET deleted_at = now() WHERE id = $1', [id]);
      if (i % 4 === 2)
        await sql(`UPDATE document SET classification = 'STRICTLY_CONFIDENTIAL' WHERE id = $1`, [id]);
      if (i % 4 === 3) await sql('DELETE FROM document WHERE id = $1', [id]);
    }
  }

  return { sql, rng, insertDoc, everyMatchRanked, moveOutOfTheBest };
}

/**
 * A test file's documents service with a keeper of its own (`options`) and a search service over it,
 * started before the file's tests and cleaned up after, with the corpus of `searchCorpus`.
 */
export function keptSearch(options: KeeperOptions, seed: number) {
  let env: DocumentsTestEnv | undefined;
  let keeper: BestMatchesKeeper | undefined;
  let search: SearchService | undefined;
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the documents service is not started yet');
    return v;
  };
  beforeAll(async () => {
    env = await startDocuments();
    keeper = new BestMatchesKeeper(env.docs.deps.db, options);
    search = new SearchService(env.docs.deps.db, keeper);
  });
  afterAll(async () => {
    await keeper?.idle();
    await env?.cleanup();
  });
  const corpus = searchCorpus(() => started(env), seed);
  return {
    ...corpus,
    get env() {
      return started(env);
    },
    get keeper() {
      return started(keeper);
    },
    get search() {
      return started(search);
    },
    /** The service's page as `id rank` lines, to compare with `everyMatchRanked`. */
    searched: async (query: string, who: Identity, limit: number) =>
      (await started(search).search({ identity: who } as never, query, limit)).map(
        (h) => `${h.document.id} ${h.rank}`,
      ),
  };
}
