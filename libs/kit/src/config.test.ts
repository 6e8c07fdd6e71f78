import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_INTERNAL_SIGNING_KEY, platformConfig } from './config.js';

const CURRENT = 'the-current-internal-signing-key';
const PREVIOUS = 'the-previous-internal-signing-key';

describe('internal signing keys', () => {
  it('signs with INTERNAL_SIGNING_KEY and accepts INTERNAL_SIGNING_KEY_PREVIOUS while it is set', () => {
    const rotating = platformConfig({
      INTERNAL_SIGNING_KEY: CURRENT,
      INTERNAL_SIGNING_KEY_PREVIOUS: PREVIOUS,
    });
    expect(rotating.internalSigningKey).toBe(CURRENT);
    expect(rotating.internalVerificationKeys).toEqual([CURRENT, PREVIOUS]);
    const settled = platformConfig({ INTERNAL_SIGNING_KEY: CURRENT });
    expect(settled.internalVerificationKeys).toEqual([CURRENT]);
    // The same key twice is one key.
    expect(
      platformConfig({ INTERNAL_SIGNING_KEY: CURRENT, INTERNAL_SIGNING_KEY_PREVIOUS: CURRENT })
        .internalVerificationKeys,
    ).toEqual([CURRENT]);
  });

  it('uses the dev key only in dev mode, and refuses a previous key without a current one', () => {
    const dev = { BACKOFFICE_DEV: '1' };
    expect(platformConfig(dev).internalVerificationKeys).toEqual([DEV_INTERNAL_SIGNING_KEY]);
    expect(() => platformConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => platformConfig({ ...dev, INTERNAL_SIGNING_KEY_PREVIOUS: PREVIOUS })).toThrow(
      /without INTERNAL_SIGNING_KEY/,
    );
    expect(() =>
      platformConfig({ INTERNAL_SIGNING_KEY: CURRENT, INTERNAL_SIGNING_KEY_PREVIOUS: 'short' }),
    ).toThrow(/PREVIOUS must be at least 16/);
  });
});

/** What `openssl rand -base64 48` gives: the kind of key production should have. */
const STRONG = randomBytes(48).toString('base64');

describe('run modes: fail closed', () => {
  it('NODE_ENV unset, development or test is not dev mode: no dev key without BACKOFFICE_DEV=1', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      expect(() => platformConfig({ NODE_ENV })).toThrow(/BACKOFFICE_DEV=1/);
      expect(platformConfig({ NODE_ENV, INTERNAL_SIGNING_KEY: CURRENT }).mode).toBe('unmarked');
    }
  });

  it('BACKOFFICE_DEV=1 is development, or test with NODE_ENV=test; never with production', () => {
    expect(platformConfig({ BACKOFFICE_DEV: '1' }).mode).toBe('development');
    expect(platformConfig({ BACKOFFICE_DEV: '1', NODE_ENV: 'test' }).mode).toBe('test');
    expect(() => platformConfig({ BACKOFFICE_DEV: '1', NODE_ENV: 'production' })).toThrow(
      /dev mode is never production/,
    );
    // A typo is not silently "off" nor "on".
    expect(() => platformConfig({ BACKOFFICE_DEV: 'yes' })).toThrow(/BACKOFFICE_DEV/);
    expect(() => platformConfig({ BACKOFFICE_DEV: '0' })).toThrow(/dev mode is not on/);
  });

  it('the repo dev key, set by hand, is refused outside dev mode (current or previous)', () => {
    expect(() => platformConfig({ INTERNAL_SIGNING_KEY: DEV_INTERNAL_SIGNING_KEY })).toThrow(/dev key/);
    expect(() =>
      platformConfig({
        INTERNAL_SIGNING_KEY: CURRENT,
        INTERNAL_SIGNING_KEY_PREVIOUS: DEV_INTERNAL_SIGNING_KEY,
      }),
    ).toThrow(/INTERNAL_SIGNING_KEY_PREVIOUS: the repo's dev key/);
    expect(() =>
      platformConfig({ NODE_ENV: 'production', INTERNAL_SIGNING_KEY: DEV_INTERNAL_SIGNING_KEY }),
    ).toThrow(/dev key/);
  });

  it('production wants a random internal key of 32 bytes or more, current and previous', () => {
    const production = { NODE_ENV: 'production' };
    expect(platformConfig({ ...production, INTERNAL_SIGNING_KEY: STRONG }).internalSigningKey).toBe(STRONG);
    for (const weak of [
      CURRENT, // 32 characters of words
      'change-me-at-least-32-random-characters', // infra/k8s/secrets.example.yaml
      randomBytes(12).toString('base64'), // random, but 16 bytes
      'a'.repeat(48),
    ])
      expect(() => platformConfig({ ...production, INTERNAL_SIGNING_KEY: weak }), weak).toThrow(ConfigError);
    expect(() =>
      platformConfig({
        ...production,
        INTERNAL_SIGNING_KEY: STRONG,
        INTERNAL_SIGNING_KEY_PREVIOUS: 'the-old-key',
      }),
    ).toThrow(/INTERNAL_SIGNING_KEY_PREVIOUS/);
  });

  it('listens on loopback except in production, unless LISTEN_HOST says otherwise', () => {
    expect(platformConfig({ BACKOFFICE_DEV: '1' }).listenHost).toBe('127.0.0.1');
    expect(platformConfig({ INTERNAL_SIGNING_KEY: CURRENT }).listenHost).toBe('127.0.0.1');
    expect(platformConfig({ NODE_ENV: 'production', INTERNAL_SIGNING_KEY: STRONG }).listenHost).toBe(
      '0.0.0.0',
    );
    expect(platformConfig({ BACKOFFICE_DEV: '1', LISTEN_HOST: '0.0.0.0' }).listenHost).toBe('0.0.0.0');
    expect(
      platformConfig({ NODE_ENV: 'production', INTERNAL_SIGNING_KEY: STRONG, LISTEN_HOST: '10.0.0.5' })
        .listenHost,
    ).toBe('10.0.0.5');
  });
});
