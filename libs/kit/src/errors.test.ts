import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase } from './db/database.js';
import { fromDatabaseError, isTransientDatabaseError } from './errors.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `backoffice_errors_t${randomBytes(4).toString('hex')}`;
let db: DataSource;

beforeAll(async () => {
  db = await openDatabase({
    serverUrl: SERVER,
    database,
    entities: [],
    migrations: [],
    poolSize: 2,
  });
});
afterAll(async () => {
  await db?.destroy();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

/** The error a real call throws, from the real driver: never a hand-made imitation. */
const thrown = (f: () => Promise<unknown>) =>
  f().then(
    () => expect.fail('it did not throw'),
    (e: unknown) => e,
  );

describe('a database failure that says nothing about the request', () => {
  it('is a connection cut in the middle of a transaction, whether a statement meets the cut or comes after it', async () => {
    let metTheCut: unknown;
    const cutMidStatement = await thrown(() =>
      db.transaction(async (em) => {
        const [{ pid }] = await em.query('SELECT pg_backend_pid() AS pid');
        await db.query('SELECT pg_terminate_backend($1)', [pid]);
        metTheCut = await thrown(() => em.query('SELECT 1'));
        await em.query('SELECT 1');
      }),
    );
    expect(isTransientDatabaseError(metTheCut), String(metTheCut)).toBe(true);
    expect(isTransientDatabaseError(cutMidStatement), String(cutMidStatement)).toBe(true);
    // Cut while the request's code is between two statements: by its next one TypeORM has let the
    // connection go, and says so in its own words (what the soak's Postgres cuts answered).
    const cutBetween = await thrown(() =>
      db.transaction(async (em) => {
        const [{ pid }] = await em.query('SELECT pg_backend_pid() AS pid');
        await db.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((r) => setTimeout(r, 500));
        await em.query('SELECT 1');
      }),
    );
    expect((cutBetween as Error).message).toMatch(/already released/);
    expect(isTransientDatabaseError(cutBetween), String(cutBetween)).toBe(true);
  });

  it('is a wait for a free connection that outlasted the pool’s timeout', async () => {
    const pool = new pg.Pool({ connectionString: SERVER, max: 1, connectionTimeoutMillis: 50 });
    const held = await pool.connect();
    try {
      const waited = await thrown(() => pool.connect());
      expect(isTransientDatabaseError(waited), String(waited)).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('is not a rule the request broke, nor a mistake in a statement', async () => {
    const unique = await thrown(() =>
      db.transaction(async (em) => {
        await em.query('CREATE TEMP TABLE t (k int PRIMARY KEY)');
        await em.query('INSERT INTO t VALUES (1), (1)');
      }),
    );
    expect(isTransientDatabaseError(unique)).toBe(false);
    expect(fromDatabaseError(unique)?.code).toBe('CONFLICT');
    expect(isTransientDatabaseError(await thrown(() => db.query('SELECT * FROM no_such_table')))).toBe(false);
  });
});
