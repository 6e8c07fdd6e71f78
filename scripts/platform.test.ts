import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVICE_NAMES } from '@backoffice/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, platformEnv, PlatformStartError, prefixingSink, startPlatform } from '@backoffice/testkit';

const STAND_IN = new URL('./test-fixtures/stand-in-main.ts', import.meta.url).pathname;

/** A folder shaped like the repository, where every package's src/main.ts is the stand-in. */
function standInRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'backoffice-platform-'));
  for (const dir of [...SERVICE_NAMES.map((n) => path.join('services', n)), 'gateway']) {
    mkdirSync(path.join(root, dir, 'src'), { recursive: true });
    copyFileSync(STAND_IN, path.join(root, dir, 'src', 'main.ts'));
  }
  return root;
}

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ports() {
  const servicePorts = {
    hr: await freePort(),
    accounting: await freePort(),
    documents: await freePort(),
    catalog: await freePort(),
  };
  return { servicePorts, compliance: await freePort(), it: await freePort(), gatewayPort: await freePort() };
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

// Real child processes (node + tsx each): generous limits for a busy 2-core CI host.
describe('startPlatform', { timeout: 90_000 }, () => {
  let root: string;
  beforeAll(() => {
    root = standInRoot();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts every subgraph and then the gateway on the chosen ports, and stops them all', async () => {
    const p = await ports();
    const servicePorts = { ...p.servicePorts, compliance: p.compliance, it: p.it };
    const lines: string[] = [];
    const platform = await startPlatform({
      rootDir: root,
      servicePorts,
      gatewayPort: p.gatewayPort,
      env: { DATABASE_URL: 'postgres://example/x' },
      log: (name, line) => lines.push(`${name}: ${line}`),
    });
    try {
      expect(platform.gatewayUrl).toBe(`http://127.0.0.1:${p.gatewayPort}/graphql`);
      expect(platform.processes.map((x) => x.name)).toEqual([...SERVICE_NAMES, 'gateway']);
      const res = await fetch(`${platform.gatewayOrigin}/env`);
      const { env } = (await res.json()) as { env: Record<string, string> };
      expect(env.DATABASE_URL).toBe('postgres://example/x');
      expect(env.GATEWAY_PORT).toBe(String(p.gatewayPort));
      expect(env.IT_URL).toBe(`http://127.0.0.1:${p.it}/graphql`);
      expect(env.HR_PORT).toBe(String(p.servicePorts.hr));
      for (const proc of platform.processes) {
        expect((await fetch(`${proc.origin}/ready`)).status).toBe(200);
      }
      expect(lines).toContain(`gateway: gateway listening on ${p.gatewayPort}`);
    } finally {
      await platform.stop();
    }
    for (const proc of platform.processes) expect(isAlive(proc.managed.pid)).toBe(false);
    // A second stop is harmless.
    await platform.stop();
  });

  it('rejects with the last lines of a process that dies while starting, and stops the others', async () => {
    const p = await ports();
    const error = await startPlatform({
      rootDir: root,
      services: ['hr', 'it'],
      servicePorts: { hr: p.servicePorts.hr, it: p.it },
      gatewayPort: p.gatewayPort,
      env: { STAND_IN_FAIL: 'it' },
      log: 'silent',
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PlatformStartError);
    expect((error as PlatformStartError).processName).toBe('it');
    expect((error as Error).message).toMatch(/it exited with code 3 while starting/);
    expect((error as Error).message).toMatch(/cannot connect to the database/);
    // hr was started too; nothing may answer on its port any more.
    await expect(fetch(`http://127.0.0.1:${p.servicePorts.hr}/health`)).rejects.toThrow();
  });

  it('names the process that cannot be started at all', async () => {
    const p = await ports();
    const error = await startPlatform({
      rootDir: path.join(root, 'missing'),
      services: ['hr'],
      servicePorts: { hr: p.servicePorts.hr },
      gateway: false,
      log: 'silent',
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PlatformStartError);
    expect((error as Error).message).toMatch(/^hr /);
  });

  it('refuses ports for some services and not the others, which would take their fixed defaults', async () => {
    const p = await ports();
    const error = await startPlatform({
      rootDir: root,
      services: ['hr', 'catalog'],
      servicePorts: { hr: p.servicePorts.hr },
      gateway: false,
      log: 'silent',
    }).catch((err: unknown) => err);
    expect((error as Error).message).toMatch(/no port for catalog/);
    await expect(fetch(`http://127.0.0.1:${p.servicePorts.hr}/health`)).rejects.toThrow();
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const p = await ports();
    const platform = await startPlatform({
      rootDir: root,
      services: ['hr'],
      gateway: false,
      servicePorts: { hr: p.servicePorts.hr },
      env: { STAND_IN_IGNORE_SIGTERM: 'hr' },
      stopTimeoutMs: 500,
      log: 'silent',
    });
    const started = Date.now();
    await platform.stop();
    const [hr] = platform.processes;
    expect(await hr.managed.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(hr.managed.lastLines()).toContain('ignoring SIGTERM');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a process that dies after start', async () => {
    const p = await ports();
    const platform = await startPlatform({
      rootDir: root,
      services: ['hr'],
      gateway: false,
      servicePorts: { hr: p.servicePorts.hr },
      log: 'silent',
    });
    try {
      platform.processes[0].managed.child.kill('SIGKILL');
      const exit = await platform.unexpectedExit;
      expect(exit).toMatchObject({ name: 'hr', exit: { signal: 'SIGKILL' } });
    } finally {
      await platform.stop();
    }
  });

  it('leaves no orphans when the parent is killed with SIGKILL', async () => {
    const p = await ports();
    const parent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./test-fixtures/platform-parent.ts', import.meta.url).pathname,
        root,
        JSON.stringify([p.servicePorts.hr, p.it, p.gatewayPort]),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pids = await new Promise<number[]>((resolve, reject) => {
      parent.stdout.setEncoding('utf8');
      parent.stdout.once('data', (chunk: string) => resolve(JSON.parse(chunk) as number[]));
      parent.once('exit', (code) => reject(new Error(`parent exited early with ${code}`)));
    });
    expect(pids).toHaveLength(3);
    expect(pids.every(isAlive)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitUntil(() => !pids.some(isAlive), 8_000)).toBe(true);
  });
});

describe('platformEnv', () => {
  it('gives the gateway a URL per subgraph and every process its port', () => {
    const env = platformEnv({ hr: 1, accounting: 2, documents: 3, compliance: 4, it: 5, catalog: 6 }, 9);
    expect(env).toMatchObject({
      GATEWAY_PORT: '9',
      HR_PORT: '1',
      HR_URL: 'http://127.0.0.1:1/graphql',
      COMPLIANCE_URL: 'http://127.0.0.1:4/graphql',
      IT_PORT: '5',
      CATALOG_URL: 'http://127.0.0.1:6/graphql',
    });
  });

  it('lists replicas of a subgraph after its first URL, for the gateway to spread calls over', () => {
    const env = platformEnv({ hr: 1, accounting: 2, documents: 3, compliance: 4, it: 5, catalog: 6 }, 9, {
      hr: [11, 12],
    });
    expect(env.HR_URL).toBe(
      'http://127.0.0.1:1/graphql,http://127.0.0.1:11/graphql,http://127.0.0.1:12/graphql',
    );
    expect(env.HR_PORT).toBe('1');
    expect(env.IT_URL).toBe('http://127.0.0.1:5/graphql');
  });
});

describe('prefixingSink', () => {
  it('pads names so the columns line up, and stays plain without a terminal', () => {
    let out = '';
    const sink = prefixingSink({ width: 10, color: false, write: (t) => (out += t) });
    sink('hr', 'listening');
    sink('compliance', 'ready');
    expect(out).toBe('hr         | listening\ncompliance | ready\n');
  });

  it('colours the name on a terminal', () => {
    let out = '';
    prefixingSink({ width: 2, color: true, write: (t) => (out += t) })('hr', 'x');
    expect(out).toBe('\x1b[36mhr |\x1b[0m x\n');
  });
});
