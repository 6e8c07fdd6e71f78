import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { COMPILED_NODE_FLAGS } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';

/**
 * What a compiled process (plain node on `dist/`, as `pnpm start` and the image run it) loads and
 * patches: with an OTLP endpoint, tracing started first patches pg, graphql and node:http as the
 * service's code loads them; without one, no instrumentation is even loaded and nothing is patched,
 * so the request path pays nothing (after `pnpm build:dist`).
 */
const HR = path.resolve(import.meta.dirname, '..', '..', 'services', 'hr');
const PROBE = `
import { createRequire } from 'node:module';
import { startTracingFromEnv } from '@backoffice/kit/tracing';
startTracingFromEnv('hr');
const require = createRequire(process.cwd() + '/');
await import('./dist/hr.subgraph.js');
const pg = (await import('pg')).default;
const http = (await import('node:http')).default;
const wrapped = (f) => '__wrapped' in f;
console.log(JSON.stringify({
  loaded: Object.keys(require.cache).filter((f) => f.includes('@opentelemetry/instrumentation')).length > 0,
  pg: wrapped(pg.Client.prototype.query),
  graphql: wrapped(require('graphql/execution/execute.js').execute),
  http: wrapped(http.Server.prototype.emit),
}));
process.exit(0);`;

async function probe(env: Record<string, string>) {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: __, ...rest } = process.env;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...COMPILED_NODE_FLAGS, '--input-type=module', '-e', PROBE],
    { cwd: HR, env: { ...rest, ...env } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('a compiled process', () => {
  it('with an OTLP endpoint patches pg, graphql and node:http as its code loads them', async () => {
    expect(await probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toEqual({
      loaded: true,
      pg: true,
      graphql: true,
      http: true,
    });
  });

  it('without one loads no instrumentation and patches nothing', async () => {
    expect(await probe({})).toEqual({ loaded: false, pg: false, graphql: false, http: false });
  });
});
