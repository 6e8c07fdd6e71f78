import type { Logger } from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';

export interface KeeperOptions {
  /** Kept documents per word after a build: a broad reader has at least this many readable at the cut. */
  keep?: number;
  /** A broad reader's query matching at least this many documents gets its words kept. */
  worthKeeping?: number;
  /**
   * ... and a query that is not words joined by OR kept whole from this many: low, as a phrase's cost
   * is in the documents holding its words, far more than those matching it.
   */
  worthKeepingQuery?: number;
  /** Whole queries kept at most: each costs every document write a match test. */
  mostQueries?: number;
  /** How long a build waits for document writes in flight before it gives up (ms). */
  lockTimeoutMs?: number;
  log?: Logger;
}
/** A kept word whose rows grew past this many times `keep` (documents written since at or above its cut) is rebuilt. */
const REBUILD_GROWTH = 4;
/** A word is not rebuilt more often than this, whatever asks: a build blocks document writes briefly. */
const REBUILD_AFTER_MS = 10 * 60 * 1000;
/** A whole query no broad reader has searched for this long is let go (its trigger cost with it). */
const UNUSED_QUERY_DAYS = 30;

/** What is kept: a word (lexeme) or a whole query (as Postgres prints it). */
type Kept = `word:${string}` | `query:${string}`;

/**
 * Builds the kept matches of the words and whole queries asked for, one at a time and off the
 * request path. A build waits at most `lockTimeoutMs` for document writes in flight (and is retried
 * on a later search).
 */
export class BestMatchesKeeper {
  private readonly pending = new Set<Kept>();
  private readonly builtAt = new Map<Kept, number>();
  /** Whole queries served from their kept matches since the last `tend` (their `used_at`). */
  private readonly served = new Set<string>();
  private running: Promise<void> | undefined;

  private readonly keep: number;
  private readonly lockTimeoutMs: number;
  private readonly mostQueries: number;
  private readonly log?: Logger;
  readonly worthKeeping: number;
  readonly worthKeepingQuery: number;

  constructor(
    private readonly db: DataSource,
    options: KeeperOptions = {},
  ) {
    this.keep = options.keep ?? 200;
    this.worthKeeping = options.worthKeeping ?? 1_000;
    this.worthKeepingQuery = options.worthKeepingQuery ?? 50;
    this.mostQueries = options.mostQueries ?? 500;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 250;
    this.log = options.log;
  }

  /** Asks for the words to be (re)built, unless built by this process within the last minutes. */
  request(words: string[], now = Date.now()): void {
    this.ask(
      words.map((w): Kept => `word:${w}`),
      now,
    );
  }

  /** Asks for a whole query (as Postgres prints it) to be (re)built, as `request` does for words. */
  requestQuery(query: string, now = Date.now()): void {
    this.ask([`query:${query}`], now);
  }

  /** Notes a whole query served from its kept matches: it stays kept while broad readers search it. */
  servedQuery(query: string): void {
    this.served.add(query);
  }

  private ask(kept: Kept[], now: number): void {
    for (const k of kept)
      if (now - (this.builtAt.get(k) ?? Number.NEGATIVE_INFINITY) >= REBUILD_AFTER_MS) this.pending.add(k);
    if (this.pending.size > 0 && !this.running)
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
  }

  /** Settles once the builds asked for so far are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * The hourly job: records which whole queries were served, lets go of those nobody searched for
   * UNUSED_QUERY_DAYS, and rebuilds the kept words and queries whose rows grew past REBUILD_GROWTH x
   * keep (documents written since at or above their cut).
   */
  async tend(): Promise<void> {
    const served = [...this.served];
    this.served.clear();
    if (served.length > 0)
      await this.db
        .query('UPDATE search_best_query SET used_at = now() WHERE query = ANY($1::text[])', [served])
        .catch((e) => {
          // Kept for the next hour: lost, a query searched all along could be let go as unused.
          for (const q of served) this.served.add(q);
          throw e;
        });
    // Under the builds' lock: a write's trigger between reading a kept query and keeping a match of
    // it would otherwise meet the query gone (its foreign key) and fail the write.
    await this.waitingForWritesAtMost(async (em) => {
      await em.query('LOCK TABLE document IN SHARE ROW EXCLUSIVE MODE');
      await em.query(
        `DELETE FROM search_best_query WHERE used_at < now() - interval '${UNUSED_QUERY_DAYS} days'`,
      );
    }).catch((e) =>
      this.log?.warn({ err: (e as Error).message }, 'search: letting go of unused queries failed'),
    );
    const grown: { kept: Kept }[] = await this.db.query(
      `SELECT 'word:' || lexeme AS kept FROM search_best_match GROUP BY lexeme HAVING count(*) > $1
       UNION ALL
       SELECT 'query:' || query FROM search_best_query_match GROUP BY query HAVING count(*) > $1`,
      [REBUILD_GROWTH * this.keep],
    );
    this.ask(
      grown.map((g) => g.kept),
      Date.now(),
    );
    await this.idle();
  }

  /** Builds one word now; the number of documents kept for it. */
  async build(word: string): Promise<number> {
    return this.buildKept(`word:${word}`);
  }

  /** Builds one whole query now; the number of documents kept for it, or -1 if too many are kept. */
  async buildQuery(query: string): Promise<number> {
    return this.buildKept(`query:${query}`);
  }

  private async buildKept(kept: Kept): Promise<number> {
    // Counted from the attempt: a build that timed out waiting for writes is not retried at once.
    this.builtAt.set(kept, Date.now());
    return this.waitingForWritesAtMost(async (em) => {
      const [{ n }] = kept.startsWith('word:')
        ? await em.query('SELECT search_build_best_matches($1, $2) AS n', [kept.slice(5), this.keep])
        : await em.query('SELECT search_build_best_query($1, $2, $3) AS n', [
            kept.slice(6),
            this.keep,
            this.mostQueries,
          ]);
      return Number(n);
    });
  }

  /** A transaction whose locks wait at most `lockTimeoutMs` for document writes in flight. */
  private waitingForWritesAtMost<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      await em.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.lockTimeoutMs))}`);
      return work(em);
    });
  }

  private async drain(): Promise<void> {
    for (const kept of this.pending) {
      this.pending.delete(kept);
      try {
        await this.buildKept(kept);
      } catch (e) {
        // Writes held the table past the lock timeout, or the database went away: a later search asks again.
        this.log?.warn({ err: (e as Error).message }, 'search: keeping best matches failed, left for later');
      }
    }
  }
}
