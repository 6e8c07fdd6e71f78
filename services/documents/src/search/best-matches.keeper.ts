import type { Logger } from '@backoffice/kit';
import type { DataSource } from 'typeorm';

export interface KeeperOptions {
  /** Kept documents per word after a build: a broad reader has at least this many readable at the cut. */
  keep?: number;
  /** A broad reader's query matching at least this many documents gets its words kept. */
  worthKeeping?: number;
  /** How long a build waits for document writes in flight before it gives up (ms). */
  lockTimeoutMs?: number;
  log?: Logger;
}
/** A kept word whose rows grew past this many times `keep` (documents written since at or above its cut) is rebuilt. */
const REBUILD_GROWTH = 4;
/** A word is not rebuilt more often than this, whatever asks: a build blocks document writes briefly. */
const REBUILD_AFTER_MS = 10 * 60 * 1000;

/**
 * Builds the kept matches of the words asked for, one at a time and off the request path. A build
 * waits at most `lockTimeoutMs` for document writes in flight (and is retried on a later search).
 */
export class BestMatchesKeeper {
  private readonly pending = new Set<string>();
  private readonly builtAt = new Map<string, number>();
  private running: Promise<void> | undefined;

  private readonly keep: number;
  private readonly lockTimeoutMs: number;
  private readonly log?: Logger;
  readonly worthKeeping: number;

  constructor(
    private readonly db: DataSource,
    options: KeeperOptions = {},
  ) {
    this.keep = options.keep ?? 200;
    this.worthKeeping = options.worthKeeping ?? 1_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 250;
    this.log = options.log;
  }

  /** Asks for the words to be (re)built, unless built by this process within the last minutes. */
  request(words: string[], now = Date.now()): void {
    for (const w of words)
      if (now - (this.builtAt.get(w) ?? Number.NEGATIVE_INFINITY) >= REBUILD_AFTER_MS) this.pending.add(w);
    if (this.pending.size > 0 && !this.running)
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
  }

  /** Settles once the builds asked for so far are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Rebuilds the kept words whose rows grew past REBUILD_GROWTH x keep (the hourly job). */
  async rebuildGrown(): Promise<void> {
    const grown: { lexeme: string }[] = await this.db.query(
      'SELECT lexeme FROM search_best_match GROUP BY lexeme HAVING count(*) > $1',
      [REBUILD_GROWTH * this.keep],
    );
    this.request(grown.map((g) => g.lexeme));
    await this.idle();
  }

  /** Builds one word now; the number of documents kept for it. */
  async build(word: string): Promise<number> {
    // Counted from the attempt: a build that timed out waiting for writes is not retried at once.
    this.builtAt.set(word, Date.now());
    const kept = await this.db.transaction(async (em) => {
      await em.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.lockTimeoutMs))}`);
      const [{ n }] = await em.query('SELECT search_build_best_matches($1, $2) AS n', [word, this.keep]);
      return Number(n);
    });
    return kept;
  }

  private async drain(): Promise<void> {
    for (const word of this.pending) {
      this.pending.delete(word);
      try {
        await this.build(word);
      } catch (e) {
        // Writes held the table past the lock timeout, or the database went away: a later search asks again.
        this.log?.warn({ err: (e as Error).message }, 'search: keeping best matches failed, left for later');
      }
    }
  }
}
