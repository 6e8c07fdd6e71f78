import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, newTestRun, startTestSubgraph, type TestRun } from '@backoffice/testkit';
import type { RunningSubgraph, SubgraphDefinition } from './definition.js';
import { JOB_LEADER_METRIC } from './jobs.js';

/**
 * Two replicas of one subgraph on one database: each scheduled job runs in one of them only, and
 * when that one stops, the other takes the job over; an `everyReplica` job runs in both.
 */
const runs = { first: 0, second: 0 };
/** Runs of a queue every replica drains (`everyReplica`). */
const drains = { first: 0, second: 0 };
let run: TestRun;
let schemaDir: string;

function replica(name: keyof typeof runs): SubgraphDefinition<unknown> {
  return {
    name: 'it',
    schemaDir,
    entities: [],
    migrations: [],
    services: () => ({}),
    resolvers: { Query: { ping: () => true } },
    jobs: () => [
      { name: 'tally', everyMs: 50, run: async () => void runs[name]++ },
      { name: 'drain', everyMs: 50, run: async () => void drains[name]++, everyReplica: true },
    ],
  };
}

/** What the replica's /metrics says about leading the job: 1, 0, or undefined when absent. */
async function leads(subgraph: RunningSubgraph<unknown>, job: string): Promise<number | undefined> {
  const body = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
  const line = body
    .split('\n')
    .find((l) => l.startsWith(`${JOB_LEADER_METRIC}{`) && l.includes(`job="${job}"`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

beforeAll(() => {
  schemaDir = mkdtempSync(join(tmpdir(), 'jobs-schema-'));
  writeFileSync(join(schemaDir, 'schema.graphql'), 'type Query { ping: Boolean! }');
  run = newTestRun({ JOB_LEADER_RETRY_MS: '100' });
});

afterAll(async () => {
  await run.cleanup();
  rmSync(schemaDir, { recursive: true, force: true });
});

describe('scheduled jobs across replicas', () => {
  it('runs each job in one replica only, and in the other once the first stops', async () => {
    const first = await startTestSubgraph(run, replica('first'));
    const second = await startTestSubgraph(run, replica('second'));
    const replicas = { first, second };

    await eventually(
      async () => runs.first + runs.second,
      (n) => n >= 10,
      15_000,
    );
    const leader = runs.first > 0 ? 'first' : 'second';
    const follower = leader === 'first' ? 'second' : 'first';
    // Both had many chances to tick; only the leader's ticks ran.
    expect(runs[follower]).toBe(0);
    expect(await leads(replicas[leader], 'tally')).toBe(1);
    expect(await leads(replicas[follower], 'tally')).toBe(0);
    // A queue every replica claims from is drained by both.
    expect(Math.min(drains.first, drains.second)).toBeGreaterThan(0);
    expect(await leads(replicas[leader], 'drain')).toBeUndefined();

    await replicas[leader].stop();
    expect(
      await eventually(
        async () => runs[follower],
        (n) => n >= 3,
        15_000,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(await leads(replicas[follower], 'tally')).toBe(1);
  });
});
