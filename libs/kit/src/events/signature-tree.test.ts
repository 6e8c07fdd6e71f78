import { headers as natsHeaders } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { testKeyring } from '../testing.js';
import { kitEvents } from './contracts.fixture.js';
import { SIGNATURE_HEADER, checkSignature, signMessages } from './signature.js';

/**
 * Events signed together (the relay signs up to 64 under one signature): each is still checked on its
 * own bytes, and nothing about one message can be carried over to another.
 */
const kit = testKeyring('kit', 'other');
const other = testKeyring('other', 'kit');
const type = kitEvents.itemMade.type;

const signedTogether = (count: number, keyring = kit) => {
  const messages = Array.from({ length: count }, (_, i) => ({ binding: type, body: `{"n": ${i}}` }));
  return messages.map((m, i) => ({ ...m, headers: signMessages(keyring, 'event', messages)[i] }));
};
const check = (m: { binding: string; body: string; headers: ReturnType<typeof natsHeaders> }) =>
  checkSignature(kit, 'kit', 'event', m.binding, m.body, m.headers).ok;

describe('events signed together', () => {
  it('each check out alone, whatever their number', () => {
    for (const count of [1, 2, 3, 5, 8, 13, 64]) {
      const signed = signedTogether(count);
      expect(signed.map(check)).toEqual(Array(count).fill(true));
      // One signature for the lot; one message alone carries the plain form.
      const sigs = new Set(signed.map((m) => m.headers.get(SIGNATURE_HEADER).split('.')[1]));
      expect(sigs.size).toBe(1);
      expect(signed[0].headers.get(SIGNATURE_HEADER).split('.')).toHaveLength(count === 1 ? 2 : 4);
    }
  });

  it('are refused when altered, moved to another type, put in another place, or signed by someone else', () => {
    const signed = signedTogether(5);
    // Checked once, so the root is remembered: the refusals below must not lean on a fresh verification.
    expect(check(signed[2])).toBe(true);
    expect(check({ ...signed[2], body: '{"n": 20}' })).toBe(false);
    expect(check({ ...signed[2], binding: kitEvents.thingDone.type })).toBe(false);
    expect(checkSignature(kit, 'kit', 'watermark', type, signed[2].body, signed[2].headers).ok).toBe(false);
    // Another message's path, or another index, leads to another root.
    expect(check({ ...signed[2], headers: signed[3].headers })).toBe(false);
    const [kid, sig, , path] = signed[2].headers.get(SIGNATURE_HEADER).split('.');
    const moved = natsHeaders();
    moved.set(SIGNATURE_HEADER, `${kid}.${sig}.3.${path}`);
    expect(check({ ...signed[2], headers: moved })).toBe(false);
    // A remembered root does not lend its signature to another principal, nor to another signature.
    expect(checkSignature(kit, 'other', 'event', type, signed[2].body, signed[2].headers).ok).toBe(false);
    const [, , index] = signed[2].headers.get(SIGNATURE_HEADER).split('.');
    const otherSig = natsHeaders();
    otherSig.set(SIGNATURE_HEADER, `${kid}.${sig.slice(0, -2)}AA.${index}.${path}`);
    expect(check({ ...signed[2], headers: otherSig })).toBe(false);
    // Signed by another service's key: not kit's, whoever's tree it is.
    const foreign = signedTogether(5, other);
    expect(foreign.map(check)).toEqual(Array(5).fill(false));
  });

  it('refuse a malformed place in the tree', () => {
    const [m] = signedTogether(4);
    const [kid, sig, , path] = m.headers.get(SIGNATURE_HEADER).split('.');
    for (const value of [
      `${kid}.${sig}.0.${path.slice(0, -4)}`,
      `${kid}.${sig}.9.${path}`,
      `${kid}.${sig}.-1.${path}`,
      `${kid}.${sig}..${path}`,
    ]) {
      const headers = natsHeaders();
      headers.set(SIGNATURE_HEADER, value);
      expect(check({ ...m, headers })).toBe(false);
    }
  });
});
