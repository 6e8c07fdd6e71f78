import { describe, expect, it } from 'vitest';
import {
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  IDENTITY_TIME_HEADER,
  signIdentity,
  verifyIdentity,
} from './identity.js';

const KEY = 'a-test-signing-key-of-some-length';
const alice = { userId: 'alice', roles: ['hr' as const], employeeId: 'e-1' };

describe('gateway -> subgraph identity', () => {
  it('round-trips a signed identity', () => {
    const headers = signIdentity(alice, KEY);
    expect(verifyIdentity(headers, KEY)).toEqual({ ok: true, identity: alice });
  });

  it('treats absent headers as anonymous-missing, and refuses forged, stale and malformed ones', () => {
    expect(verifyIdentity({}, KEY)).toEqual({ ok: false, reason: 'missing' });
    const headers = signIdentity(alice, KEY);
    expect(verifyIdentity(headers, 'another-key-of-some-length')).toEqual({ ok: false, reason: 'forged' });
    // A forged role: same signature, different identity.
    const forged = {
      ...headers,
      [IDENTITY_HEADER]: Buffer.from(JSON.stringify({ sub: 'alice', roles: ['admin'] })).toString(
        'base64url',
      ),
    };
    expect(verifyIdentity(forged, KEY)).toEqual({ ok: false, reason: 'forged' });
    const old = signIdentity(alice, KEY, Date.now() - 60_000);
    expect(verifyIdentity(old, KEY)).toEqual({ ok: false, reason: 'stale' });
    expect(
      verifyIdentity(
        { [IDENTITY_HEADER]: 'x', [IDENTITY_TIME_HEADER]: 'soon', [IDENTITY_SIGNATURE_HEADER]: 'y' },
        KEY,
      ),
    ).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('accepts the previous key during a rotation, and nothing else', () => {
    const NEXT = 'the-next-signing-key-after-rotation';
    const rotating = [NEXT, KEY];
    // A process still on the old key, and one already on the new key: both verify during the window.
    expect(verifyIdentity(signIdentity(alice, KEY), rotating)).toEqual({ ok: true, identity: alice });
    expect(verifyIdentity(signIdentity(alice, NEXT), rotating)).toEqual({ ok: true, identity: alice });
    expect(verifyIdentity(signIdentity(alice, 'a-third-key-nobody-configured'), rotating)).toEqual({
      ok: false,
      reason: 'forged',
    });
    // After the window the old key is removed and its signatures are refused.
    expect(verifyIdentity(signIdentity(alice, KEY), [NEXT])).toEqual({ ok: false, reason: 'forged' });
  });

  it('drops unknown roles and gives an anonymous identity no roles', () => {
    const weird = signIdentity({ userId: null, roles: ['admin'], employeeId: 'e-9' }, KEY);
    expect(verifyIdentity(weird, KEY)).toEqual({
      ok: true,
      identity: { userId: null, roles: [], employeeId: null },
    });
  });
});
