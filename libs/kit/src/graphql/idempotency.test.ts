import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../subgraph/index.js';
import {
  currentIdempotencyClaim,
  type IdempotencyClaim,
  markIdempotencyClaimsCommitted,
} from './idempotency.js';
import { callSubgraph, newTestRun, startTestSubgraph, type TestRun, testIdentity } from '@backoffice/testkit';

/**
 * Idempotency keys against a real subgraph and database: repeats answer from the stored response,
 * a claim left behind by a process that died is taken over, one whose effect committed is never run
 * twice, and a request presumed dead cannot commit after a retry took its key.
 */
class Things1700000000000 implements MigrationInterface {
  name = 'Things1700000000000';
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE thing (id serial PRIMARY KEY, name text NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE thing');
  }
}

const SDL = `type Query { thingCount(name: String!): Int! }
type Mutation { makeThing(name: String!): Thing! makeThingWithOthers(name: String!): Thing! }
type Thing { id: ID! name: String! }`;

const MAKE = 'mutation($name: String!) { makeThing(name: $name) { id name } }';
const MAKE_WITH_OTHERS = 'mutation($name: String!) { makeThingWithOthers(name: $name) { id name } }';
const alice = testIdentity(['admin'], { userId: 'alice' });

let run: TestRun;
let subgraph: RunningSubgraph<unknown>;
let schemaDir: string;
/** Requests whose name is in here wait inside their transaction until released. */
const gates = new Map<string, Promise<void>>();
/** Work handed over by requests to one commit shared with others (a group commit), and its claims. */
const handedOver: {
  name: string;
  claim: IdempotencyClaim | undefined;
  done(thing: { id: string; name: string } | Error): void;
}[] = [];

beforeAll(async () => {
  schemaDir = mkdtempSync(join(tmpdir(), 'idempotency-schema-'));
  writeFileSync(join(schemaDir, 'schema.graphql'), SDL);
  run = newTestRun();
  subgraph = await startTestSubgraph(run, {
    name: 'it',
    schemaDir,
    entities: [],
    migrations: [Things1700000000000],
    services: () => ({}),
    resolvers: {
      Query: {
        thingCount: async (_: unknown, { name }: { name: string }, ctx) =>
          (await ctx.db.query('SELECT count(*)::int AS n FROM thing WHERE name = $1', [name]))[0].n,
      },
      Mutation: {
        makeThing: (_: unknown, { name }: { name: string }, ctx) =>
          ctx.db.transaction(async (em) => {
            const [row] = await em.query('INSERT INTO thing (name) VALUES ($1) RETURNING id, name', [name]);
            await gates.get(name);
            return { id: String(row.id), name: row.name };
          }),
        makeThingWithOthers: (_: unknown, { name }: { name: string }) =>
          new Promise((resolve, reject) =>
            handedOver.push({
              name,
              claim: currentIdempotencyClaim(),
              done: (thing) => (thing instanceof Error ? reject(thing) : resolve(thing)),
            }),
          ),
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await run?.cleanup();
  if (schemaDir) rmSync(schemaDir, { recursive: true, force: true });
});

const make = (name: string, key: string) =>
  callSubgraph(subgraph.url, MAKE, { name }, alice, { 'idempotency-key': key });
const count = async (name: string) =>
  (await callSubgraph(subgraph.url, 'query($name: String!) { thingCount(name: $name) }', { name }, alice))
    .data?.thingCount;
const keyRow = async (key: string) =>
  (
    await subgraph.deps.db.query(
      'SELECT claim_token, committed_at, response FROM idempotency_key WHERE caller = $1 AND key = $2',
      ['alice', key],
    )
  )[0];

describe('idempotency keys', () => {
  it('answer a repeat from the stored response and refuse the key for another request', async () => {
    const first = await make('once', 'k-once');
    expect(first.errors).toBeUndefined();
    expect(await make('once', 'k-once')).toEqual(first);
    expect((await make('other', 'k-once')).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await count('once')).toBe(1);
    expect((await keyRow('k-once')).committed_at).not.toBeNull();
  });

  it('let a retry take over a claim whose process died before committing', async () => {
    // What a SIGKILL between claiming and committing leaves: a claim, no effect, no response.
    await subgraph.deps.db.query(
      `INSERT INTO idempotency_key (caller, key, request_hash, claim_token, claimed_at)
       VALUES ('alice', 'k-dead', $1, gen_random_uuid(), now() - interval '10 minutes')`,
      [await hashOf('dead')],
    );
    const retry = await make('dead', 'k-dead');
    expect(retry.errors).toBeUndefined();
    expect(await count('dead')).toBe(1);
    expect(await make('dead', 'k-dead')).toEqual(retry);
  });

  it('keep a fresh claim: the first request may still be running', async () => {
    await subgraph.deps.db.query(
      `INSERT INTO idempotency_key (caller, key, request_hash, claim_token)
       VALUES ('alice', 'k-fresh', $1, gen_random_uuid())`,
      [await hashOf('fresh')],
    );
    const retry = await make('fresh', 'k-fresh');
    expect(retry.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(retry.errors?.[0].message).toMatch(/still in progress/);
    expect(await count('fresh')).toBe(0);
  });

  it('never run twice a request whose effect committed but whose response was lost', async () => {
    const first = await make('lost', 'k-lost');
    expect(first.errors).toBeUndefined();
    // The process died after COMMIT and before storing the response; its claim is long stale.
    await subgraph.deps.db.query(
      `UPDATE idempotency_key SET response = NULL, claimed_at = now() - interval '10 minutes'
        WHERE caller = 'alice' AND key = 'k-lost'`,
    );
    const retry = await make('lost', 'k-lost');
    expect(retry.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(retry.errors?.[0].message).toMatch(/was applied/);
    expect(await count('lost')).toBe(1);
  });

  it('still give the client its real response when the response cannot be stored', async () => {
    // The bookkeeping fails after the effect committed (here: refused by a trigger).
    await subgraph.deps.db.query(`
      CREATE FUNCTION refuse_response() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'response storage refused'; END $$`);
    await subgraph.deps.db.query(`
      CREATE TRIGGER refuse_response BEFORE UPDATE OF response ON idempotency_key
      FOR EACH ROW WHEN (NEW.key = 'k-unstorable') EXECUTE FUNCTION refuse_response()`);
    const first = await make('unstorable', 'k-unstorable');
    expect(first.errors).toBeUndefined();
    expect(first.data?.makeThing.name).toBe('unstorable');
    // A retry is told it was applied, and it is not applied twice.
    const retry = await make('unstorable', 'k-unstorable');
    expect(retry.errors?.[0].message).toMatch(/was applied/);
    expect(await count('unstorable')).toBe(1);
  });

  it('refuse the commit of a request presumed dead once a retry took its key', async () => {
    let release!: () => void;
    gates.set('slow', new Promise<void>((r) => (release = r)));
    const slow = make('slow', 'k-slow');
    // The slow request holds its claim; make it look stale and let a retry take it over.
    const claimed = await waitFor(() => keyRow('k-slow'));
    await subgraph.deps.db.query(
      `UPDATE idempotency_key SET claimed_at = now() - interval '10 minutes' WHERE caller = 'alice' AND key = 'k-slow'`,
    );
    gates.delete('slow');
    const retry = await make('slow', 'k-slow');
    expect(retry.errors).toBeUndefined();
    expect((await keyRow('k-slow')).claim_token).not.toBe(claimed.claim_token);
    release();
    const late = await slow;
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/taken over/);
    expect(await count('slow')).toBe(1);
    // The key keeps the retry's response.
    expect(await make('slow', 'k-slow')).toEqual(retry);
  });

  it('mark the claims of requests whose effects commit together in one shared transaction', async () => {
    const requests = ['together-1', 'together-2'].map((name) =>
      callSubgraph(subgraph.url, MAKE_WITH_OTHERS, { name }, alice, { 'idempotency-key': `k-${name}` }),
    );
    await waitFor(async () => (handedOver.length === 2 ? true : undefined));
    const batch = handedOver.splice(0);
    // The shared transaction runs outside both requests (IdempotencyFence sees no claim here).
    const things = await subgraph.deps.db.transaction(async (em) => {
      const made: { id: string; name: string }[] = [];
      for (const w of batch) {
        const [row] = await em.query('INSERT INTO thing (name) VALUES ($1) RETURNING id, name', [w.name]);
        made.push({ id: String(row.id), name: row.name });
      }
      await markIdempotencyClaimsCommitted(
        em,
        batch.map((w) => w.claim),
      );
      return made;
    });
    for (const [i, w] of batch.entries()) w.done(things[i]);
    for (const answer of await Promise.all(requests)) expect(answer.errors).toBeUndefined();
    expect((await keyRow('k-together-1')).committed_at).not.toBeNull();
    expect((await keyRow('k-together-2')).committed_at).not.toBeNull();
  });

  it('refuse a shared commit if a retry took over any of its claims', async () => {
    const request = callSubgraph(subgraph.url, MAKE_WITH_OTHERS, { name: 'apart' }, alice, {
      'idempotency-key': 'k-apart',
    });
    await waitFor(async () => (handedOver.length === 1 ? true : undefined));
    const [w] = handedOver.splice(0);
    // What a retry's takeover leaves: the key claimed under another token.
    await subgraph.deps.db.query(
      `UPDATE idempotency_key SET claim_token = gen_random_uuid() WHERE caller = 'alice' AND key = 'k-apart'`,
    );
    const shared = subgraph.deps.db.transaction(async (em) => {
      await em.query('INSERT INTO thing (name) VALUES ($1)', [w.name]);
      await markIdempotencyClaimsCommitted(em, [w.claim]);
    });
    await expect(shared).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count('apart')).toBe(0);
    w.done(new Error('not made'));
    expect((await request).errors).toBeDefined();
    expect((await keyRow('k-apart')).committed_at).toBeNull();
  });
});

/** The request hash the plugin computes for MAKE with `name`. */
async function hashOf(name: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256')
    .update(`${MAKE}\n${JSON.stringify({ name })}`)
    .digest('hex');
}

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('never appeared');
}
