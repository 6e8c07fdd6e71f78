import pg from 'pg';
import type { Logger } from '../logger.js';

/** The first key of every job's advisory lock: keeps them apart from the migration lock and other users. */
const JOB_LOCK_SPACE = 7410002;

export interface JobLeadershipOptions {
  /**
   * The service's database straight on Postgres (DATABASE_DIRECT_URL), never through PgBouncer in
   * transaction mode: a session advisory lock lives on one server connection, which a pooler hands
   * to someone else after each transaction.
   */
  connectionString: string;
  /** How often a follower tries to take a job, and the leader checks its connection still lives. */
  retryMs: number;
  log?: Logger;
}

/**
 * Which replica runs each scheduled job: the one whose connection holds the job's session advisory
 * lock. Postgres drops the lock when that connection ends (a replica stopped, crashed or cut off),
 * and another replica takes it on its next try, so a job has a new leader within `retryMs` of its
 * old one's connection closing. One connection per process, outside the pool, holds every lock.
 */
export class JobLeadership {
  private client: pg.Client | undefined;
  private readonly held = new Set<string>();
  private jobs: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private trying: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: JobLeadershipOptions) {}

  /** Starts competing for `jobs` now and every `retryMs`. */
  start(jobs: string[]): void {
    this.jobs = jobs;
    void this.tryNow();
    this.timer = setInterval(() => void this.tryNow(), this.options.retryMs);
  }

  /** True while this process holds the job's lock (as of the last check). */
  leads(job: string): boolean {
    return this.held.has(job);
  }

  /** The jobs this process leads. */
  leading(): string[] {
    return [...this.held];
  }

  /** One round: reconnect if needed, confirm the connection, try every job not held. */
  tryNow(): Promise<void> {
    this.trying ??= this.round().finally(() => {
      this.trying = undefined;
    });
    return this.trying;
  }

  /** Gives every job up: the connection's end releases the locks at once, for the next replica. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.trying;
    await this.drop();
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = this.client ?? (await this.connect());
      // Also the leader's heartbeat: a dead connection fails here, and the jobs stop running here.
      const free = this.jobs.filter((job) => !this.held.has(job));
      if (free.length === 0) await client.query('SELECT 1');
      for (const job of free) {
        const { rows } = await client.query<{ taken: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken',
          [JOB_LOCK_SPACE, job],
        );
        if (rows[0].taken) {
          this.held.add(job);
          this.options.log?.info({ job }, 'leading scheduled job');
        }
      }
    } catch (e) {
      if (this.held.size > 0)
        this.options.log?.warn({ err: (e as Error).message, jobs: this.leading() }, 'job leadership lost');
      await this.drop();
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      connectionTimeoutMillis: 5_000,
      // A statement that hangs (a half-open connection) fails the round instead of keeping leadership.
      query_timeout: Math.max(1_000, this.options.retryMs),
      keepAlive: true,
    });
    // The connection's end is the lock's end: stop leading now, not at the next round.
    client.on('error', () => this.forget(client));
    client.on('end', () => this.forget(client));
    await client.connect();
    this.client = client;
    return client;
  }

  private forget(client: pg.Client): void {
    if (this.client !== client) return;
    if (this.held.size > 0) this.options.log?.warn({ jobs: this.leading() }, 'job leadership lost');
    this.held.clear();
    this.client = undefined;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.held.clear();
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
