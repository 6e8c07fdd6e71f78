import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callSubgraph,
  eventually,
  freePort,
  newTestRun,
  startTestSubgraph,
  type TestRun,
  testIdentity,
} from '@backoffice/testkit';
import type { RunningSubgraph, SubgraphDefinition } from '../subgraph/definition.js';

/**
 * Replicas behind PgBouncer in transaction mode, as compose and k8s run them: queries through the
 * pooler, what holds a session (job leadership, the relay's LISTEN, the migration lock) straight to
 * Postgres by DATABASE_DIRECT_URL. Needs the pgbouncer binary (`apt-get install pgbouncer`); skipped without.
 */
const PGBOUNCER = spawnSync('sh', ['-c', 'command -v pgbouncer || ls /usr/sbin/pgbouncer'], {
  encoding: 'utf8',
})
  .stdout.trim()
  .split('\n')[0];
const DIRECT = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let dir: string;
let bouncer: ChildProcess;
let pooled: string;
let run: TestRun;
const runs = { first: 0, second: 0 };

function replica(name: keyof typeof runs): SubgraphDefinition<unknown> {
  return {
    name: 'it',
    schemaDir: dir,
    entities: [],
    migrations: [],
    services: () => ({}),
    resolvers: {
      Query: {
        outboxSize: async (_: unknown, __: unknown, ctx) =>
          (await ctx.db.query('SELECT count(*)::int AS n FROM outbox'))[0].n,
      },
    },
    jobs: () => [{ name: 'tally', everyMs: 50, run: async () => void runs[name]++ }],
  };
}

/** PgBouncer's clients for `database`, from its admin console. */
async function pooledClientsOf(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: pooled.replace(/\/postgres$/, '/pgbouncer') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ database: string }>('SHOW CLIENTS');
    return rows.filter((r) => r.database === database).length;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!PGBOUNCER)('behind PgBouncer in transaction mode', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'schema.graphql'), 'type Query { outboxSize: Int! }');
    const port = await freePort();
    const server = new URL(DIRECT);
    const target = `host=${server.hostname} port=${server.port || 5432} user=${server.username || 'postgres'}`;
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        // One server connection only: shows what a session lock does to clients that share it.
        `single = ${target} dbname=postgres pool_size=1`,
        `* = ${target}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = any',
        'admin_users = postgres',
        'pool_mode = transaction',
        'default_pool_size = 5',
        'max_client_conn = 200',
        'ignore_startup_parameters = extra_float_digits',
      ].join('\n'),
    );
    // PgBouncer refuses to run as root; -u drops to the postgres user.
    const asUser = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
    bouncer = spawn(PGBOUNCER, [...asUser, join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
    pooled = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await eventually(
      async () => {
        const c = new pg.Client({ connectionString: pooled });
        c.on('error', () => undefined);
        return c.connect().then(
          () => c.end().then(() => true),
          () => false,
        );
      },
      Boolean,
      10_000,
    );
    run = newTestRun({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: DIRECT, JOB_LEADER_RETRY_MS: '100' });
  });

  afterAll(async () => {
    await run?.cleanup();
    bouncer?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a session lock taken through the pooler stays on its server connection: two clients both "lead"', async () => {
    const clients = [0, 1].map(
      () => new pg.Client({ connectionString: pooled.replace(/\/postgres$/, '/single') }),
    );
    for (const c of clients) await c.connect();
    try {
      const taken = [];
      for (const c of clients)
        taken.push((await c.query('SELECT pg_try_advisory_lock(7410099) AS t')).rows[0].t);
      // Why job leadership takes DATABASE_DIRECT_URL: through the pooler, a lock is no lock.
      expect(taken).toEqual([true, true]);
    } finally {
      await clients[0].query('SELECT pg_advisory_unlock_all()');
      for (const c of clients) await c.end();
    }
  });

  it('two replicas boot, migrate, answer and run each job once, with sessions on the direct URL', async () => {
    const [first, second] = await Promise.all([
      startTestSubgraph(run, replica('first')),
      startTestSubgraph(run, replica('second')),
    ]);
    const reader = testIdentity(['admin']);
    for (const r of [first, second] as RunningSubgraph<unknown>[]) {
      const answer = await callSubgraph(r.url, '{ outboxSize }', {}, reader);
      expect(answer.errors).toBeUndefined();
      const ready = await fetch(r.url.replace(/\/graphql$/, '/ready'));
      expect(ready.status).toBe(200);
    }
    // The pools are PgBouncer's clients: the queries did go through it.
    expect(await pooledClientsOf(`backoffice_it${run.env.DATABASE_SUFFIX}`)).toBeGreaterThan(0);
    await eventually(
      async () => runs.first + runs.second,
      (n) => n >= 10,
      15_000,
    );
    expect(Math.min(runs.first, runs.second)).toBe(0);
  });
});
