import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEV_INTERNAL_SIGNING_KEY, DEV_JWT_SECRET } from '@backoffice/kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from './config.js';

const KEY = 'an-internal-signing-key-for-tests';
const SECRET = 'a-production-jwt-secret-of-32-characters!';

describe('loadGatewayConfig', () => {
  it('has the contract defaults and warns about the dev secret', () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(4000);
    expect(config.limits).toEqual({
      maxQueryDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 5000,
      maxBodyBytes: 8388608,
      maxCost: 25000,
    });
    expect(config.security).toMatchObject({
      introspection: 'open',
      rateLimitPerMinute: 600,
      persistedQueriesOnly: false,
      adhocQueryRoles: ['analyst', 'admin'],
    });
    expect(config.supergraphPath).toBe(DEFAULT_SUPERGRAPH_PATH);
    expect(config.jwt).toMatchObject({ secret: DEV_JWT_SECRET, usingDevSecret: true, jwksUrl: null });
    expect(config.warnings.join()).toMatch(/dev secret/);
    expect(config.subgraphUrls.hr).toBe('http://127.0.0.1:4001/graphql');
  });

  it('reads overrides', () => {
    const config = loadGatewayConfig({
      GATEWAY_PORT: '0',
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'https://idp.test',
      JWT_AUDIENCE: 'backoffice',
      MAX_QUERY_DEPTH: '8',
      MAX_ALIASES: '10',
      MAX_TOKENS: '1000',
      MAX_BODY_BYTES: '2048',
      SUPERGRAPH_PATH: '/tmp/sg.graphql',
      HR_URL: 'http://hr:9/graphql',
    });
    expect(config.port).toBe(0);
    expect(config.jwt).toMatchObject({
      secret: SECRET,
      issuer: 'https://idp.test',
      audience: 'backoffice',
      usingDevSecret: false,
    });
    expect(config.limits).toMatchObject({
      maxQueryDepth: 8,
      maxAliases: 10,
      maxTokens: 1000,
      maxBodyBytes: 2048,
    });
    expect(config.supergraphPath).toBe('/tmp/sg.graphql');
    expect(config.subgraphUrls.hr).toBe('http://hr:9/graphql');
    expect(config.warnings).toEqual([]);
  });

  it('reads JWT_SECRET_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    try {
      writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
      expect(loadGatewayConfig({ JWT_SECRET_FILE: join(dir, 'secret') }).jwt.secret).toBe(SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every bad value at once', () => {
    const bad = () => loadGatewayConfig({ GATEWAY_PORT: 'x', MAX_ALIASES: '-1', JWT_JWKS_URL: 'nope' });
    expect(bad).toThrow(/GATEWAY_PORT: expected an integer/);
    expect(bad).toThrow(/MAX_ALIASES: expected an integer >= 0, got "-1"/);
    expect(bad).toThrow(/JWT_JWKS_URL: not a URL/);
  });

  it('refuses to start in production without a real JWT secret or JWKS, or without the signing key', () => {
    const production = { NODE_ENV: 'production', INTERNAL_SIGNING_KEY: KEY };
    expect(() => loadGatewayConfig(production)).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...production, JWT_SECRET: DEV_JWT_SECRET })).toThrow(/dev secret/);
    expect(() => loadGatewayConfig({ ...production, JWT_SECRET: 'short' })).toThrow(/32 characters/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(
      /INTERNAL_SIGNING_KEY/,
    );
    expect(() => loadGatewayConfig({ ...production, JWT_JWKS_URL: 'http://idp/jwks' })).toThrow(/https/);
    expect(loadGatewayConfig({ ...production, JWT_SECRET: SECRET }).nodeEnv).toBe('production');
    expect(loadGatewayConfig({ ...production, JWT_JWKS_URL: 'https://idp.test/jwks' }).jwt.secret).toBeNull();
  });

  it('refuses the dev signing key and open introspection in production; authenticated by default', () => {
    const production = { NODE_ENV: 'production', INTERNAL_SIGNING_KEY: KEY, JWT_SECRET: SECRET };
    expect(loadGatewayConfig(production).security.introspection).toBe('authenticated');
    expect(() => loadGatewayConfig({ ...production, INTROSPECTION: 'open' })).toThrow(/INTROSPECTION/);
    expect(loadGatewayConfig({ ...production, INTROSPECTION: 'off' }).security.introspection).toBe('off');
    expect(() =>
      loadGatewayConfig({ ...production, INTERNAL_SIGNING_KEY: DEV_INTERNAL_SIGNING_KEY }),
    ).toThrow(/dev key/);
    expect(() => loadGatewayConfig({ INTROSPECTION: 'sometimes' })).toThrow(/INTROSPECTION: expected one of/);
  });

  it('reads the persisted-query manifest, and needs one in PERSISTED_QUERIES_ONLY mode', () => {
    expect(() => loadGatewayConfig({ PERSISTED_QUERIES_ONLY: 'true' })).toThrow(/PERSISTED_QUERIES_PATH/);
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    try {
      const hash = 'a'.repeat(64);
      writeFileSync(join(dir, 'ok.json'), JSON.stringify({ [hash]: '{ me { id } }' }));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ nope: '{ me { id } }' }));
      const config = loadGatewayConfig({
        PERSISTED_QUERIES_ONLY: 'true',
        PERSISTED_QUERIES_PATH: join(dir, 'ok.json'),
        ADHOC_QUERY_ROLES: 'analyst, controller',
        RATE_LIMIT_PER_MINUTE: '0',
      });
      expect(config.security.persistedQueries.get(hash)).toBe('{ me { id } }');
      expect(config.security.adhocQueryRoles).toEqual(['analyst', 'controller']);
      expect(config.security.rateLimitPerMinute).toBe(0);
      expect(() => loadGatewayConfig({ PERSISTED_QUERIES_PATH: join(dir, 'bad.json') })).toThrow(/bad entry/);
      expect(() => loadGatewayConfig({ ADHOC_QUERY_ROLES: 'root' })).toThrow(/unknown roles root/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
