import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Identity, SERVICE_NAMES, type ServiceName } from '@backoffice/kit';
import { type ManagedChild, platformEnv, spawnManaged } from '@backoffice/testkit';
import { REPO_ROOT } from '../../scripts/lib/repo.js';
import { pinnedCommand } from './load.js';

/**
 * The gateways under test as child processes on loopback, each pinned to the gateway's core: ours
 * (gateway/src/main.ts, GATEWAY_WORKERS from the environment) and Hive Gateway on the same supergraph file.
 */
export interface RunningGateway {
  name: string;
  url: string;
  managed: ManagedChild;
}

const require = createRequire(import.meta.url);
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const HIVE_BIN = path.join(
  path.dirname(require.resolve('@graphql-hive/gateway/package.json')),
  'dist/bin.js',
);

/** The supergraph with this run's subgraph URLs, written to a temporary folder both gateways read. */
export function writeSupergraph(dir: string, servicePorts: Record<ServiceName, number>): string {
  let sdl = fs.readFileSync(path.join(REPO_ROOT, 'gateway/schema/supergraph.graphql'), 'utf8');
  for (const name of SERVICE_NAMES) {
    sdl = sdl.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+(")`),
      `$1http://127.0.0.1:${servicePorts[name]}/graphql$2`,
    );
  }
  const file = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(file, sdl);
  return file;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'backoffice-bench-'));
}

async function waitForGraphQL(url: string, child: ManagedChild, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`${child.name} exited:\n${child.lastLines().join('\n')}`);
    try {
      const res = await fetch(url.replace(/\/graphql$/, '/health'));
      if (res.ok) return;
      const hive = await fetch(url.replace(/\/graphql$/, '/readiness'));
      if (hive.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.lastLines().join('\n')}`);
}

export interface OursOptions {
  name: string;
  port: number;
  cpus: string;
  env: Record<string, string>;
  servicePorts: Record<ServiceName, number>;
  supergraphPath: string;
  dedupe: boolean;
  workers?: number;
}

export async function startOurGateway(o: OursOptions): Promise<RunningGateway> {
  const [command, args] = pinnedCommand(o.cpus, process.execPath, ['--import', TSX_LOADER, 'src/main.ts']);
  const managed = spawnManaged({
    name: o.name,
    command,
    args,
    cwd: path.join(REPO_ROOT, 'gateway'),
    env: {
      ...process.env,
      ...o.env,
      ...platformEnv(o.servicePorts, o.port),
      GATEWAY_HOST: '127.0.0.1',
      SUPERGRAPH_PATH: o.supergraphPath,
      SUBGRAPH_DEDUPE: o.dedupe ? 'on' : 'off',
      GATEWAY_WORKERS: String(o.workers ?? 1),
      // One user at thousands of requests per second: the per-user limit would answer 429.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    tailSize: 40,
  });
  const url = `http://127.0.0.1:${o.port}/graphql`;
  await waitForGraphQL(url, managed);
  return { name: o.name, url, managed };
}

export interface HiveOptions {
  name: string;
  port: number;
  cpus: string;
  dir: string;
  supergraphPath: string;
  dedupe: boolean;
  routerRuntime?: boolean;
  /** The caller every subgraph call is signed for (Hive does not verify our user tokens here). */
  identity: Identity;
}

/** Whether the optional Hive Router runtime package is installed (the CLI silently falls back without it). */
export function hasHiveRouterRuntime(): boolean {
  try {
    require.resolve('@graphql-hive/router-runtime', { paths: [path.dirname(HIVE_BIN)] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Hive Gateway signs each subgraph call as ours does, with the kit's own code and the gateway's dev
 * key, in an onFetch hook where the body is final: one Ed25519 signature per subgraph call on both
 * sides. It signs for one fixed caller, where ours verifies the user's token first.
 */
export async function startHiveGateway(o: HiveOptions): Promise<RunningGateway> {
  const config = path.join(o.dir, `${o.name}.config.mjs`);
  const kit = (file: string) => pathToFileURL(path.join(REPO_ROOT, 'libs/kit/src/auth', file)).href;
  fs.writeFileSync(
    config,
    `import { bodyDigest, signIdentity } from '${kit('identity.ts')}';
import { createKeyring, devSigningKey, devTrustedKeys } from '${kit('keys.ts')}';
const keyring = createKeyring('gateway', devSigningKey('gateway'), devTrustedKeys());
const identity = ${JSON.stringify(o.identity)};
export const gatewayConfig = {
  logging: 'error',
  plugins: () => [
    {
      onFetch({ url, options, setOptions, executionRequest }) {
        const audience = executionRequest?.subgraphName;
        if (!audience || typeof options.body !== 'string') return;
        const target = new URL(url);
        const request = {
          audience,
          method: options.method ?? 'POST',
          path: target.pathname + target.search,
          body: bodyDigest(options.body),
        };
        setOptions({ ...options, headers: { ...options.headers, ...signIdentity(identity, request, keyring) } });
      },
    },
  ],
  transportEntries: { '*': { options: { deduplicateInflightRequests: ${o.dedupe} } } },
};
`,
  );
  const cliArgs = [
    HIVE_BIN,
    'supergraph',
    o.supergraphPath,
    '-p',
    String(o.port),
    '-h',
    '127.0.0.1',
    '-c',
    config,
  ];
  if (o.routerRuntime) cliArgs.push('--hive-router-runtime');
  // tsx lets the config import the kit's TypeScript.
  const [command, args] = pinnedCommand(o.cpus, process.execPath, ['--import', TSX_LOADER, ...cliArgs]);
  const managed = spawnManaged({
    name: o.name,
    command,
    args,
    cwd: o.dir,
    env: { ...process.env, NODE_ENV: 'production', POLLING: '1h' },
    tailSize: 40,
  });
  const url = `http://127.0.0.1:${o.port}/graphql`;
  await waitForGraphQL(url, managed);
  if (o.routerRuntime) assertRouterRuntimeLoaded(o.name, managed);
  return { name: o.name, url, managed };
}

/**
 * The CLI falls back to its default runtime with only a warning when the import fails, and the bench
 * logs errors only: check the Rust planner's native module is mapped into the gateway process, so a
 * fallback can never be reported as the router runtime.
 */
function assertRouterRuntimeLoaded(name: string, managed: ManagedChild): void {
  let maps: string;
  try {
    maps = fs.readFileSync(`/proc/${managed.pid}/maps`, 'utf8');
  } catch {
    return; // no procfs: nothing to check with
  }
  if (!maps.includes('hive_router_query_planner')) {
    throw new Error(
      `${name}: the Hive Router query planner is not loaded (the CLI fell back to its default runtime)`,
    );
  }
}
