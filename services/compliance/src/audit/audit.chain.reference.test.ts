import { createHash } from 'node:crypto';
import { hr as hrEvents } from '@backoffice/events';
import { describe, expect, it } from 'vitest';
import { type ChainedFields, canonicalJson, entryHash } from './audit.chain.js';

/**
 * The chain's definition as it was first written (map/filter/join, createHash): the faster functions in
 * audit.chain.ts must give every existing entry the hash it was chained with, so they are held to it here.
 */
function referenceJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : referenceJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => {
        const v = (value as Record<string, unknown>)[k];
        return v !== undefined && typeof v !== 'function';
      })
      .map((k) => `${JSON.stringify(k)}:${referenceJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return 'null';
}

function referenceHash(prevHash: string, entry: ChainedFields): string {
  const body = referenceJson({
    sequence: entry.sequence,
    eventId: entry.eventId,
    type: entry.type,
    source: entry.source,
    subject: entry.subject,
    actor: entry.actor ?? null,
    time: entry.time,
    payload: entry.payload ?? null,
    producer: entry.producer ?? undefined,
    producerKeyId: entry.producerKeyId ?? undefined,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_STRINGS = ['', 'é', '\u2028', '"q"', 'a\\b', '\u0001', '😀', 'B', 'a', 'aa', '_', '10', '9'];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return [Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5e300, -12, 0.1][Math.floor(next() * 6)];
    case 3:
      return next() < 0.5;
    case 4:
    case 5:
      return ODD_STRINGS[Math.floor(next() * ODD_STRINGS.length)] + String(Math.floor(next() * 100));
    case 6:
      return new Date(Math.floor(next() * 4e12));
    case 7:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, () => [
          ODD_STRINGS[Math.floor(next() * ODD_STRINGS.length)],
          value(next, depth + 1),
        ]),
      );
  }
}

describe('the chain as first defined', () => {
  it('canonicalJson writes what the original wrote, on 5,000 random values', () => {
    const next = random(26);
    for (let i = 0; i < 5_000; i++) {
      const v = value(next, 0);
      expect(canonicalJson(v)).toBe(referenceJson(v));
    }
  });

  it('entryHash gives the hash the original gave, with and without a producer, with fields missing', () => {
    const next = random(6);
    for (let i = 0; i < 2_000; i++) {
      const maybe = <T>(v: T) => (next() < 0.1 ? (undefined as unknown as T) : v);
      const entry: ChainedFields = {
        sequence: maybe(i + 1),
        eventId: maybe(`e-${i}`),
        type: maybe(hrEvents.employeeHired.type),
        source: maybe('/backoffice/hr'),
        subject: maybe(`s-${i}`),
        actor: next() < 0.3 ? null : `user-${i}`,
        time: maybe(new Date(1_700_000_000_000 + i).toISOString()),
        payload: value(next, 0),
        producer: next() < 0.3 ? null : next() < 0.5 ? undefined : 'hr',
        producerKeyId: next() < 0.3 ? null : next() < 0.5 ? undefined : 'hr-1',
      };
      const prev = referenceHash('0'.repeat(64), { ...entry, sequence: i });
      expect(entryHash(prev, entry)).toBe(referenceHash(prev, entry));
    }
  });
});
