import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Identity, type RunningSubgraph } from '@backoffice/kit';
import { signedForRoute } from '@backoffice/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountingServices } from '../../src/services.js';
import { asAccountant, asAnalyst, asHr } from '../support.js';

/** The plain-text journal export: who may read it, what it holds, and that hledger reads it as is. */
export function journalExportScenarios(ledger: () => RunningSubgraph<AccountingServices>): void {
  describe('journal export', () => {
    let acc: RunningSubgraph<AccountingServices>;
    beforeAll(() => {
      acc = ledger();
    });
    const exportUrl = (from: string, to: string) =>
      acc.url.replace('/graphql', `/exports/journal?from=${from}&to=${to}`);
    const headers = (who: Identity, url: string) => signedForRoute(url, who);

    it('answers 401 without identity and 403 for the wrong role', async () => {
      expect((await fetch(exportUrl('2025-01-01', '2025-12-31'))).status).toBe(401);
      const year = exportUrl('2025-01-01', '2025-12-31');
      const forbidden = await fetch(year, { headers: await headers(asHr, year) });
      expect(forbidden.status).toBe(403);
      const badUrl = exportUrl('2025-13-01', '2025-12-31');
      const bad = await fetch(badUrl, { headers: await headers(asAnalyst, badUrl) });
      expect(bad.status).toBe(400);
    });

    it('streams posted entries as a plain-text journal', async () => {
      const year = exportUrl('2025-01-01', '2025-12-31');
      const res = await fetch(year, { headers: await headers(asAnalyst, year) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await res.text();
      expect(text).toContain('2025-03-10 * (2025-000001) Capital paid in');
      expect(text).toContain('    Assets:Bank  1000.00 EUR  ; code: 1100');
      expect(text).toContain('costCenter: BO-100');
      expect(text).not.toContain('sneaky');
    });

    const hledger = (() => {
      try {
        execFileSync('hledger', ['--version'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    it.skipIf(!hledger)(
      'is read by hledger as is, and balances (skipped when hledger is not installed: apt-get install -y hledger)',
      async () => {
        const year = exportUrl('2025-01-01', '2025-12-31');
        const res = await fetch(year, { headers: await headers(asAccountant, year) });
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-')), 'export.journal');
        fs.writeFileSync(file, await res.text());
        const out = execFileSync('hledger', ['-f', file, 'balance', '--flat', '--no-elide'], {
          encoding: 'utf8',
        });
        // The grand total of every balanced journal is zero.
        const total = out.trim().split('\n').at(-1)?.trim();
        expect(total).toBe('0');
        expect(out).toMatch(/1000\.00 EUR\s+Assets:Bank/);
        const byTag = execFileSync('hledger', ['-f', file, 'balance', 'tag:costCenter=BO-100'], {
          encoding: 'utf8',
        });
        expect(byTag).toContain('Expenses:General expenses');
      },
    );
  });
}
