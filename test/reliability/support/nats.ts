import {
  type BusLogins,
  ensureBusPasswords,
  writeNatsServerConfig,
} from '../../../scripts/lib/bus-access.js';
import type { BusScope } from '../../../scripts/lib/bus-permissions.js';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bus } from '@backoffice/kit';
import { findNatsServer, probeNats } from '../../../scripts/lib/nats.js';
import { freePort } from '@backoffice/testkit';

/**
 * NATS pieces the reliability scenarios need: a private nats-server they may stop and start
 * without touching the shared one, and the client library (a dependency of the kit only, so it is
 * resolved from there and typed through the kit's `Bus`).
 */

type NatsConnection = Bus['nc'];
interface NatsClient {
  connect(options: {
    servers: string | string[];
    name?: string;
    maxReconnectAttempts?: number;
    reconnectTimeWait?: number;
  }): Promise<NatsConnection>;
  jetstream(nc: NatsConnection, options?: { timeout?: number }): Bus['js'];
  jetstreamManager(nc: NatsConnection): Promise<Bus['jsm']>;
}

const fromKit = createRequire(new URL('../../../libs/kit/package.json', import.meta.url));
let client: Promise<NatsClient> | undefined;

/** The NATS client as the kit has it (`connect`, `jetstream`, `jetstreamManager`). */
export function natsClient(): Promise<NatsClient> {
  client ??= (async () => {
    const transport = await import(pathToFileURL(fromKit.resolve('@nats-io/transport-node')).href);
    const js = await import(pathToFileURL(fromKit.resolve('@nats-io/jetstream')).href);
    return { connect: transport.connect, jetstream: js.jetstream, jetstreamManager: js.jetstreamManager };
  })();
  return client;
}

export const NATS_BINARY = findNatsServer() ?? '/usr/sbin/nats-server';

export interface OwnNats {
  url: string;
  port: number;
  storeDir: string;
  running(): boolean;
  /** SIGKILL (default) or SIGTERM; resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP: the server holds its connections but answers nothing (a hung node), until `resume`. */
  pause(): void;
  resume(): void;
  /** Starts the server again on the same port and store, so streams and durables survive. */
  start(): Promise<void>;
  /** Stops it and deletes its store. */
  dispose(): Promise<void>;
  /** With `users`: each service's login (and `ops`), as `pnpm start` generates them. */
  logins?: BusLogins;
}

/** A JetStream server of our own on a free loopback port, with extra arguments (cluster configs). */
export async function startOwnNats(
  options: {
    args?: (port: number, storeDir: string) => string[];
    /** A user per service with its permissions for this stream and prefix, as `pnpm start` runs it. */
    users?: BusScope;
  } = {},
): Promise<OwnNats> {
  const port = await freePort();
  const storeDir = await mkdtemp(path.join(tmpdir(), 'reliability-nats-'));
  const usersDir = options.users ? await mkdtemp(path.join(tmpdir(), 'reliability-nats-users-')) : undefined;
  const logins = usersDir ? ensureBusPasswords(usersDir) : undefined;
  const config =
    usersDir && logins && options.users
      ? writeNatsServerConfig(path.join(usersDir, 'nats.conf'), options.users, logins)
      : undefined;
  const url = `nats://127.0.0.1:${port}`;
  let child: ReturnType<typeof spawn> | undefined;
  let exited: Promise<void> = Promise.resolve();
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const start = async () => {
    const args = options.args?.(port, storeDir) ?? [
      ...(config ? ['-c', config] : []),
      '-js',
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '-sd',
      storeDir,
    ];
    const proc = spawn(NATS_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2_000)));
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      if ((await probeNats(url, 500)).jetstream) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    proc.kill('SIGKILL');
    throw new Error(`nats-server on port ${port} did not come up with JetStream: ${stderr}`);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill(signal);
    }
    await exited;
  };
  await start();
  return {
    url,
    port,
    storeDir,
    running: () => !!child && child.exitCode === null && child.signalCode === null,
    stop,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    start,
    logins,
    dispose: async () => {
      await stop();
      process.off('exit', killOnExit);
      await rm(storeDir, { recursive: true, force: true });
      if (usersDir) await rm(usersDir, { recursive: true, force: true });
    },
  };
}

/** Connects to `url` and returns the connection with its JetStream client and manager. */
export async function natsConnection(
  url: string | string[],
  name = 'reliability-test',
  login?: { user: string; password: string },
) {
  const nats = await natsClient();
  const nc = await nats.connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 200,
    ...(login ? { user: login.user, pass: login.password } : {}),
  });
  return { nc, js: nats.jetstream(nc, { timeout: 2_000 }), jsm: await nats.jetstreamManager(nc) };
}
