import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEV_JWT_SECRET, devSigningKey, generateSigningKey } from '@backoffice/kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from './config.js';

const SECRET = 'a-production-jwt-secret-of-32-characters!';
/** A value as `openssl rand -base64 48` makes it: what production should have. */
const STRONG_SECRET = randomBytes(48).toString('base64');
const DEV = { BACKOFFICE_DEV: '1' };
/** The gateway's own key pair, and the public keys everyone trusts (a service's among them). */
const GATEWAY = generateSigningKey();
const HR = generateSigningKey();
const KEYS = {
  SIGNING_KEY: GATEWAY.signingKey,
  TRUSTED_KEYS: JSON.stringify({ gateway: [GATEWAY.publicKey], hr: [HR.publicKey] }),
};
const PRODUCTION = {
  NODE_ENV: 'production',
  ...KEYS,
  JWT_ISSUER: 'https://idp.example.org',
  JWT_AUDIENCE: 'backoffice',
};

describe('loadGatewayConfig', () => {
  it('has the contract defaults and warns about the dev secret', () => {
    const config = loadGatewayConfig(DEV);
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
    expect(config.jwt.maxTtlSeconds).toBe(12 * 3600);
    expect(config.host).toBe('127.0.0.1');
    expect(config.subgraphUrls.hr).toBe('http://127.0.0.1:4001/graphql');
  });

  it('reads overrides', () => {
    const config = loadGatewayConfig({
      ...DEV,
      GATEWAY_PORT: '0',
      JWT_SECRET: SECRET,
      JWT_MAX_TTL: '90m',
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
      maxTtlSeconds: 5400,
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
      expect(loadGatewayConfig({ ...DEV, JWT_SECRET_FILE: join(dir, 'secret') }).jwt.secret).toBe(SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every bad value at once', () => {
    const bad = () =>
      loadGatewayConfig({
        ...DEV,
        GATEWAY_PORT: 'x',
        MAX_ALIASES: '-1',
        JWT_JWKS_URL: 'nope',
        JWT_MAX_TTL: 'ever',
      });
    expect(bad).toThrow(/GATEWAY_PORT: expected an integer/);
    expect(bad).toThrow(/MAX_ALIASES: expected an integer >= 0, got "-1"/);
    expect(bad).toThrow(/JWT_JWKS_URL: not a URL/);
    expect(bad).toThrow(/JWT_MAX_TTL: expected a duration/);
  });

  it('refuses to start in production without a real JWT secret or JWKS, or without the signing key', () => {
    const production = PRODUCTION;
    expect(() => loadGatewayConfig(production)).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...production, JWT_SECRET: DEV_JWT_SECRET })).toThrow(/dev secret/);
    expect(() => loadGatewayConfig({ ...production, JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadGatewayConfig({ ...production, SIGNING_KEY: '', JWT_SECRET: STRONG_SECRET })).toThrow(
      /SIGNING_KEY .*required outside dev mode/,
    );
    expect(() => loadGatewayConfig({ ...production, TRUSTED_KEYS: '', JWT_SECRET: STRONG_SECRET })).toThrow(
      /TRUSTED_KEYS .*required outside dev mode/,
    );
    expect(() => loadGatewayConfig({ ...production, JWT_JWKS_URL: 'http://idp/jwks' })).toThrow(/https/);
    expect(loadGatewayConfig({ ...production, JWT_SECRET: STRONG_SECRET }).mode).toBe('production');
    expect(loadGatewayConfig({ ...production, JWT_JWKS_URL: 'https://idp.test/jwks' }).jwt.secret).toBeNull();
  });

  it('refuses the dev signing key and open introspection in production; authenticated by default', () => {
    const production = { ...PRODUCTION, JWT_SECRET: STRONG_SECRET };
    expect(loadGatewayConfig(production).security.introspection).toBe('authenticated');
    expect(() => loadGatewayConfig({ ...production, INTROSPECTION: 'open' })).toThrow(/INTROSPECTION/);
    expect(loadGatewayConfig({ ...production, INTROSPECTION: 'off' }).security.introspection).toBe('off');
    expect(() => loadGatewayConfig({ ...production, SIGNING_KEY: devSigningKey('gateway') })).toThrow(
      /SIGNING_KEY: a dev key/,
    );
    // A weak key of the right length: typed text, not generated.
    const typed = Buffer.from('the-gateway-signing-key-2024-abc').toString('base64url');
    expect(() => loadGatewayConfig({ ...production, SIGNING_KEY: typed })).toThrow(/printable text/);
    expect(() => loadGatewayConfig({ ...DEV, INTROSPECTION: 'sometimes' })).toThrow(
      /INTROSPECTION: expected one of/,
    );
  });

  it('signs with its own key outside dev mode: never a dev key, never a key trusted for a service', () => {
    const production = { ...PRODUCTION, JWT_SECRET: STRONG_SECRET };
    expect(loadGatewayConfig(production).keyring.kid).toBe(GATEWAY.kid);
    const { SIGNING_KEY: _s, ...noKey } = production;
    expect(() => loadGatewayConfig(noKey)).toThrow(/SIGNING_KEY .*required outside dev mode/);
    expect(() => loadGatewayConfig({ ...production, SIGNING_KEY: devSigningKey('gateway') })).toThrow(
      /dev key/,
    );
    // hr's key in the gateway's place: nobody would believe it speaks for the gateway.
    expect(() => loadGatewayConfig({ ...production, SIGNING_KEY: HR.signingKey })).toThrow(
      /not among TRUSTED_KEYS.gateway/,
    );
    // Dev mode: the derived dev key stands in.
    expect(loadGatewayConfig(DEV).keyring.self).toBe('gateway');
  });

  it('production needs JWT_ISSUER and JWT_AUDIENCE, with a secret and with a JWKS', () => {
    for (const keys of [{ JWT_SECRET: STRONG_SECRET }, { JWT_JWKS_URL: 'https://idp.test/jwks' }]) {
      const { JWT_ISSUER: _i, ...noIssuer } = { ...PRODUCTION, ...keys };
      const { JWT_AUDIENCE: _a, ...noAudience } = { ...PRODUCTION, ...keys };
      expect(() => loadGatewayConfig(noIssuer)).toThrow(/JWT_ISSUER and JWT_AUDIENCE are required/);
      expect(() => loadGatewayConfig(noAudience)).toThrow(/JWT_ISSUER and JWT_AUDIENCE are required/);
      expect(() => loadGatewayConfig({ ...PRODUCTION, ...keys, JWT_AUDIENCE: '  ' })).toThrow(/JWT_AUDIENCE/);
    }
  });

  it('production refuses placeholder and low-entropy JWT secrets, the example from infra/k8s included', () => {
    for (const weak of [
      SECRET,
      'change-me-at-least-32-random-characters',
      'security-suite-jwt-secret-with-plenty-of-length-42',
      'x'.repeat(64),
    ])
      expect(() => loadGatewayConfig({ ...PRODUCTION, JWT_SECRET: weak }), weak).toThrow(/JWT_SECRET/);
  });

  it('turns HS256 off when a JWKS is configured, whatever JWT_SECRET says', () => {
    const both = loadGatewayConfig({
      ...PRODUCTION,
      JWT_SECRET: STRONG_SECRET,
      JWT_JWKS_URL: 'https://idp.test/jwks',
    });
    expect(both.jwt.secret).toBeNull();
    expect(both.warnings.join()).toMatch(/JWT_SECRET is ignored/);
    expect(
      loadGatewayConfig({ ...DEV, JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://idp.test/jwks' }).jwt.secret,
    ).toBeNull();
  });

  it('fails closed when neither production nor dev mode is said: no dev secret, no dev key', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      expect(() => loadGatewayConfig({ NODE_ENV })).toThrow(/BACKOFFICE_DEV=1/);
      expect(() => loadGatewayConfig({ NODE_ENV, ...KEYS })).toThrow(/JWT_SECRET .* dev mode is not on/);
      expect(() => loadGatewayConfig({ NODE_ENV, ...KEYS, JWT_SECRET: DEV_JWT_SECRET })).toThrow(
        /dev secret is accepted only with BACKOFFICE_DEV=1/,
      );
      expect(() => loadGatewayConfig({ NODE_ENV, JWT_SECRET: SECRET })).toThrow(
        /SIGNING_KEY and TRUSTED_KEYS .* required outside dev mode.*BACKOFFICE_DEV=1/,
      );
      expect(() =>
        loadGatewayConfig({ NODE_ENV, ...KEYS, SIGNING_KEY: devSigningKey('gateway'), JWT_SECRET: SECRET }),
      ).toThrow(/SIGNING_KEY: a dev key .*accepted only with BACKOFFICE_DEV=1/);
      const explicit = loadGatewayConfig({ NODE_ENV, JWT_SECRET: SECRET, ...KEYS });
      expect(explicit.mode).toBe('unmarked');
      expect(explicit.host).toBe('127.0.0.1');
    }
  });

  it('listens on every interface in production by default, as containers need; GATEWAY_HOST or LISTEN_HOST narrow it', () => {
    const production = { ...PRODUCTION, JWT_SECRET: STRONG_SECRET };
    expect(loadGatewayConfig(production).host).toBeUndefined();
    expect(loadGatewayConfig({ ...production, LISTEN_HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(loadGatewayConfig({ ...DEV, GATEWAY_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads the persisted-query manifest, and needs one in PERSISTED_QUERIES_ONLY mode', () => {
    expect(() => loadGatewayConfig({ ...DEV, PERSISTED_QUERIES_ONLY: 'true' })).toThrow(
      /PERSISTED_QUERIES_PATH/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    try {
      const hash = 'a'.repeat(64);
      writeFileSync(join(dir, 'ok.json'), JSON.stringify({ [hash]: '{ me { id } }' }));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ nope: '{ me { id } }' }));
      const config = loadGatewayConfig({
        ...DEV,
        PERSISTED_QUERIES_ONLY: 'true',
        PERSISTED_QUERIES_PATH: join(dir, 'ok.json'),
        ADHOC_QUERY_ROLES: 'analyst, controller',
        RATE_LIMIT_PER_MINUTE: '0',
      });
      expect(config.security.persistedQueries.get(hash)).toBe('{ me { id } }');
      expect(config.security.adhocQueryRoles).toEqual(['analyst', 'controller']);
      expect(config.security.rateLimitPerMinute).toBe(0);
      expect(() => loadGatewayConfig({ ...DEV, PERSISTED_QUERIES_PATH: join(dir, 'bad.json') })).toThrow(
        /bad entry/,
      );
      expect(() => loadGatewayConfig({ ...DEV, ADHOC_QUERY_ROLES: 'root' })).toThrow(/unknown roles root/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
