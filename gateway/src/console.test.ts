import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@backoffice/kit';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHandler } from './console.js';

const jwt = {
  secret: 'console-test-secret-console-test-secret',
  jwksUrl: null,
  issuer: null,
  audience: null,
  usingDevSecret: false,
};
const log = createLogger('gateway', 'silent');
let dist: string;
const servers: Server[] = [];

async function serve(
  nodeEnv: 'development' | 'production' | 'test',
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const handle = createConsoleHandler({ nodeEnv, jwt, log, distDir: dist, env });
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

  it('mints a dev token for the chosen roles and employee outside production', async () => {
    const origin = await serve('development');
    const res = await fetch(`${origin}/console/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['employee'], employeeId: 'e-42' }),
    });
    expect(res.status).toBe(200);
    const claims = decodeJwt(((await res.json()) as { token: string }).token);
    expect(claims).toMatchObject({ roles: ['employee'], employeeId: 'e-42', sub: 'dev-e-42' });
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
    expect(res.status).toBe(403);
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
