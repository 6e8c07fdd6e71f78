import { hr as hrEvents } from '@backoffice/events';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ChainLink,
  GENESIS_HASH,
  canonicalJson,
  chainStart,
  chainTime,
  entryHash,
  verifyLink,
} from './audit.chain.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(b).toBe(a);
  });

  it('writes what JSON cannot carry as JSON.stringify would', () => {
    expect(canonicalJson({ a: undefined, b: null, c: Number.NaN })).toBe('{"b":null,"c":null}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('line\n"quoted"')).toBe(JSON.stringify('line\n"quoted"'));
  });

  it('agrees with JSON.parse(JSON.stringify(x)) after a round trip through text', () => {
    const value = { amount: '1234.50', n: 1.5, nested: { list: ['a', { k: true }] } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});

const fields = (sequence: number, payload: unknown = { n: sequence }) => ({
  sequence,
  eventId: `e-${sequence}`,
  type: hrEvents.employeeHired.type,
  source: '/backoffice/hr',
  subject: `s-${sequence}`,
  actor: sequence % 2 ? 'user-1' : null,
  time: '2026-01-01T00:00:00.000Z',
  payload,
});

function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f = fields(i);
    const hash = entryHash(prev, f);
    links.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return links;
}

function verifyAll(links: ChainLink[]) {
  let cursor = chainStart();
  for (const link of links) {
    const v = verifyLink(cursor, link);
    if (!v.ok) return { valid: false, first: v.sequence };
    cursor = v.cursor;
  }
  return { valid: true, checked: cursor.checked };
}

describe('hash chain', () => {
  it('is SHA-256 of the previous hash followed by the canonical entry', () => {
    const f = fields(1);
    const expected = createHash('sha256')
      .update(
        GENESIS_HASH +
          `{"actor":"user-1","eventId":"e-1","payload":{"n":1},"sequence":1,"source":"/backoffice/hr","subject":"s-1","time":"2026-01-01T00:00:00.000Z","type":"${hrEvents.employeeHired.type}"}`,
      )
      .digest('hex');
    expect(entryHash(GENESIS_HASH, f)).toBe(expected);
    // Key order of the payload does not matter; its content does.
    expect(entryHash(GENESIS_HASH, fields(1, { a: 1, b: 2 }))).toBe(
      entryHash(GENESIS_HASH, fields(1, { b: 2, a: 1 })),
    );
    expect(entryHash(GENESIS_HASH, fields(1, { a: 1 }))).not.toBe(
      entryHash(GENESIS_HASH, fields(1, { a: 2 })),
    );
  });

  it('covers who signed the event, and leaves entries from before signatures hashed as they were', () => {
    const signed = { ...fields(1), producer: 'hr', producerKeyId: 'k1' };
    const hash = entryHash(GENESIS_HASH, signed);
    expect(hash).not.toBe(entryHash(GENESIS_HASH, fields(1)));
    const link = { ...signed, prevHash: GENESIS_HASH, hash };
    expect(verifyLink(chainStart(), link).ok).toBe(true);
    // Rewriting who said it breaks the link like rewriting what was said.
    expect(verifyLink(chainStart(), { ...link, producer: 'documents' }).ok).toBe(false);
    expect(verifyLink(chainStart(), { ...link, producerKeyId: 'k2' }).ok).toBe(false);
    expect(verifyLink(chainStart(), { ...link, producer: null, producerKeyId: null }).ok).toBe(false);
    // The columns of an older entry read back as null: its hash is the one it was chained with.
    expect(entryHash(GENESIS_HASH, { ...fields(1), producer: null, producerKeyId: null })).toBe(
      entryHash(GENESIS_HASH, fields(1)),
    );
  });

  it('verifies an intact chain', () => {
    expect(verifyAll(chain(5))).toEqual({ valid: true, checked: 5 });
  });

  it('names the first entry whose payload changed', () => {
    const links = chain(5);
    links[2] = { ...links[2], payload: { n: 999 } };
    expect(verifyAll(links)).toEqual({ valid: false, first: 3 });
  });

  it('names the entry after a removed one, and a rehashed entry breaks its successor', () => {
    const links = chain(5);
    expect(verifyAll([...links.slice(0, 2), ...links.slice(3)])).toEqual({ valid: false, first: 3 });
    const forged = { ...links[1], payload: { n: 0 } };
    forged.hash = entryHash(forged.prevHash, forged);
    expect(verifyAll([links[0], forged, ...links.slice(2)])).toEqual({ valid: false, first: 3 });
  });
});

describe('chainTime', () => {
  it('normalises to UTC with milliseconds and falls back to the receipt time', () => {
    const received = new Date('2026-02-02T10:00:00.000Z');
    expect(chainTime('2026-01-01T01:00:00+01:00', received)).toBe('2026-01-01T00:00:00.000Z');
    expect(chainTime('not a time', received)).toBe(received.toISOString());
    expect(chainTime(undefined, received)).toBe(received.toISOString());
  });
});
