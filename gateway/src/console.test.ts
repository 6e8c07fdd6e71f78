import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type RunMode } from '@backoffice/kit';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHandler } from './console.js';

const jwt = {
  secret: 'console-test-secret-console-test-secret',
  jwksUrl: null,
  issuer: null,
  audience: null,
  usingDevSecret: false,
  maxTtlSeconds: 12 * 3600,
};
const log = createLogger('gateway', 'silent');
let dist: string;
const servers: Server[] = [];

async function serve(mode: RunMode, env: NodeJS.ProcessEnv = {}, jwtConfig = jwt): Promise<string> {
  const handle = createConsoleHandler({ mode, jwt: jwtConfig, log, distDir: dist, env });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    handle(req, res, url).then((handled) => {
      if (!handled) {
        res.statusCode = 418;
        res.end();
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'console-unit-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(dist, 'graphiql.html'), '<!doctype html><title>GraphiQL</title>');
  await writeFile(join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
});

afterAll(async () => {
  for (const server of servers) server.close();
  await rm(dist, { recursive: true, force: true });
});

describe('console routes', () => {
  it('serves hashed assets for a year, pages revalidated, and client routes from index.html', async () => {
    const origin = await serve('development');
    const asset = await fetch(`${origin}/console/assets/main-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const route = await fetch(`${origin}/console/people/42`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<title>console</title>');
    expect((await fetch(`${origin}/console/assets/gone.js`)).status).toBe(404);
    expect((await fetch(`${origin}/graphiql`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${origin}/console`, { redirect: 'manual' })).status).toBe(308);
    expect((await fetch(`${origin}/graphql`)).status).toBe(418);
  });

  it('never serves files outside the build', async () => {
    const origin = await serve('development');
    for (const path of [
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/..%2f..%2fpackage.json',
      '/console/%00.js',
    ]) {
      const res = await fetch(`${origin}${path}`);
      expect(await res.text()).not.toContain('"name"');
    }
  });

  it('mints a dev token for the chosen roles and employee in dev mode, from this machine', async () => {
    const origin = await serve('development');
    const res = await fetch(`${origin}/console/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['employee'], employeeId: 'e-42' }),
    });
    expect(res.status).toBe(200);
    const claims = decodeJwt(((await res.json()) as { token: string }).token);
    expect(claims).toMatchObject({ roles: ['employee'], employeeId: 'e-42', sub: 'dev-e-42' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
    const bad = await fetch(`${origin}/console/dev-login`, {
      method: 'POST',
      body: JSON.stringify({ roles: ['root'] }),
    });
    expect(bad.status).toBe(400);
    expect(
      ((await (await fetch(`${origin}/console/config.json`)).json()) as { devLogin: boolean }).devLogin,
    ).toBe(true);
  });

  it("tells the console the company's country (NL by default), which picks its default language", async () => {
    const country = async (env: NodeJS.ProcessEnv) =>
      (
        (await (await fetch(`${await serve('development', env)}/console/config.json`)).json()) as {
          country: string | null;
        }
      ).country;
    expect(await country({})).toBe('NL');
    expect(await country({ COUNTRY: 'de' })).toBe('DE');
    expect(await country({ COUNTRY: 'Netherlands' })).toBeNull();
  });

  it('refuses the dev login in production and offers the OIDC issuer instead', async () => {
    const origin = await serve('production', {
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'console',
    });
    const res = await fetch(`${origin}/console/dev-login`, { method: 'POST', body: '{"roles":["admin"]}' });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('token');
    const config = (await (await fetch(`${origin}/console/config.json`)).json()) as {
      devLogin: boolean;
      oidc: { issuer: string; clientId: string };
    };
    expect(config).toMatchObject({
      devLogin: false,
      oidc: { issuer: 'https://id.example.com', clientId: 'console' },
    });
    const page = await fetch(`${origin}/console/`);
    expect(page.headers.get('content-security-policy')).toContain(
      "connect-src 'self' https://id.example.com",
    );
  });
});

/** A raw request, so the Host and forwarding headers are exactly what a browser or proxy would send. */
function rawPost(origin: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: '/console/dev-login', method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{"roles":["admin"]}');
  });
}

describe('the dev login fails closed', () => {
  it('is a 404 when dev mode was not said (BACKOFFICE_DEV unset), though the secret is there', async () => {
    const origin = await serve('unmarked');
    const res = await fetch(`${origin}/console/dev-login`, { method: 'POST', body: '{"roles":["admin"]}' });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('token');
    expect(
      ((await (await fetch(`${origin}/console/config.json`)).json()) as { devLogin: boolean }).devLogin,
    ).toBe(false);
  });

  it('is a 404 through a reverse proxy on this machine (forwarding headers)', async () => {
    const origin = await serve('development');
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const answer = await rawPost(origin, { [header]: '203.0.113.9', host: '127.0.0.1' });
      expect(answer.status, header).toBe(404);
      expect(answer.body).not.toContain('token');
    }
  });

  it('is a 404 for a page that rebinds its own name to 127.0.0.1 (Host is not loopback)', async () => {
    const origin = await serve('development');
    const rebound = await rawPost(origin, { host: 'attacker.example:4000' });
    expect(rebound.status).toBe(404);
    expect((await rawPost(origin, { host: `localhost:${new URL(origin).port}` })).status).toBe(200);
  });

  it('never mints longer than JWT_MAX_TTL', async () => {
    const origin = await serve('development', {}, { ...jwt, maxTtlSeconds: 3600 });
    const res = await fetch(`${origin}/console/dev-login`, { method: 'POST', body: '{"roles":["hr"]}' });
    const { token, expiresIn } = (await res.json()) as { token: string; expiresIn: number };
    const claims = decodeJwt(token);
    expect(expiresIn).toBe(3600);
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });
});
