import { describe, expect, it } from 'vitest';
import {
  devSigningKey,
  devTrustedKeys,
  generateSigningKey,
  loadKeyring,
  PRINCIPALS,
  type Principal,
} from './auth/keys.js';
import { ConfigError, platformConfig } from './config.js';

/** Every principal's key pair, as `pnpm keys:generate` makes them. */
const PAIRS = new Map(PRINCIPALS.map((p) => [p as Principal, generateSigningKey()]));
const TRUSTED_KEYS = JSON.stringify(Object.fromEntries([...PAIRS].map(([p, k]) => [p, [k.publicKey]])));
const HR = PAIRS.get('hr') as ReturnType<typeof generateSigningKey>;
const KEYS = { SIGNING_KEY: HR.signingKey, TRUSTED_KEYS };

/** What a process does at start: the platform settings (and so the mode), then its own keyring. */
function startAsHr(env: NodeJS.ProcessEnv) {
  const config = platformConfig(env);
  return { config, keyring: loadKeyring('hr', config.mode, env) };
}

/** A 32-byte seed in base64url, as SIGNING_KEY takes it. */
const seed = (bytes: Buffer) => bytes.toString('base64url');

describe('signing keys by mode', () => {
  it('signs with SIGNING_KEY and trusts TRUSTED_KEYS, in production and when NODE_ENV is unset', () => {
    for (const NODE_ENV of ['production', undefined])
      expect(startAsHr({ NODE_ENV, ...KEYS }).keyring.kid).toBe(HR.kid);
  });

  it('uses the dev keys only in dev mode, and refuses a half that leaves it unbelieved', () => {
    const dev = { BACKOFFICE_DEV: '1' };
    expect(
      startAsHr(dev).keyring.verify('gateway', 'x', loadKeyring('gateway', 'development', {}).sign('x')),
    ).toBe(true);
    expect(() => startAsHr({ NODE_ENV: 'production' })).toThrow(/SIGNING_KEY and TRUSTED_KEYS .*required/);
    // The old "PREVIOUS without current": trusting real keys while signing with the dev key, or the
    // reverse, is a process nobody would believe; it refuses to start rather than fail every message.
    expect(() => startAsHr({ ...dev, TRUSTED_KEYS })).toThrow(/not among TRUSTED_KEYS.hr/);
    expect(() => startAsHr({ ...dev, SIGNING_KEY: HR.signingKey })).toThrow(/not among TRUSTED_KEYS.hr/);
  });
});

describe('run modes: fail closed', () => {
  it('NODE_ENV unset, development or test is not dev mode: no dev key without BACKOFFICE_DEV=1', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      expect(() => startAsHr({ NODE_ENV })).toThrow(/BACKOFFICE_DEV=1/);
      expect(() => startAsHr({ NODE_ENV, TRUSTED_KEYS })).toThrow(/SIGNING_KEY .*required outside dev mode/);
      expect(startAsHr({ NODE_ENV, ...KEYS }).config.mode).toBe('unmarked');
    }
  });

  it('BACKOFFICE_DEV=1 is development, or test with NODE_ENV=test; never with production', () => {
    expect(platformConfig({ BACKOFFICE_DEV: '1' }).mode).toBe('development');
    expect(platformConfig({ BACKOFFICE_DEV: '1', NODE_ENV: 'test' }).mode).toBe('test');
    expect(() => startAsHr({ BACKOFFICE_DEV: '1', NODE_ENV: 'production', ...KEYS })).toThrow(
      /dev mode is never production/,
    );
    // A typo is not silently "off" nor "on".
    expect(() => platformConfig({ BACKOFFICE_DEV: 'yes' })).toThrow(/BACKOFFICE_DEV/);
    expect(() => startAsHr({ BACKOFFICE_DEV: '0' })).toThrow(/dev mode.*BACKOFFICE_DEV=1/);
  });

  it('a dev key, set by hand, is refused outside dev mode: signing or trusted', () => {
    for (const NODE_ENV of ['production', undefined]) {
      expect(() => startAsHr({ NODE_ENV, ...KEYS, SIGNING_KEY: devSigningKey('hr') })).toThrow(
        /SIGNING_KEY: a dev key .*BACKOFFICE_DEV=1/,
      );
      // A dev key trusted for the gateway would let anyone who reads the repo sign identities.
      const withDevGateway = JSON.stringify({
        ...JSON.parse(TRUSTED_KEYS),
        gateway: [PAIRS.get('gateway')?.publicKey, ...(devTrustedKeys(['gateway']).get('gateway') ?? [])],
      });
      expect(() => startAsHr({ NODE_ENV, ...KEYS, TRUSTED_KEYS: withDevGateway })).toThrow(
        /TRUSTED_KEYS.gateway: a dev key/,
      );
    }
  });

  it('production wants a random 32-byte key: typed, patterned or short keys are refused', () => {
    const production = { NODE_ENV: 'production', ...KEYS };
    const typed = seed(Buffer.from('my-company-hr-signing-key-2024!!')); // 32 printable characters
    const patterned = seed(Buffer.from('0102030401020304'.repeat(4), 'hex'));
    const refusals: [string, RegExp][] = [
      [typed, /SIGNING_KEY: the key is printable text/],
      [patterned, /SIGNING_KEY: too few distinct bytes/],
      [seed(Buffer.alloc(32)), /SIGNING_KEY: too few distinct bytes/],
      [seed(Buffer.alloc(16, 7)), /SIGNING_KEY: expected a 32-byte Ed25519 key/],
      ['change-me-with-the-hr-key-from-pnpm-keys-generate', /SIGNING_KEY/], // infra/k8s/secrets.example.yaml
    ];
    // Each message is the weakness's own: without that check, "not among TRUSTED_KEYS.hr" would answer.
    for (const [key, reason] of refusals)
      expect(() => startAsHr({ ...production, SIGNING_KEY: key }), key).toThrow(reason);
    expect(() => startAsHr({ ...production, SIGNING_KEY: typed })).toThrow(ConfigError);
    // Outside production the same typed key is only a key nobody trusts, not a weak one.
    expect(() => startAsHr({ ...KEYS, SIGNING_KEY: typed })).toThrow(/not among TRUSTED_KEYS.hr/);
  });

  it('listens on loopback except in production, unless LISTEN_HOST says otherwise', () => {
    expect(platformConfig({ BACKOFFICE_DEV: '1' }).listenHost).toBe('127.0.0.1');
    expect(platformConfig({ ...KEYS }).listenHost).toBe('127.0.0.1');
    expect(platformConfig({ NODE_ENV: 'production', ...KEYS }).listenHost).toBe('0.0.0.0');
    expect(platformConfig({ BACKOFFICE_DEV: '1', LISTEN_HOST: '0.0.0.0' }).listenHost).toBe('0.0.0.0');
    expect(platformConfig({ NODE_ENV: 'production', LISTEN_HOST: '10.0.0.5' }).listenHost).toBe('10.0.0.5');
  });

  it('refuses in production a NATS password nats-server would misread from its environment, or a weak one', () => {
    const nats = (password: string) =>
      platformConfig({ NODE_ENV: 'production', NATS_USER: 'hr', NATS_PASSWORD: password });
    const random = 'na95ce2da43ce99b3e8f6d4e7d0c530d50e798ecfa773ebd859bfdcb87460e7f9'; // echo n$(openssl rand -hex 32)
    expect(nats(random).natsCredentials.password).toBe(random);
    // Random base64 that nats-server parses as a float, a date, or cuts at a comment.
    for (const misread of [
      '1e5Qx8vZpL2mN7rT4kW9yB3cF6hJ0sD',
      '12-abQx8vZpL2mN7rT4kW9yB3cF6hJ0sD',
      'Qx8vZpL2mN7r#T4kW9yB3cF6hJ0sD1e',
    ])
      expect(() => nats(misread), misread).toThrow(/NATS_PASSWORD: use letters, digits/);
    expect(() => nats('change-me')).toThrow(/NATS_PASSWORD: use at least 24 bytes/);
    // Outside production the password is not judged (pnpm start writes its own, quoted, into the config).
    expect(
      platformConfig({ BACKOFFICE_DEV: '1', NATS_USER: 'hr', NATS_PASSWORD: '1e5' }).natsCredentials.password,
    ).toBe('1e5');
  });
});

describe('the database connection budget', () => {
  const base = { BACKOFFICE_DEV: '1', NODE_ENV: 'test' as const };

  it('sizes the pool from DATABASE_MAX_CONNECTIONS, less the relay’s LISTEN and job leadership', () => {
    expect(platformConfig(base).DATABASE_MAX_CONNECTIONS).toBe(12);
    expect(platformConfig(base).DATABASE_POOL_SIZE).toBe(10);
    // Six processes at the default stay well under Postgres's default max_connections of 100.
    expect(6 * platformConfig(base).DATABASE_MAX_CONNECTIONS).toBeLessThanOrEqual(80);
    expect(platformConfig({ ...base, DATABASE_MAX_CONNECTIONS: '30' }).DATABASE_POOL_SIZE).toBe(28);
    expect(platformConfig({ ...base, DATABASE_POOL_SIZE: '4' }).DATABASE_POOL_SIZE).toBe(4);
  });

  it('refuses a budget too small for the pool, naming both settings', () => {
    expect(() => platformConfig({ ...base, DATABASE_MAX_CONNECTIONS: '2' })).toThrow(
      /DATABASE_MAX_CONNECTIONS=2 leaves no connection for the pool/,
    );
    expect(() => platformConfig({ ...base, DATABASE_MAX_CONNECTIONS: '8', DATABASE_POOL_SIZE: '7' })).toThrow(
      /DATABASE_POOL_SIZE=7 does not fit DATABASE_MAX_CONNECTIONS=8/,
    );
  });

  it('takes LISTEN and advisory locks straight to Postgres: DATABASE_DIRECT_URL, else DATABASE_URL', () => {
    const pooled = 'postgres://app@pgbouncer:6432/postgres';
    const direct = 'postgres://app@postgres:5432/postgres';
    expect(platformConfig({ ...base, DATABASE_URL: pooled }).DATABASE_DIRECT_URL).toBe(pooled);
    expect(
      platformConfig({ ...base, DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct }).DATABASE_DIRECT_URL,
    ).toBe(direct);
  });
});
