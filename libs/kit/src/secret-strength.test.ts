import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET } from './config.js';
import {
  estimatedBits,
  KNOWN_PLACEHOLDER_SECRETS,
  longestSteadyRun,
  weakSecretReason,
} from './secret-strength.js';

const repo = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('weakSecretReason', () => {
  it('passes generated values: base64, base64url and hex of 32+ random bytes', () => {
    for (let i = 0; i < 200; i++) {
      for (const value of [
        randomBytes(48).toString('base64'),
        randomBytes(32).toString('base64url'),
        randomBytes(32).toString('hex'),
      ])
        expect(weakSecretReason('KEY', value), value).toBeNull();
    }
  });

  it('refuses a short placeholder word standing apart, and not one a random value spells by chance', () => {
    // The value that failed a repeat run: random base64 whose letters happen to spell a short word.
    expect(
      weakSecretReason('KEY', 'KGgVB4acVToDOvp+wConxEDuTcBI4axc3HLJGI/SpBnHOMBeXshr4BQiuHgl6CEp'),
    ).toBeNull();
    expect(weakSecretReason('KEY', 'Qx7-test-9kLmZpR2vW8nB4cY6tH1jF3sD5gA0eU')).toMatch(
      /placeholder \(contains "test"\)/,
    );
    expect(weakSecretReason('KEY', 'todo_Qx79kLmZpR2vW8nB4cY6tH1jF3sD5gA0eUq')).toMatch(/contains "todo"/);
  });

  it('refuses every example value the repository publishes', () => {
    const examples = [
      ...repo('infra/k8s/secrets.example.yaml').matchAll(/^\s*#?\s*[A-Z_]+:\s*(\S+)\s*$/gm),
    ].map((m) => m[1]);
    expect(examples).toContain('change-me-at-least-32-random-characters');
    // The old shared key's dev value stays known: it may still sit in someone's JWT_SECRET.
    expect(KNOWN_PLACEHOLDER_SECRETS).toContain('dev-internal-signing-key-not-for-production');
    for (const value of [
      ...examples,
      ...KNOWN_PLACEHOLDER_SECRETS.filter((v) => v.length >= 32),
      DEV_JWT_SECRET,
    ])
      expect(weakSecretReason('KEY', value), value).not.toBeNull();
  });

  it('refuses what people type: short, one class, words, runs, few distinct characters', () => {
    const cases: [string, RegExp][] = [
      ['Xy7!'.repeat(4), /at least 32 bytes/],
      ['CHANGE-ME-AT-LEAST-32-RANDOM-CHARACTERS', /published|placeholder/],
      ['our-company-jwt-secret-2024-do-not-share!!', /placeholder/],
      ['correcthorsebatterystapleandmorewords', /one character class/],
      ['12345678901234567890123456789012', /one character class/],
      [`Zq8${'abcdefghijklmnop'}xW2#rT5vK9mN1pL4`, /run/],
      ['aB1aB1aB1aB1aB1aB1aB1aB1aB1aB1aB1aB1', /distinct/],
    ];
    for (const [value, reason] of cases) expect(weakSecretReason('KEY', value), value).toMatch(reason);
  });

  it('says which setting and how to make a good one', () => {
    expect(weakSecretReason('JWT_SECRET', 'short')).toMatch(/^JWT_SECRET: .*openssl rand -base64 48/);
  });
});

describe('the measures', () => {
  it('estimates bits from character frequencies and finds steady runs', () => {
    expect(estimatedBits('aaaa')).toBe(0);
    expect(estimatedBits('abcd')).toBe(8);
    expect(longestSteadyRun('xaaaay')).toBe(4);
    expect(longestSteadyRun('q4321z')).toBe(4);
    expect(longestSteadyRun('acegik')).toBe(1);
  });
});
