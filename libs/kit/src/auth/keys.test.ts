import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { createKeyring, devSigningKey, generateSigningKey, loadKeyring, parseTrustedKeys } from './keys.js';

const hr = generateSigningKey();
const documents = generateSigningKey();
const trustedText = JSON.stringify({ hr: [hr.publicKey], documents: [documents.publicKey] });

describe('keyring', () => {
  it('verifies what a principal signed, and nothing changed or signed by another principal', () => {
    const trusted = parseTrustedKeys(trustedText);
    const hrRing = createKeyring('hr', hr.signingKey, trusted);
    const documentsRing = createKeyring('documents', documents.signingKey, trusted);
    const signature = hrRing.sign('employee.terminated 2020-01-01');
    expect(signature.kid).toBe(hr.kid);
    expect(documentsRing.verify('hr', 'employee.terminated 2020-01-01', signature)).toBe(true);
    expect(documentsRing.verify('hr', 'employee.terminated 2019-01-01', signature)).toBe(false);
    // documents' own valid signature does not speak for hr, whatever kid it names.
    const forged = documentsRing.sign('employee.terminated 2020-01-01');
    expect(hrRing.verify('hr', 'employee.terminated 2020-01-01', forged)).toBe(false);
    expect(hrRing.verify('hr', 'employee.terminated 2020-01-01', { ...forged, kid: hr.kid })).toBe(false);
    expect(hrRing.verify('hr', 'x', { kid: hr.kid, sig: 'A'.repeat(86) })).toBe(false);
    expect(hrRing.verify('hr', 'x', undefined)).toBe(false);
    expect(hrRing.principalOf(documents.kid)).toBe('documents');
  });

  it('keeps verifying the previous key during a rotation', () => {
    const next = generateSigningKey();
    const trusted = parseTrustedKeys(JSON.stringify({ hr: [next.publicKey, hr.publicKey] }));
    const verifier = createKeyring('hr', next.signingKey, trusted);
    const old = createKeyring('hr', hr.signingKey, trusted);
    expect(verifier.verify('hr', 'e', old.sign('e'))).toBe(true);
    expect(verifier.verify('hr', 'e', verifier.sign('e'))).toBe(true);
  });

  it('refuses one key listed for two principals', () => {
    expect(() => parseTrustedKeys('[]')).toThrow(ConfigError);
    const both = parseTrustedKeys(JSON.stringify({ hr: [hr.publicKey], it: [hr.publicKey] }));
    expect(() => createKeyring('hr', hr.signingKey, both)).toThrow(/both/);
  });

  it('fails closed outside dev mode: keys required, dev keys refused on either side', () => {
    expect(() => loadKeyring('hr', 'production', {})).toThrow(/SIGNING_KEY and TRUSTED_KEYS/);
    expect(() => loadKeyring('hr', 'unmarked', { SIGNING_KEY: hr.signingKey })).toThrow(/TRUSTED_KEYS/);
    expect(() =>
      loadKeyring('hr', 'production', { SIGNING_KEY: devSigningKey('hr'), TRUSTED_KEYS: trustedText }),
    ).toThrow(/dev key/);
    const devHr = createKeyring('hr', devSigningKey('hr'), new Map()).sign('').kid;
    expect(devHr).toBeTruthy();
    expect(() =>
      loadKeyring('documents', 'production', { SIGNING_KEY: hr.signingKey, TRUSTED_KEYS: trustedText }),
    ).toThrow(/not among TRUSTED_KEYS.documents/);
    const ring = loadKeyring('hr', 'production', { SIGNING_KEY: hr.signingKey, TRUSTED_KEYS: trustedText });
    expect(ring.kid).toBe(hr.kid);
    // Dev mode: the derived keys stand in, and every principal trusts every other's dev key.
    const dev = loadKeyring('documents', 'test', {});
    expect(loadKeyring('hr', 'test', {}).verify('documents', 'x', dev.sign('x'))).toBe(true);
  });
});
