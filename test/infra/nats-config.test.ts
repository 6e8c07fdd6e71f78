import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bus, connectBus } from '@backoffice/kit';
import { hr as hrEvents } from '@backoffice/events';
import { BUS_USERS, passwordVariable } from '../../scripts/lib/bus-permissions.js';
import { findNatsServer, probeNats } from '../../scripts/lib/nats.js';
import { freePort } from '@backoffice/testkit';

/**
 * The committed infra/nats/nats.conf and users.conf, run for real on nats-server 2.9: ports, store
 * and certificate paths moved to a temp dir, passwords in NATS_PASSWORD_<USER> as a deployment gives
 * them. Shows that the server speaks TLS only and that a service connects the way the kit does with
 * NATS_TLS_CA_FILE, NATS_USER and NATS_PASSWORD.
 */
const NATS_DIR = path.join(import.meta.dirname, '..', '..', 'infra', 'nats');
const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
let server: ChildProcess | undefined;
let url: string;
// As docs/operations.md says to make them: nats-server parses an environment value as config, so a
// password starting with a digit may not load (a random base64 one failed this test about 1 run in 5).
const passwords = Object.fromEntries(BUS_USERS.map((u) => [u, `n${randomBytes(32).toString('hex')}`]));
const open: Bus[] = [];

const connectAs = (user: string, tls?: { caFile: string }, provision = false) =>
  connectBus({
    url,
    stream: 'BACKOFFICE',
    prefix: '',
    name: user,
    credentials: { user, password: passwords[user], tls },
    provision,
  }).then((bus) => {
    open.push(bus);
    return bus;
  });

beforeAll(async () => {
  if (!openssl) return;
  dir = mkdtempSync(path.join(tmpdir(), 'backoffice-nats-config-'));
  // A self-signed certificate for 127.0.0.1 that is its own CA, as a secret would mount it.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      path.join(dir, 'tls.key'),
      '-out',
      path.join(dir, 'tls.crt'),
      '-subj',
      '/CN=nats',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const conf = readFileSync(path.join(NATS_DIR, 'nats.conf'), 'utf8')
    .replace(/^port: 4222$/m, `port: ${port}\nhost: 127.0.0.1`)
    .replace(/^http_port: 8222$/m, `http: 127.0.0.1:${await freePort()}`)
    .replace(/store_dir: \/data/, `store_dir: ${path.join(dir, 'data')}`)
    .replaceAll('/etc/nats/tls/', `${dir}/`);
  writeFileSync(path.join(dir, 'nats.conf'), conf);
  writeFileSync(path.join(dir, 'users.conf'), readFileSync(path.join(NATS_DIR, 'users.conf')));
  const env = { ...process.env };
  for (const user of BUS_USERS) env[passwordVariable(user)] = passwords[user];
  const binary = findNatsServer();
  if (!binary) throw new Error('nats-server not found');
  server = spawn(binary, ['-c', path.join(dir, 'nats.conf')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (c) => {
    log += c;
  });
  url = `nats://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await probeNats(url, 200)).jetstream; i++) {
    if (server.exitCode !== null)
      throw new Error(`nats-server exited ${server.exitCode}: ${log.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await probeNats(url, 200)).jetstream)
    throw new Error(`nats-server did not answer: ${log.slice(-1500)}`);
});

afterAll(async () => {
  for (const bus of open) await bus.nc.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!openssl)(
  'infra/nats/nats.conf on nats-server 2.9 (needs openssl for a test certificate)',
  () => {
    it('asks for TLS and credentials', async () => {
      expect(await probeNats(url)).toMatchObject({ jetstream: true, authRequired: true });
    });

    it('a service connects over TLS with its CA, user and password, and publishes its own events', async () => {
      const ca = { caFile: path.join(dir, 'tls.crt') };
      // The stream first, as ops: a service's user may not create it.
      await connectAs('ops', ca, true);
      const hr = await connectAs('hr', ca);
      expect((await hr.js.publish(hrEvents.employeeHired.type, '{}')).stream).toBe('BACKOFFICE');
    });

    it('refuses a client that cannot verify the server’s certificate', async () => {
      // Without NATS_TLS_CA_FILE the client upgrades (the server requires TLS) but cannot verify it.
      const unverified = await connectAs('hr').catch((e: Error) => e);
      expect(unverified).toBeInstanceOf(Error);
      expect((unverified as Error).message).toMatch(/certificate|self.signed|tls/i);
    });
  },
);
