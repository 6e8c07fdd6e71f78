import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GATEWAY_PORT, SERVICE_NAMES, SERVICE_PORTS, type ServiceName } from '@backoffice/kit';
import { describeExit, type ExitInfo, type ManagedChild, spawnManaged } from './child.js';
import { type LineSink, prefixingSink } from './output.js';
import { waitForReady } from './readiness.js';

/**
 * Runs the five subgraphs and the gateway as child processes, the way `pnpm start` and the
 * end-to-end tests need them: chosen ports, shared extra environment, prefixed output, and a
 * guarantee that nothing keeps running once the platform is stopped or the parent goes away.
 */

export type ProcessName = ServiceName | 'gateway';

export interface PlatformOptions {
  /** Extra environment for every process (DATABASE_URL, NATS_URL, test isolation names, ...). */
  env?: NodeJS.ProcessEnv;
  /** Environment for one process only, over `env`: its own keys and NATS user (`pnpm start`). */
  processEnv?: Partial<Record<ProcessName, NodeJS.ProcessEnv>>;
  gatewayPort?: number;
  servicePorts?: Partial<Record<ServiceName, number>>;
  /**
   * Ports of more replicas of a subgraph, started separately: the gateway's `*_URL` lists them after
   * the first, and it spreads calls over all of them (gateway/src/replicas.ts).
   */
  replicaPorts?: Partial<Record<ServiceName, readonly number[]>>;
  /** The subgraphs to start; all five by default. */
  services?: readonly ServiceName[];
  /** Start the gateway after the subgraphs (default true). */
  gateway?: boolean;
  /** `prefix` writes every line as `name | line`; `silent` only keeps the tail; or a sink of your own. */
  log?: 'prefix' | 'silent' | LineSink;
  /** How many of each process's last lines a failure message quotes (default 40). */
  logLines?: number;
  /** How long each process may take to answer 200 on /ready (default 60 s). */
  readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 10 s). */
  stopTimeoutMs?: number;
  /** Folder holding `services/<name>` and `gateway`; tests point it at stand-in packages. */
  rootDir?: string;
  /** Aborting while starting stops what was started and rejects (Ctrl-C during `pnpm start`). */
  signal?: AbortSignal;
  /**
   * `compiled` runs each package's `dist/main.js` with plain node (`pnpm build:dist` first);
   * `source` runs `src/main.ts` through tsx; `watch` too, restarting a process when a file it loaded
   * changes (`pnpm dev`). Default: as this launcher itself runs, so `pnpm start` (compiled) starts
   * compiled processes and tests (TypeScript) start the code they just changed.
   */
  runtime?: Runtime;
}

export type Runtime = 'compiled' | 'source' | 'watch';

export interface PlatformProcess {
  name: ProcessName;
  port: number;
  /** `http://127.0.0.1:<port>`, without a path. */
  origin: string;
  managed: ManagedChild;
}

export interface UnexpectedExit {
  name: ProcessName;
  exit: ExitInfo;
  lastLines: string[];
}

export interface Platform {
  /** The gateway's GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  gatewayUrl: string;
  /** The gateway without a path, for its other routes (`/health`, `/documents/:id/content`, ...). */
  gatewayOrigin: string;
  processes: PlatformProcess[];
  /** Settles when a process dies on its own after start; never settles if all stop via stop(). */
  unexpectedExit: Promise<UnexpectedExit>;
  /** SIGTERM to all, SIGKILL after the grace period; idempotent. */
  stop(): Promise<void>;
}

export class PlatformStartError extends Error {
  constructor(
    message: string,
    readonly processName: ProcessName,
    readonly lastLines: string[],
  ) {
    super(message);
    this.name = 'PlatformStartError';
  }
}

/** The repository root: where `services/<name>` and `gateway` are started from by default. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
const OWN_RUNTIME: Runtime = import.meta.url.endsWith('.js') ? 'compiled' : 'source';

/**
 * Node's flags for a compiled process (`pnpm start`, the image, the manifests say the same):
 * - `--conditions=compiled`: workspace packages resolve to their `dist/`;
 * - `--max-semi-space-size=2` (MiB): V8 grows the young generation to 16 MiB per semi-space (three of
 *   them reserved) under load and keeps it; a request here allocates far less than that, so 2 MiB
 *   keeps some 20-25 MiB of resident memory per process off for more, cheap, scavenges
 *   (bench/RESULTS.md, "Footprint").
 * No `--enable-source-maps` by default: parsing every map at load costs about 9 MiB per process;
 * the maps stay beside the code for `NODE_OPTIONS=--enable-source-maps` when a stack must point into
 * the TypeScript.
 */
export const COMPILED_NODE_FLAGS = ['--conditions=compiled', '--max-semi-space-size=2'] as const;
/**
 * glibc gives each thread that allocates its own malloc arena; node's threads (libuv's pool, V8's
 * helpers) leave several mostly empty ones resident. Two arenas serve a process this size (a default:
 * the environment may say otherwise).
 */
export const COMPILED_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/**
 * How a package is started. Absolute URLs, so a package folder without its own node_modules (a test
 * stand-in) still starts. Compiled: workspace packages resolve to their `dist/` through the `compiled`
 * export condition, and stack traces point at the TypeScript through the source maps.
 */
export function processArgs(runtime: Runtime): string[] {
  if (runtime === 'compiled') {
    // Plain node cannot preload the TypeScript guard: a launcher running from source uses the compiled one.
    const guard =
      OWN_RUNTIME === 'compiled'
        ? new URL('./orphan-guard.js', import.meta.url)
        : new URL('../../dist/platform/orphan-guard.js', import.meta.url);
    return [...COMPILED_NODE_FLAGS, '--import', guard.href, 'dist/main.js'];
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const guard = new URL(
    `${OWN_RUNTIME === 'compiled' ? '../../src/platform' : '.'}/orphan-guard.ts`,
    import.meta.url,
  );
  const source = ['--import', tsx, '--import', guard.href, 'src/main.ts'];
  // Node's own watch mode follows every module the loader hands it, the workspace libraries included.
  return runtime === 'watch' ? ['--watch', '--watch-preserve-output', ...source] : source;
}

/** The environment every process gets: ports and the URLs the gateway reaches the subgraphs at. */
export function platformEnv(
  servicePorts: Record<ServiceName, number>,
  gatewayPort: number,
  replicaPorts: PlatformOptions['replicaPorts'] = {},
): Record<string, string> {
  const env: Record<string, string> = { GATEWAY_PORT: String(gatewayPort) };
  for (const name of SERVICE_NAMES) {
    const upper = name.toUpperCase();
    env[`${upper}_PORT`] = String(servicePorts[name]);
    env[`${upper}_URL`] = [servicePorts[name], ...(replicaPorts[name] ?? [])]
      .map((port) => `http://127.0.0.1:${port}/graphql`)
      .join(',');
  }
  return env;
}

function packageDir(rootDir: string, name: ProcessName): string {
  return name === 'gateway' ? path.join(rootDir, 'gateway') : path.join(rootDir, 'services', name);
}

function sinkFor(log: PlatformOptions['log'], names: ProcessName[]): LineSink | undefined {
  if (log === 'silent') return undefined;
  if (typeof log === 'function') return log;
  return prefixingSink({ width: Math.max(...names.map((n) => n.length)) });
}

function formatTail(lines: string[]): string {
  return lines.length ? lines.map((l) => `    ${l}`).join('\n') : '    (no output)';
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const services = options.services ?? SERVICE_NAMES;
  const withGateway = options.gateway ?? true;
  // Ports chosen for some services and not for others would start those on their fixed default ports,
  // where another test's platform may listen (and answer this gateway with its own keys and data).
  const unported = options.servicePorts
    ? services.filter((name) => options.servicePorts?.[name] === undefined)
    : [];
  if (unported.length > 0)
    throw new Error(
      `servicePorts names no port for ${unported.join(', ')}: give every started service one (testkit freeServicePorts), or none`,
    );
  const servicePorts = { ...SERVICE_PORTS, ...options.servicePorts } as Record<ServiceName, number>;
  const gatewayPort = options.gatewayPort ?? GATEWAY_PORT;
  const rootDir = options.rootDir ?? REPO_ROOT;
  const runtime = options.runtime ?? OWN_RUNTIME;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const names: ProcessName[] = withGateway ? [...services, 'gateway'] : [...services];
  const sink = sinkFor(options.log, names);
  // Our port and URL variables come last: the readiness checks poll exactly these ports.
  const ports = platformEnv(servicePorts, gatewayPort, options.replicaPorts);
  const env = { ...process.env, ...options.env, ...ports };

  const processes: PlatformProcess[] = [];
  let stopping = false;
  let reportUnexpected: (exit: UnexpectedExit) => void = () => {};
  const unexpectedExit = new Promise<UnexpectedExit>((resolve) => {
    reportUnexpected = resolve;
  });

  // Last line of defence when the parent exits without calling stop(): `exit` handlers must be
  // synchronous, so it is SIGKILL. (A parent killed by a signal is covered by the orphan guard.)
  const killOnExit = () => {
    for (const p of processes) if (p.managed.isRunning()) p.managed.child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      await Promise.all(processes.map((p) => p.managed.terminate(stopTimeoutMs)));
      process.off('exit', killOnExit);
    })();
    return stopped;
  };

  function launch(name: ProcessName): PlatformProcess {
    const port = name === 'gateway' ? gatewayPort : servicePorts[name];
    const managed = spawnManaged({
      name,
      command: process.execPath,
      args: processArgs(runtime),
      cwd: packageDir(rootDir, name),
      env: {
        ...(runtime === 'compiled' ? COMPILED_ENV : {}),
        ...env,
        ...options.processEnv?.[name],
        ...ports,
      },
      sink,
      tailSize: options.logLines ?? 40,
    });
    const proc: PlatformProcess = { name, port, origin: `http://127.0.0.1:${port}`, managed };
    processes.push(proc);
    void managed.exited.then((exit) => {
      if (stopping) return;
      sink?.(name, `*** ${describeExit(exit)}`);
      reportUnexpected({ name, exit, lastLines: managed.lastLines() });
    });
    return proc;
  }

  /** Ready, or a start error naming the process, why, and what it printed last. */
  async function ready(proc: PlatformProcess): Promise<void> {
    const abort = new AbortController();
    const died = proc.managed.exited.then((exit) => {
      throw new PlatformStartError(
        `${proc.name} ${describeExit(exit)} while starting. Last lines:\n${formatTail(proc.managed.lastLines())}`,
        proc.name,
        proc.managed.lastLines(),
      );
    });
    try {
      await Promise.race([
        died,
        waitForReady(`${proc.origin}/ready`, { timeoutMs: readyTimeoutMs, signal: abort.signal }).catch(
          (err) => {
            if (abort.signal.aborted) return;
            throw new PlatformStartError(
              `${proc.name}: ${(err as Error).message}. Last lines:\n${formatTail(proc.managed.lastLines())}`,
              proc.name,
              proc.managed.lastLines(),
            );
          },
        ),
      ]);
    } finally {
      abort.abort();
      died.catch(() => {});
    }
  }

  const abortStart = () => void stop();
  options.signal?.addEventListener('abort', abortStart, { once: true });
  try {
    options.signal?.throwIfAborted();
    // Subgraphs in parallel (each migrates its own database), then the gateway, which composes
    // the supergraph from them and so must come last.
    await Promise.all(services.map((name) => ready(launch(name))));
    if (withGateway) await ready(launch('gateway'));
  } catch (err) {
    await stop();
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', abortStart);
  }

  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    gatewayOrigin: `http://127.0.0.1:${gatewayPort}`,
    processes,
    unexpectedExit,
    stop,
  };
}
