import { accounting } from '@backoffice/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A group commit's entries enter the books set-wise. The per-entry commit trigger (number-at-commit,
 * monthly and daily balances) costs about 0.4 ms of database time per entry with the year's counter
 * locked, so a batch of 64 spent ~24 ms in its commit, one entry at a time, and posting could not pass
 * ~700/s on two cores. A batch now opens by recording its entries' ids in `journal_batch`; that row's
 * deferred trigger, queued before any entry's and so fired first at commit, numbers them all with one
 * counter update per fiscal year, adds their lines to the monthly and daily balances with one upsert
 * each (account order, as before), and completes their events in two statements. Each entry's own
 * trigger then finds its number given and does nothing. Single postings and approvals keep the
 * per-entry trigger. The marker row is deleted by its trigger: it never outlives its transaction.
 *
 * Same guarantees: numbers come only from the counter, at commit, gapless, in the order the batch gave
 * its entries (by date); lock order is counter rows by year, then balance rows by account, as for one
 * entry, so batches and single postings cannot deadlock on them.
 */
export class BatchEnterBooks1766000100000 implements MigrationInterface {
  name = 'BatchEnterBooks1766000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journal_batch (
        id bigserial PRIMARY KEY,
        entry_ids uuid[] NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION journal_batch_enter_books() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
        dates date[];
        reversed uuid[];
        yr int;
        k int;
        top int;
      BEGIN
        -- The batch's entries in the books and not numbered yet, in the order the batch gave them, with
        -- what the statements below need of them: every statement then goes by primary key from these
        -- arrays (joined to the whole journal, the planner chose scans that grew with the books).
        SELECT coalesce(array_agg(e.id ORDER BY b.n), '{}'), coalesce(array_agg(e.date ORDER BY b.n), '{}'),
               coalesce(array_agg(e.reversal_of ORDER BY b.n) FILTER (WHERE e.reversal_of IS NOT NULL), '{}')
          INTO ids, dates, reversed
          FROM unnest(NEW.entry_ids) WITH ORDINALITY AS b(id, n)
          CROSS JOIN LATERAL (
            SELECT id, date, reversal_of FROM journal_entry
             WHERE id = b.id AND number IS NULL AND status IN ('POSTED', 'REVERSED') LIMIT 1) e;
        -- One counter update per fiscal year, years in order; the year's entries take the k numbers it hands out.
        FOR yr, k IN
          SELECT extract(year FROM d)::int, count(*)::int FROM unnest(dates) AS d GROUP BY 1 ORDER BY 1
        LOOP
          INSERT INTO fiscal_year_counter (year, last_number) VALUES (yr, k)
            ON CONFLICT (year) DO UPDATE SET last_number = fiscal_year_counter.last_number + EXCLUDED.last_number
            RETURNING last_number INTO top;
          UPDATE journal_entry e
             SET number = yr || '-' || lpad(x.n::text, greatest(6, length(x.n::text)), '0')
            FROM (SELECT b.id, top - k + row_number() OVER (ORDER BY b.i) AS n
                    FROM unnest(ids, dates) WITH ORDINALITY AS b(id, date, i)
                   WHERE extract(year FROM b.date)::int = yr) x
           WHERE e.id = x.id;
        END LOOP;
        IF cardinality(ids) > 0 THEN
          INSERT INTO account_month_balance (account_code, month, debit, credit)
          SELECT l.account_code, date_trunc('month', b.date)::date, sum(l.debit), sum(l.credit)
            FROM unnest(ids, dates) AS b(id, date)
            JOIN journal_line l ON l.entry_id = b.id
           GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (account_code, month) DO UPDATE
            SET debit = account_month_balance.debit + EXCLUDED.debit,
                credit = account_month_balance.credit + EXCLUDED.credit;
          INSERT INTO account_day_balance (account_code, day, debit, credit)
          SELECT l.account_code, b.date, sum(l.debit), sum(l.credit)
            FROM unnest(ids, dates) AS b(id, date)
            JOIN journal_line l ON l.entry_id = b.id
           GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (account_code, day) DO UPDATE
            SET debit = account_day_balance.debit + EXCLUDED.debit,
                credit = account_day_balance.credit + EXCLUDED.credit;
          -- The events by their entry (outbox_unsent_by_aggregate), each entry by its key.
          UPDATE outbox o SET payload = jsonb_set(o.payload, '{data,number}', to_jsonb(e.number))
            FROM journal_entry e
           WHERE o.aggregate_id = ANY(ids::text[]) AND o.sent_at IS NULL
             AND o.subject = '${accounting.journalEntryPosted.type}' AND e.id = o.aggregate_id::uuid;
          IF cardinality(reversed) > 0 THEN
            UPDATE outbox o SET payload = jsonb_set(o.payload, '{data,reversalNumber}', to_jsonb(e.number))
              FROM journal_entry e
             WHERE o.aggregate_id = ANY(reversed::text[]) AND o.sent_at IS NULL
               AND o.subject = '${accounting.journalEntryReversed.type}'
               AND e.reversal_of = o.aggregate_id::uuid AND e.id = ANY(ids);
          END IF;
        END IF;
        DELETE FROM journal_batch WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_batch_numbering AFTER INSERT ON journal_batch
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_batch_enter_books()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER journal_batch_numbering ON journal_batch');
    await q.query('DROP FUNCTION journal_batch_enter_books');
    await q.query('DROP TABLE journal_batch');
  }
}
