import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@backoffice/testkit';
import { JobLeadership } from './leadership.js';

/**
 * Job leadership against the real Postgres: one holder per job, the lock held by its connection's
 * session, released when that connection ends (stopped, or cut off as when a replica dies).
 */
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: SERVER });
const started: JobLeadership[] = [];

function replica(): JobLeadership {
  const leadership = new JobLeadership({ connectionString: SERVER, retryMs: 100 });
  started.push(leadership);
  return leadership;
}

/** The backends holding the job's lock (the two-key form: 7410002, hashtext(job)). */
async function holders(job: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 7410002
       AND objid::bigint = (hashtext($1)::bigint & 4294967295) AND objsubid = 2`,
    [job],
  );
  return rows.map((r) => r.pid);
}

beforeAll(() => admin.connect());
afterEach(async () => {
  for (const l of started.splice(0)) await l.stop();
});
afterAll(() => admin.end());

describe('JobLeadership', () => {
  it('gives each job to one replica only, whose session holds the lock', async () => {
    const job = `purge-${randomUUID()}`;
    const [a, b] = [replica(), replica()];
    a.start([job]);
    b.start([job]);
    await eventually(
      async () => [a.leads(job), b.leads(job)],
      (l) => l.includes(true),
      5_000,
    );
    await Promise.all([a.tryNow(), b.tryNow()]);
    expect([a.leads(job), b.leads(job)].filter(Boolean)).toHaveLength(1);
    expect(await holders(job)).toHaveLength(1);
  });

  it('hands the job over when the leader stops: the connection’s end releases the lock', async () => {
    const job = `expiry-${randomUUID()}`;
    const a = replica();
    a.start([job]);
    await eventually(async () => a.leads(job), Boolean, 5_000);
    const b = replica();
    b.start([job]);
    await b.tryNow();
    expect(b.leads(job)).toBe(false);
    await a.stop();
    expect(await eventually(async () => b.leads(job), Boolean, 5_000)).toBe(true);
    expect(a.leads(job)).toBe(false);
  });

  it('hands the job over when the holder dies: Postgres ends its session, the lock goes with it', async () => {
    const job = `sla-${randomUUID()}`;
    // A replica that took the job and then died: only its session is left, until Postgres ends it.
    const dead = new pg.Client({ connectionString: SERVER });
    dead.on('error', () => undefined);
    await dead.connect();
    await dead.query('SELECT pg_try_advisory_lock(7410002, hashtext($1))', [job]);
    const b = replica();
    b.start([job]);
    await b.tryNow();
    expect(b.leads(job)).toBe(false);
    const [pid] = await holders(job);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(await eventually(async () => b.leads(job), Boolean, 5_000)).toBe(true);
    expect(await holders(job)).not.toContain(pid);
    await dead.end().catch(() => undefined);
  });

  it('a leader cut off stops leading, and the job never has two leaders', async () => {
    const job = `expiry-${randomUUID()}`;
    const a = replica();
    a.start([job]);
    await eventually(async () => a.leads(job), Boolean, 5_000);
    const b = replica();
    b.start([job]);
    const [pid] = await holders(job);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // Whichever replica tries first takes it (the cut-off one may reconnect first): one, on a new session.
    const leaders = await eventually(
      async () => ({ holders: await holders(job), leading: [a.leads(job), b.leads(job)].filter(Boolean) }),
      (l) => l.holders.length === 1 && l.holders[0] !== pid && l.leading.length === 1,
      5_000,
    );
    expect(leaders.holders).toHaveLength(1);
    expect(leaders.holders).not.toContain(pid);
    expect(leaders.leading).toHaveLength(1);
  });
});
