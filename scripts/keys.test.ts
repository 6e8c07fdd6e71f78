import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKeyring, PRINCIPALS } from '@backoffice/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureKeys, generateKeySet, keyEnv, main } from './keys.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  vi.restoreAllMocks();
});

function output(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((t) => {
    out += String(t);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((t) => {
    err += String(t);
    return true;
  });
  const code = main(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('ensureKeys (pnpm start)', () => {
  it('gives every process its own key, owner-only, kept across runs, that production accepts', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'backoffice-keys-'));
    const first = ensureKeys(dir);
    const seeds = PRINCIPALS.map((p) => readFileSync(first.signingKeyFiles[p], 'utf8'));
    expect(new Set(seeds).size).toBe(PRINCIPALS.length);
    for (const p of PRINCIPALS) expect(statSync(first.signingKeyFiles[p]).mode & 0o777).toBe(0o600);
    const again = ensureKeys(dir);
    expect(PRINCIPALS.map((p) => readFileSync(again.signingKeyFiles[p], 'utf8'))).toEqual(seeds);
    // Each signs as itself; no one can sign as another (the keys are not the derived dev keys).
    const hr = loadKeyring('hr', 'production', keyEnv(again, 'hr'));
    const it_ = loadKeyring('it', 'production', keyEnv(again, 'it'));
    const said = hr.sign('hired');
    expect(it_.verify('hr', 'hired', said)).toBe(true);
    expect(it_.verify('it', 'hired', said)).toBe(false);
    expect(() => loadKeyring('it', 'production', { ...keyEnv(again, 'hr') })).toThrow(/not among/);
  });
});

describe('pnpm keys:generate', () => {
  it('prints a key per principal and the TRUSTED_KEYS that every process accepts', () => {
    const { code, out } = output(['--json']);
    expect(code).toBe(0);
    const set = JSON.parse(out) as {
      signingKeys: Record<string, string>;
      trustedKeys: Record<string, string[]>;
    };
    expect(Object.keys(set.signingKeys).sort()).toEqual([...PRINCIPALS].sort());
    const trusted = JSON.stringify(set.trustedKeys);
    for (const p of PRINCIPALS)
      expect(
        loadKeyring(p, 'production', { SIGNING_KEY: set.signingKeys[p], TRUSTED_KEYS: trusted }).self,
      ).toBe(p);
    expect(output([]).out).toMatch(/^gateway: SIGNING_KEY=\S+$/m);
  });

  it('rotates one principal: the new key is trusted after the old one, the others unchanged', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'backoffice-keys-'));
    const current = generateKeySet();
    const file = path.join(dir, 'trusted.json');
    writeFileSync(file, JSON.stringify(current.trustedKeys));
    const { code, out } = output(['--only', 'hr', '--trusted', file, '--json']);
    expect(code).toBe(0);
    const rotated = JSON.parse(out) as ReturnType<typeof generateKeySet>;
    expect(Object.keys(rotated.signingKeys)).toEqual(['hr']);
    expect(rotated.trustedKeys.hr).toHaveLength(2);
    expect(rotated.trustedKeys.hr[0]).toBe(current.trustedKeys.hr[0]);
    expect(rotated.trustedKeys.it).toEqual(current.trustedKeys.it);
    const trusted = JSON.stringify(rotated.trustedKeys);
    // Both hr keys are believed while the rollout runs.
    for (const key of [current.signingKeys.hr, rotated.signingKeys.hr])
      expect(loadKeyring('hr', 'production', { SIGNING_KEY: key, TRUSTED_KEYS: trusted }).self).toBe('hr');
  });

  it('refuses an unknown principal', () => {
    const { code, err } = output(['--only', 'payroll']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown principal payroll/);
  });
});
