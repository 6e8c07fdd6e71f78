import { accounting as accountingEvents } from '@backoffice/events';
import { type RunningSubgraph, type ServiceContext, parseCloudEvent } from '@backoffice/kit';
import { callSubgraph } from '@backoffice/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { PostingBatcher } from '../../src/journal/posting-batcher.js';
import type { AccountingServices } from '../../src/services.js';
import { POST, asAccountant, asAnalyst, asController, line, ok, post } from '../support.js';

/** Posting: gapless numbers at commit, shared commits, the rules on lines, immutability, reversal. */
export function postingScenarios(ledger: () => RunningSubgraph<AccountingServices>): void {
  describe('posting', () => {
    let acc: RunningSubgraph<AccountingServices>;
    beforeAll(() => {
      acc = ledger();
    });
    it('posts a balanced entry with a gapless number and records journal_entry.posted', async () => {
      const e1 = await post(
        acc,
        '2025-03-10',
        [line('1100', '1000.00', null), line('3000', null, '1000.00')],
        'Capital paid in',
      );
      const e2 = await post(acc, '2025-03-11', [
        line('4500', '50.00', null, 'BO-100'),
        line('1000', null, '50.00'),
      ]);
      expect(e1.status).toBe('POSTED');
      expect(e1.number).toBe('2025-000001');
      expect(e2.number).toBe('2025-000002');
      expect(e2.lines[0]).toEqual({
        accountCode: '4500',
        debit: '50.00',
        credit: '0.00',
        costCenter: 'BO-100',
      });
      const [row] = await acc.deps.db.query('SELECT payload FROM outbox WHERE aggregate_id = $1', [e1.id]);
      const event = parseCloudEvent(JSON.stringify(row.payload));
      expect(event.type).toBe(accountingEvents.journalEntryPosted.type);
      expect(event.actor).toBe(asAccountant.userId);
      // Recorded before the commit gave the number, completed by it.
      expect((event.data as { number: string }).number).toBe('2025-000001');
    });

    it('numbers at commit from the counter only: concurrent postings that roll back burn no number', async () => {
      const { ledger } = acc.services;
      const lines = [line('1000', '12.34', null), line('8000', null, '12.34')];
      const draft = (i: number) => ({
        date: '2028-06-30',
        description: `gapless ${i}`,
        lines,
        source: 'MANUAL' as const,
      });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          acc.deps.db.transaction(async (em) => {
            const entry = await ledger.book(em, draft(i), 'user-accountant', asAccountant);
            // A third fail in the caller after booking, a third at commit (the entry no longer balances).
            if (i % 3 === 0) throw new Error('the caller failed after booking');
            if (i % 3 === 1)
              await em.query(
                `INSERT INTO journal_line (entry_id, line_no, account_code, debit) VALUES ($1, 99, '1000', 1)`,
                [entry.id],
              );
            return entry.id;
          }),
        ),
      );
      const committed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(committed).toHaveLength(20);
      const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
      expect(rejected.filter((r) => /does not balance/.test(r))).toHaveLength(20);
      const rows: { number: string; event_number: string }[] = await acc.deps.db.query(
        `SELECT e.number, o.payload->'data'->>'number' AS event_number
           FROM journal_entry e JOIN outbox o ON o.aggregate_id = e.id::text
          WHERE e.date = '2028-06-30' ORDER BY e.number`,
      );
      expect(rows.map((r) => r.number)).toEqual(
        Array.from({ length: 20 }, (_, i) => `2028-${String(i + 1).padStart(6, '0')}`),
      );
      expect(rows.every((r) => r.event_number === r.number)).toBe(true);
      expect(
        await acc.deps.db.query('SELECT last_number FROM fiscal_year_counter WHERE year = 2028'),
      ).toEqual([{ last_number: 20 }]);

      // Nobody else gives or changes a number.
      await expect(
        acc.deps.db.query(
          `INSERT INTO journal_entry (number, date, description, currency, total, status, source, author, posted_at)
           VALUES ('2028-000021', '2028-06-30', 'own number', 'EUR', 1, 'POSTED', 'MANUAL', 'x', now())`,
        ),
      ).rejects.toThrow(/fiscal year counter/);
      await expect(
        acc.deps.db.query(`UPDATE journal_entry SET number = '2028-000099' WHERE number = '2028-000001'`),
      ).rejects.toThrow(/cannot become/);
    });

    it('numbers entries posted in shared commits gaplessly, and a refused entry fails only its own caller', async () => {
      const db = acc.deps.db;
      // Batches of at most 8, two under way at a time, the next starting when the one before sent its
      // COMMIT, so the 60 postings below, all queued at once, fall into known batches: 0 alone (nothing
      // was under way), then 1..8, 9..16, ..., 57..59.
      const batcher = new PostingBatcher(db, acc.services.ledger, { maxBatch: 8, maxBatchesUnderWay: 2 });
      await acc.services.periods.close({ identity: asController } as ServiceContext, '2029-02');
      // Refusals only the database sees: an unknown account, a closed period.
      const unknownAccount = new Set([10, 20, 30, 50]);
      const closedPeriod = new Set([11, 40]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          batcher.post(
            {
              date: closedPeriod.has(i) ? '2029-02-10' : '2029-03-10',
              description: `group commit ${i}`,
              lines: [
                line(unknownAccount.has(i) ? 'NOPE1' : '1000', '5.00', null),
                line('8000', null, '5.00'),
              ],
              source: 'MANUAL',
            },
            'user-accountant',
            asAccountant,
          ),
        ),
      );
      outcomes.forEach((o, i) => {
        if (unknownAccount.has(i) || closedPeriod.has(i)) {
          expect(o.status).toBe('rejected');
          const reason = (o as PromiseRejectedResult).reason;
          expect(reason.code).toBe('BAD_USER_INPUT');
          expect(reason.field).toBe(unknownAccount.has(i) ? 'lines[0].accountCode' : 'date');
        } else {
          expect(o.status).toBe('fulfilled');
          expect((o as PromiseFulfilledResult<{ description: string }>).value.description).toBe(
            `group commit ${i}`,
          );
        }
      });
      const posted = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(posted).toHaveLength(54);
      // Each caller got its own entry, with the number it has in the books.
      const rows: {
        id: string;
        number: string;
        description: string;
        event_number: string;
        tx: string;
        n: number;
      }[] = await db.query(
        `SELECT e.id, e.number, e.description, o.payload->'data'->>'number' AS event_number, e.xmin::text AS tx,
                  substring(e.description from '\\d+$')::int AS n
             FROM journal_entry e JOIN outbox o ON o.aggregate_id = e.id::text
            WHERE e.date >= '2029-01-01' AND e.date < '2030-01-01'
              AND o.subject = '${accountingEvents.journalEntryPosted.type}'
            ORDER BY e.number`,
      );
      expect(rows.map((r) => r.number)).toEqual(
        Array.from({ length: 54 }, (_, i) => `2029-${String(i + 1).padStart(6, '0')}`),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const entry of posted) {
        expect(byId.get(entry.id)).toMatchObject({
          number: entry.number,
          event_number: entry.number,
          description: entry.description,
        });
      }
      expect(await db.query('SELECT last_number FROM fiscal_year_counter WHERE year = 2029')).toEqual([
        { last_number: 54 },
      ]);
      // Whole batches shared one transaction; a batch with a refusal was posted one entry at a time.
      const txOf = (from: number, to: number) =>
        new Set(rows.filter((r) => r.n >= from && r.n <= to).map((r) => r.tx));
      expect(txOf(1, 8).size).toBe(1);
      expect(txOf(41, 48).size).toBe(1);
      expect(txOf(9, 16).size).toBe(6);
    });

    it('refuses unbalanced, two-sided, empty, negative lines and unknown or inactive accounts, naming the field', async () => {
      await ok(acc, 'mutation { setAccountActive(code: "4510", active: false) { active } }');
      const before = await acc.deps.db.query('SELECT count(*)::int AS n FROM journal_entry');
      const cases: [unknown[], string][] = [
        [[line('1100', '10.00', null), line('8000', null, '9.99')], 'lines'],
        [
          [line('1100', '10.00', null), line('8000', null, '5.00'), line('8000', '5.00', '10.00')],
          'lines[2].debit',
        ],
        [[line('1100', '10.00', null), line('8000', null, null)], 'lines[1].debit'],
        [[line('1100', '10.00', null), line('8000', null, '-10.00')], 'lines[1].credit'],
        [[line('1100', '10.00', null), line('9999', null, '10.00')], 'lines[1].accountCode'],
        [[line('4510', '10.00', null), line('1000', null, '10.00')], 'lines[0].accountCode'],
      ];
      for (const [lines, field] of cases) {
        const r = await callSubgraph(
          acc.url,
          POST,
          { input: { date: '2025-03-12', description: 'x', lines } },
          asAccountant,
        );
        expect(r.errors?.[0].extensions?.code, field).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0].extensions?.field).toBe(field);
      }
      const after = await acc.deps.db.query('SELECT count(*)::int AS n FROM journal_entry');
      expect(after[0].n).toBe(before[0].n);
    });

    it('keeps posted lines and entries immutable in the database itself', async () => {
      const e = await post(acc, '2025-03-12', [line('1000', '20.00', null), line('8000', null, '20.00')]);
      await expect(
        acc.deps.db.query('UPDATE journal_line SET debit = 25 WHERE entry_id = $1 AND line_no = 1', [e.id]),
      ).rejects.toThrow(/immutable/);
      await expect(acc.deps.db.query('DELETE FROM journal_line WHERE entry_id = $1', [e.id])).rejects.toThrow(
        /immutable/,
      );
      await expect(
        acc.deps.db.query(`UPDATE journal_entry SET description = 'changed' WHERE id = $1`, [e.id]),
      ).rejects.toThrow(/immutable/);
      await expect(acc.deps.db.query('DELETE FROM journal_entry WHERE id = $1', [e.id])).rejects.toThrow(
        /never deleted/,
      );
    });

    it('enforces the balance at commit even when code is bypassed', async () => {
      const attempt = acc.deps.db.transaction(async (em) => {
        const [{ id }] = await em.query(
          `INSERT INTO journal_entry (date, description, currency, total, status, source, author, posted_at)
           VALUES ('2025-03-13', 'sneaky', 'EUR', 10, 'POSTED', 'MANUAL', 'x', now()) RETURNING id`,
        );
        await em.query(
          `INSERT INTO journal_line (entry_id, line_no, account_code, debit) VALUES ($1, 1, '1000', 10)`,
          [id],
        );
        await em.query(
          `INSERT INTO journal_line (entry_id, line_no, account_code, credit) VALUES ($1, 2, '8000', 9.99)`,
          [id],
        );
      });
      await expect(attempt).rejects.toThrow(/does not balance/);
    });

    it('reverses an entry once, linked to the original', async () => {
      const e = await post(acc, '2025-04-01', [
        line('4500', '300.00', null, 'FO-300'),
        line('1100', null, '300.00'),
      ]);
      const r = await ok(
        acc,
        'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2025-04-02") { id number status reversalOf { id status } lines { accountCode debit credit costCenter } } }',
        { id: e.id },
      );
      const reversal = r.reverseJournalEntry;
      expect(reversal.status).toBe('POSTED');
      expect(reversal.number).toMatch(/^2025-\d{6}$/);
      const [reversed] = await acc.deps.db.query(
        `SELECT payload->'data' AS data FROM outbox WHERE aggregate_id = $1 AND subject LIKE '%.journal_entry.reversed'`,
        [e.id],
      );
      expect(reversed.data).toMatchObject({ reversalId: reversal.id, reversalNumber: reversal.number });
      expect(reversal.reversalOf).toEqual({ id: e.id, status: 'REVERSED' });
      expect(reversal.lines[0]).toEqual({
        accountCode: '4500',
        debit: '0.00',
        credit: '300.00',
        costCenter: 'FO-300',
      });
      const twice = await callSubgraph(
        acc.url,
        'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2025-04-03") { id } }',
        { id: e.id },
        asAccountant,
      );
      expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
      const gl = await ok(
        acc,
        `{ generalLedger(accountCode: "4500", from: "2025-04-01", to: "2025-04-30") { openingBalance closingBalance totalCount
           edges { node { number debit credit runningBalance } } } }`,
        {},
        asAnalyst,
      );
      expect(gl.generalLedger.totalCount).toBe(2);
      expect(gl.generalLedger.edges.map((x: any) => x.node.runningBalance)).toEqual(['350.00', '50.00']);
      expect(gl.generalLedger.openingBalance).toBe('50.00');
    });
  });
}
