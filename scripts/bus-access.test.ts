import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { natsPasswordProblem } from '@backoffice/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBusPasswords } from './lib/bus-access.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the bus passwords pnpm start generates', () => {
  it('are accepted by production rules every time (a letter first), private to the owner, and kept across runs', () => {
    // 30 folders of six users: with base64url, one in five passwords started with a digit or '-'.
    for (let i = 0; i < 30; i++) {
      const dir = mkdtempSync(path.join(tmpdir(), 'bus-passwords-'));
      dirs.push(dir);
      const logins = ensureBusPasswords(dir);
      for (const login of Object.values(logins)) {
        expect(natsPasswordProblem(login.password), login.password).toBeNull();
        expect(login.password.length).toBeGreaterThanOrEqual(64);
        expect(statSync(login.passwordFile).mode & 0o777).toBe(0o600);
      }
      expect(ensureBusPasswords(dir)).toEqual(logins);
    }
  });
});
