import { type RunningSubgraph, type SubgraphDefinition, startSubgraph } from '@backoffice/kit';
import { dropTestDatabases } from './databases.js';
import { rememberAudience } from './gateway-identity.js';
import { uniqueRunId } from './run.js';
import { deleteTestStream } from './streams.js';

/**
 * Runs subgraphs in-process for integration tests against the real Postgres and NATS, isolated per
 * run: their own databases (`backoffice_<service>_t<run>`), their own stream and subject prefix.
 * Subgraphs started with the same `run` share the stream, so they exchange events as in production.
 */
export interface TestRun {
  id: string;
  env: NodeJS.ProcessEnv;
  started: RunningSubgraph<any>[];
  /** Stops every subgraph of the run, drops its databases and deletes its stream. */
  cleanup(): Promise<void>;
}

export function newTestRun(extraEnv: NodeJS.ProcessEnv = {}): TestRun {
  const id = uniqueRunId();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    // Tests run on the repo's dev keys, which every process refuses unless dev mode is said explicitly.
    BACKOFFICE_DEV: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_SUFFIX: `_t${id}`,
    EVENTS_STREAM: `T${id.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `t${id}.`,
    ...extraEnv,
  };
  const run: TestRun = {
    id,
    env,
    started: [],
    async cleanup() {
      for (const s of run.started.reverse()) await s.stop().catch(() => undefined);
      await dropTestDatabases(id, env.DATABASE_URL);
      await deleteTestStream(env.EVENTS_STREAM as string, env.NATS_URL).catch(() => undefined);
    },
  };
  return run;
}

export async function startTestSubgraph<S>(
  run: TestRun,
  definition: SubgraphDefinition<S>,
): Promise<RunningSubgraph<S>> {
  const running = await startSubgraph({ ...definition, env: run.env, port: 0 });
  run.started.push(running);
  rememberAudience(running.url, definition.name);
  return running;
}
