import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { preferredOrFreePort } from '@backoffice/testkit';

export interface NatsProbe {
  answers: boolean;
  jetstream: boolean;
  /** The server asks clients for credentials (it has users); false on an open server. */
  authRequired?: boolean;
  reason?: string;
}

/**
 * Connects over TCP and reads the server's INFO line. That needs no client library and tells
 * whether JetStream is enabled, which the platform requires.
 */
export function probeNats(url: string, timeoutMs = 2_000): Promise<NatsProbe> {
  const { hostname, port } = new URL(url.replace(/^nats:/, 'http:'));
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 4222) });
    let buffer = '';
    const done = (probe: NatsProbe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.setTimeout(timeoutMs, () => done({ answers: false, jetstream: false, reason: 'timed out' }));
    socket.on('error', (err) => done({ answers: false, jetstream: false, reason: err.message }));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\r\n');
      if (end < 0) return;
      const line = buffer.slice(0, end);
      if (!line.startsWith('INFO '))
        return done({ answers: false, jetstream: false, reason: 'not a NATS server' });
      try {
        const info = JSON.parse(line.slice(5)) as { jetstream?: boolean; auth_required?: boolean };
        done({
          answers: true,
          jetstream: info.jetstream === true,
          authRequired: info.auth_required === true,
        });
      } catch {
        done({ answers: true, jetstream: false, reason: 'unreadable INFO line' });
      }
    });
  });
}

export class MissingNatsServerError extends Error {
  constructor() {
    super(
      [
        'No NATS server with JetStream answers at NATS_URL, and no `nats-server` binary was found to start one.',
        'Install one of:',
        '  - Debian/Ubuntu: sudo apt-get install nats-server',
        '  - the official release: https://github.com/nats-io/nats-server/releases (put `nats-server` on your PATH)',
        'or point NATS_URL at a running server started with `-js`.',
      ].join('\n'),
    );
    this.name = 'MissingNatsServerError';
  }
}

/** `nats-server` on the PATH; also /usr/sbin, where Debian puts it and a user's PATH often lacks. */
export function findNatsServer(searchPath = process.env.PATH ?? ''): string | undefined {
  const dirs = [...searchPath.split(path.delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

export interface LocalNatsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartNatsOptions {
  binary: string;
  storeDir: string;
  /** A config file (users and permissions); the port, address and store given here still apply. */
  configFile?: string;
  preferredPort?: number;
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

export async function startNatsServer({
  binary,
  storeDir,
  configFile,
  preferredPort = 4222,
  onLog = () => {},
  readyTimeoutMs = 10_000,
}: StartNatsOptions): Promise<LocalNatsServer> {
  await mkdir(storeDir, { recursive: true });
  const port = await preferredOrFreePort(preferredPort);
  const url = `nats://127.0.0.1:${port}`;
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  const child = spawn(binary, configFile ? ['-c', configFile, ...args] : args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) onLog(line);
    });
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (err) => {
      exited = true;
      onLog(`could not start ${binary}: ${err.message}`);
      resolve();
    });
  });
  // Synchronous last resort if our process exits without stop().
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + readyTimeoutMs;
  while (!exited && Date.now() < deadline) {
    if ((await probeNats(url, 500)).jetstream) return { url, port, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`nats-server did not come up with JetStream on port ${port}`);
}
