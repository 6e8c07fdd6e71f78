import { createServer } from 'node:http';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  createTestStream,
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  testEnv,
  uniqueRunId,
} from './index.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('uniqueRunId and testEnv', () => {
  it('gives short ids that are safe in every name they end up in', () => {
    const ids = new Set(Array.from({ length: 200 }, uniqueRunId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]{7}$/);
  });

  it('derives the isolation variables the kit accepts', async () => {
    const { platformConfig } = await import('@backoffice/kit');
    const env = testEnv('abc123');
    expect(env).toEqual({
      BACKOFFICE_DEV: '1',
      DATABASE_SUFFIX: '_tabc123',
      EVENTS_STREAM: 'TABC123',
      EVENTS_SUBJECT_PREFIX: 'tabc123.',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    });
    // Dev mode said explicitly, as processes need it for the dev keys; errors still as in production.
    expect(platformConfig(env)).toMatchObject({
      DATABASE_SUFFIX: '_tabc123',
      EVENTS_STREAM: 'TABC123',
      mode: 'test',
    });
    expect(() => testEnv('Bad-Id')).toThrow(/not a run id/);
  });
});

describe('dropTestDatabases', () => {
  it("drops this run's databases, even with open connections, and nobody else's", async () => {
    const runId = uniqueRunId();
    const other = uniqueRunId();
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    const names = [`backoffice_hr_t${runId}`, `backoffice_it_t${runId}`, `backoffice_hr_t${other}`];
    try {
      for (const name of names) await admin.query(`create database ${name}`);
      const holder = new pg.Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, `/${names[0]}`) });
      holder.on('error', () => {});
      await holder.connect();
      expect((await dropTestDatabases(runId, DATABASE_URL)).sort()).toEqual(names.slice(0, 2));
      await holder.end().catch(() => {});
      const { rows } = await admin.query('select datname from pg_database where datname = any($1)', [names]);
      expect(rows.map((r) => r.datname)).toEqual([names[2]]);
    } finally {
      await admin.query(`drop database if exists backoffice_hr_t${other} with (force)`);
      await admin.end();
    }
  });
});

describe('deleteTestStream', () => {
  it('deletes a stream and tolerates one that is already gone', async () => {
    const name = `T${uniqueRunId().toUpperCase()}`;
    await createTestStream(name, [`${name.toLowerCase()}.>`], NATS_URL);
    expect(await deleteTestStream(name, NATS_URL)).toBe(true);
    expect(await deleteTestStream(name, NATS_URL)).toBe(false);
    await expect(deleteTestStream('BACKOFFICE', NATS_URL)).rejects.toThrow(/refuses/);
  });
});

describe('graphqlClient', () => {
  it('posts the query with the bearer token and returns data, errors and status', async () => {
    const port = await freePort();
    const seen: { auth?: string; key?: string; body?: string } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        Object.assign(seen, { auth: req.headers.authorization, key: req.headers['idempotency-key'], body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: { ok: true },
            errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      const client = graphqlClient(`http://127.0.0.1:${port}/graphql`, 'tok');
      const res = await client.query('{ ok }', { a: 1 }, { headers: { 'Idempotency-Key': 'k1' } });
      expect(res).toEqual({
        data: { ok: true },
        errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
        status: 200,
      });
      expect(seen).toEqual({
        auth: 'Bearer tok',
        key: 'k1',
        body: JSON.stringify({ query: '{ ok }', variables: { a: 1 } }),
      });
      await client.as(undefined).query('{ ok }');
      expect(seen.auth).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
