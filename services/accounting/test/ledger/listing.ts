import { type RunningSubgraph } from '@backoffice/kit';
import { callSubgraph } from '@backoffice/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountingServices } from '../../src/services.js';
import { POST, asAccountant, asAnalyst, line, ok } from '../support.js';

/** Listing journal entries, and a repeated posting under one Idempotency-Key answered once. */
export function listingScenarios(ledger: () => RunningSubgraph<AccountingServices>): void {
  describe('listing and idempotency', () => {
    let acc: RunningSubgraph<AccountingServices>;
    beforeAll(() => {
      acc = ledger();
    });
    it('pages journal entries newest first and filters by account and status', async () => {
      const LIST = `query($f: JournalEntryFilter, $after: String) {
        journalEntries(filter: $f, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { number date } } } }`;
      const all = await ok(
        acc,
        LIST,
        { f: { from: '2025-01-01', to: '2025-12-31', status: 'POSTED' } },
        asAnalyst,
      );
      expect(all.journalEntries.pageInfo.hasNextPage).toBe(true);
      const dates = all.journalEntries.edges.map((e: any) => e.node.date);
      expect([...dates].sort().reverse()).toEqual(dates);
      const next = await ok(
        acc,
        LIST,
        {
          f: { from: '2025-01-01', to: '2025-12-31', status: 'POSTED' },
          after: all.journalEntries.pageInfo.endCursor,
        },
        asAnalyst,
      );
      const seen = new Set(
        [...all.journalEntries.edges, ...next.journalEntries.edges].map((e: any) => e.node.number),
      );
      expect(seen.size).toBe(all.journalEntries.edges.length + next.journalEntries.edges.length);
      const bank = await ok(acc, LIST, { f: { accountCode: '3000' } }, asAnalyst);
      expect(bank.journalEntries.edges.map((e: any) => e.node.number)).toEqual(['2025-000001']);
    });

    it('answers a repeated postJournalEntry with the same Idempotency-Key once', async () => {
      const input = {
        date: '2025-06-02',
        description: 'Idempotent',
        lines: [line('1000', '3.00', null), line('8000', null, '3.00')],
      };
      const headers = { 'idempotency-key': 'post-once-1' };
      const first = await callSubgraph(acc.url, POST, { input }, asAccountant, headers);
      const second = await callSubgraph(acc.url, POST, { input }, asAccountant, headers);
      expect(second.data.postJournalEntry.id).toBe(first.data.postJournalEntry.id);
      const [{ n }] = await acc.deps.db.query(
        `SELECT count(*)::int AS n FROM journal_entry WHERE description = 'Idempotent'`,
      );
      expect(n).toBe(1);
      // Reverse the test entry so the report totals below stay as they are.
      await ok(acc, 'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2025-06-02") { id } }', {
        id: first.data.postJournalEntry.id,
      });
    });

    it('marks the Idempotency-Key of every posting that shared a commit as committed', async () => {
      const input = (i: number) => ({
        date: '2030-04-01',
        description: `Shared commit ${i}`,
        lines: [line('1000', '4.00', null), line('8000', null, '4.00')],
      });
      const keys = Array.from({ length: 12 }, (_, i) => `shared-commit-${i}`);
      // The year's counter held elsewhere keeps the first two batches waiting at commit, so all 12
      // postings are queued or in those batches before any commits: at most three commits for 12 requests.
      const db = acc.deps.db;
      await db.query(
        'INSERT INTO fiscal_year_counter (year, last_number) VALUES (2030, 0) ON CONFLICT DO NOTHING',
      );
      const holder = db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query('SELECT 1 FROM fiscal_year_counter WHERE year = 2030 FOR UPDATE');
      const requests = keys.map((key, i) =>
        callSubgraph(acc.url, POST, { input: input(i) }, asAccountant, { 'idempotency-key': key }),
      );
      try {
        for (let tries = 0; acc.services.journal.postings.waiting < 12; tries++) {
          if (tries > 400) throw new Error(`only ${acc.services.journal.postings.waiting} postings queued`);
          await new Promise((r) => setTimeout(r, 25));
        }
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
      const first = await Promise.all(requests);
      for (const r of first) expect(r.errors).toBeUndefined();
      const claims: { key: string; committed: boolean; answered: boolean }[] = await acc.deps.db.query(
        `SELECT key, committed_at IS NOT NULL AS committed, response IS NOT NULL AS answered
           FROM idempotency_key WHERE caller = $1 AND key = ANY($2) ORDER BY key`,
        [asAccountant.userId, keys],
      );
      expect(claims).toHaveLength(12);
      expect(claims.every((c) => c.committed && c.answered)).toBe(true);
      const again = await callSubgraph(acc.url, POST, { input: input(3) }, asAccountant, {
        'idempotency-key': keys[3],
      });
      expect(again.data.postJournalEntry.id).toBe(first[3].data.postJournalEntry.id);
      const [{ n }] = await acc.deps.db.query(
        `SELECT count(*)::int AS n FROM journal_entry WHERE description LIKE 'Shared commit %'`,
      );
      expect(n).toBe(12);
      const [{ commits }] = await db.query(
        `SELECT count(DISTINCT xmin::text)::int AS commits FROM journal_entry WHERE description LIKE 'Shared commit %'`,
      );
      expect(commits).toBeLessThanOrEqual(3);
    });
  });
}
