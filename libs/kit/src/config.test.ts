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

  it('uses the dev key only outside production, and refuses a previous key without a current one', () => {
    expect(platformConfig({}).internalVerificationKeys).toEqual([DEV_INTERNAL_SIGNING_KEY]);
    expect(() => platformConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => platformConfig({ INTERNAL_SIGNING_KEY_PREVIOUS: PREVIOUS })).toThrow(
      /without INTERNAL_SIGNING_KEY/,
    );
    expect(() =>
      platformConfig({ INTERNAL_SIGNING_KEY: CURRENT, INTERNAL_SIGNING_KEY_PREVIOUS: 'short' }),
    ).toThrow(/PREVIOUS must be at least 16/);
  });
});
