import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectBus, SERVICE_NAMES, streamMaxAge } from '@backoffice/kit';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureInfrastructure, type Infrastructure, redactUrl } from './infra.js';
import { MissingNatsServerError, probeNats } from './lib/nats.js';
import { freePort } from '@backoffice/testkit';
import { probePostgres } from './lib/postgres.js';

const SHARED_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SHARED_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backoffice-infra-'));
  // As root, embedded Postgres runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  return dir;
}

describe('ensureInfrastructure', () => {
  let infra: Infrastructure | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await infra?.stop();
    infra = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  it('uses the Postgres and NATS that already answer, and starts nothing', async () => {
    dataDir = tempDataDir();
    const messages: string[] = [];
    infra = await ensureInfrastructure({
      dataDir,
      databaseUrl: SHARED_DATABASE_URL,
      natsUrl: SHARED_NATS_URL,
      log: (m) => messages.push(m),
    });
    // The shared server has no users: said out loud, since the permissions then protect nothing.
    expect(messages.join('\n')).toMatch(/using NATS at .* without users or permissions/);
    expect(infra.natsLogins).toBeUndefined();
    expect(infra).toMatchObject({
      databaseUrl: SHARED_DATABASE_URL,
      natsUrl: SHARED_NATS_URL,
      started: { postgres: false, nats: false },
    });
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
  });

  it('starts an embedded Postgres when nothing answers at DATABASE_URL', { timeout: 120_000 }, async () => {
    dataDir = tempDataDir();
    const unused = await freePort();
    const messages: string[] = [];
    infra = await ensureInfrastructure({
      dataDir,
      databaseUrl: `postgres://postgres@127.0.0.1:${unused}/postgres`,
      natsUrl: SHARED_NATS_URL,
      // 5432 is taken by the shared server here, so this also covers "pick another free port".
      postgresPort: 5432,
      log: (m) => messages.push(m),
    });
    expect(infra.started).toEqual({ postgres: true, nats: false });
    expect(infra.databaseUrl).not.toBe(SHARED_DATABASE_URL);
    expect(messages.join('\n')).toMatch(/starting an embedded one/);

    const client = new pg.Client({ connectionString: infra.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('select version()');
      expect(rows[0].version).toMatch(/^PostgreSQL 17/);
      // Services create their own databases at start; the embedded server must allow that.
      await client.query('create database backoffice_infra_check');
      await client.query('drop database backoffice_infra_check');
    } finally {
      await client.end();
    }
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    const url = infra.databaseUrl;
    await infra.stop();
    infra = undefined;
    expect((await probePostgres(url, 1_000)).ok).toBe(false);
  });

  it('starts nats-server with JetStream when nothing answers at NATS_URL', { timeout: 60_000 }, async () => {
    dataDir = tempDataDir();
    const unused = await freePort();
    infra = await ensureInfrastructure({
      dataDir,
      databaseUrl: SHARED_DATABASE_URL,
      natsUrl: `nats://127.0.0.1:${unused}`,
      natsPort: await freePort(),
    });
    expect(infra.started).toEqual({ postgres: false, nats: true });
    expect(await probeNats(infra.natsUrl)).toMatchObject({ jetstream: true, authRequired: true });
    expect(existsSync(path.join(dataDir, 'nats'))).toBe(true);
    // A user per service and ops, each password owner-only; the ops user has provisioned the stream.
    const logins = infra.natsLogins;
    expect(Object.keys(logins ?? {}).sort()).toEqual([...SERVICE_NAMES, 'ops'].sort());
    for (const login of Object.values(logins ?? {})) {
      expect(statSync(login.passwordFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(login.passwordFile, 'utf8').trim()).toBe(login.password);
    }
    const ops = await connectBus({
      url: infra.natsUrl,
      stream: 'BACKOFFICE',
      prefix: '',
      name: 'ops',
      credentials: { user: 'ops', password: logins?.ops.password },
    });
    expect((await ops.jsm.streams.info('BACKOFFICE')).config.max_age).toBe(streamMaxAge(7));
    await ops.nc.close();

    const url = infra.natsUrl;
    await infra.stop();
    infra = undefined;
    expect((await probeNats(url, 500)).answers).toBe(false);

    // The next start keeps the passwords (services that saved them still connect).
    infra = await ensureInfrastructure({
      dataDir,
      databaseUrl: SHARED_DATABASE_URL,
      natsUrl: `nats://127.0.0.1:${unused}`,
      natsPort: await freePort(),
    });
    expect(infra.natsLogins?.hr.password).toBe(logins?.hr.password);
  });

  it('explains how to get nats-server when there is none to start', async () => {
    dataDir = tempDataDir();
    const error = await ensureInfrastructure({
      dataDir,
      databaseUrl: SHARED_DATABASE_URL,
      natsUrl: `nats://127.0.0.1:${await freePort()}`,
      natsServerBinary: null,
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MissingNatsServerError);
    expect((error as Error).message).toMatch(/apt-get install nats-server/);
    expect((error as Error).message).toMatch(/github\.com\/nats-io\/nats-server\/releases/);
  });

  it('refuses a Postgres that answers but rejects the connection instead of starting another', async () => {
    dataDir = tempDataDir();
    const error = await ensureInfrastructure({
      dataDir,
      databaseUrl: SHARED_DATABASE_URL.replace(/\/[^/]*$/, '/backoffice_no_such_database'),
      natsUrl: SHARED_NATS_URL,
    }).catch((err: unknown) => err);
    expect((error as Error).message).toMatch(/answered but refused/);
  });
});

describe('probeNats', () => {
  it('reports JetStream from the INFO line of the shared server', async () => {
    expect(await probeNats(SHARED_NATS_URL)).toMatchObject({ answers: true, jetstream: true });
  });

  it('reports no answer on an unused port', async () => {
    expect(await probeNats(`nats://127.0.0.1:${await freePort()}`)).toMatchObject({ answers: false });
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('postgres://postgres:secret@127.0.0.1:5433/postgres')).toBe(
      'postgres://postgres:***@127.0.0.1:5433/postgres',
    );
  });
});
