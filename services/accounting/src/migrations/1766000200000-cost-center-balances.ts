import { accounting } from '@backoffice/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Debit and credit per cost center, account and month / day, kept by the commit triggers that keep the
 * account balances, so `balanceByCostCenter` reads a few rows per cost center and account instead of
 * every line of its range. Only lines with a cost center go in: the lines without one (most of the books:
 * bank, VAT, receivables) are the account's balance less its cost centers', so posting them costs
 * nothing more at commit. Rows are added after the account balances, in key order, so the lock order
 * (counter rows, account rows, cost-center rows) is the same for every commit and nothing deadlocks.
 *
 * The per-entry and the batch commit triggers and the rebuild are written out again below with the
 * cost-center statements (as the daily balances did with the monthly ones); `down` writes them back
 * without. The tables are filled from the lines already in the books, with writers held off meanwhile.
 */

/** Adds the lines with a cost center of entries `ids` (dated `dates`) to the cost-center balances. */
const ADD_COST_CENTER_BALANCES = `
      CREATE FUNCTION cost_center_balances_add(ids uuid[], dates date[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO cost_center_month_balance (cost_center, account_code, month, debit, credit)
        SELECT l.cost_center, l.account_code, date_trunc('month', b.date)::date, sum(l.debit), sum(l.credit)
          FROM unnest(ids, dates) AS b(id, date)
          JOIN journal_line l ON l.entry_id = b.id
         WHERE l.cost_center IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (cost_center, account_code, month) DO UPDATE
          SET debit = cost_center_month_balance.debit + EXCLUDED.debit,
              credit = cost_center_month_balance.credit + EXCLUDED.credit;
        INSERT INTO cost_center_day_balance (cost_center, account_code, day, debit, credit)
        SELECT l.cost_center, l.account_code, b.date, sum(l.debit), sum(l.credit)
          FROM unnest(ids, dates) AS b(id, date)
          JOIN journal_line l ON l.entry_id = b.id
         WHERE l.cost_center IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (cost_center, account_code, day) DO UPDATE
          SET debit = cost_center_day_balance.debit + EXCLUDED.debit,
              credit = cost_center_day_balance.credit + EXCLUDED.credit;
      END $$`;

/** The per-entry commit trigger (daily-balances migration), with `costCenters` also the cost centers. */
const enterBooks = (costCenters: boolean) => `
      CREATE OR REPLACE FUNCTION journal_entry_enter_books() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        y int := extract(year FROM NEW.date)::int;
        n int;
        num text;
      BEGIN
        -- The row as it is now: an earlier event of this transaction may have numbered it already.
        PERFORM 1 FROM journal_entry
          WHERE id = NEW.id AND number IS NULL AND status IN ('POSTED', 'REVERSED');
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        INSERT INTO fiscal_year_counter (year, last_number) VALUES (y, 1)
          ON CONFLICT (year) DO UPDATE SET last_number = fiscal_year_counter.last_number + 1
          RETURNING last_number INTO n;
        num := y || '-' || lpad(n::text, greatest(6, length(n::text)), '0');
        UPDATE journal_entry SET number = num WHERE id = NEW.id;
        INSERT INTO account_month_balance (account_code, month, debit, credit)
        SELECT account_code, date_trunc('month', NEW.date)::date, sum(debit), sum(credit)
          FROM journal_line WHERE entry_id = NEW.id
         GROUP BY account_code ORDER BY account_code
        ON CONFLICT (account_code, month) DO UPDATE
          SET debit = account_month_balance.debit + EXCLUDED.debit,
              credit = account_month_balance.credit + EXCLUDED.credit;
        INSERT INTO account_day_balance (account_code, day, debit, credit)
        SELECT account_code, NEW.date, sum(debit), sum(credit)
          FROM journal_line WHERE entry_id = NEW.id
         GROUP BY account_code ORDER BY account_code
        ON CONFLICT (account_code, day) DO UPDATE
          SET debit = account_day_balance.debit + EXCLUDED.debit,
              credit = account_day_balance.credit + EXCLUDED.credit;
        ${costCenters ? 'PERFORM cost_center_balances_add(ARRAY[NEW.id], ARRAY[NEW.date]);' : ''}
        UPDATE outbox SET payload = jsonb_set(payload, '{data,number}', to_jsonb(num))
          WHERE sent_at IS NULL AND aggregate_id = NEW.id::text
            AND subject = '${accounting.journalEntryPosted.type}';
        IF NEW.reversal_of IS NOT NULL THEN
          UPDATE outbox SET payload = jsonb_set(payload, '{data,reversalNumber}', to_jsonb(num))
            WHERE sent_at IS NULL AND aggregate_id = NEW.reversal_of::text
              AND subject = '${accounting.journalEntryReversed.type}';
        END IF;
        RETURN NULL;
      END $$`;

/** The batch commit trigger (batch-enter-books migration), with `costCenters` also the cost centers. */
const batchEnterBooks = (costCenters: boolean) => `
      CREATE OR REPLACE FUNCTION journal_batch_enter_books() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
        dates date[];
        reversed uuid[];
        yr int;
        k int;
        top int;
      BEGIN
        SELECT coalesce(array_agg(e.id ORDER BY b.n), '{}'), coalesce(array_agg(e.date ORDER BY b.n), '{}'),
               coalesce(array_agg(e.reversal_of ORDER BY b.n) FILTER (WHERE e.reversal_of IS NOT NULL), '{}')
          INTO ids, dates, reversed
          FROM unnest(NEW.entry_ids) WITH ORDINALITY AS b(id, n)
          CROSS JOIN LATERAL (
            SELECT id, date, reversal_of FROM journal_entry
             WHERE id = b.id AND number IS NULL AND status IN ('POSTED', 'REVERSED') LIMIT 1) e;
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
          ${costCenters ? 'PERFORM cost_center_balances_add(ids, dates);' : ''}
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
      END $$`;

/** Every line in the books, with a cost center, into the cost-center balances (the tables empty). */
const FILL_COST_CENTERS = `
        INSERT INTO cost_center_month_balance (cost_center, account_code, month, debit, credit)
        SELECT l.cost_center, l.account_code, date_trunc('month', e.date)::date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED') AND l.cost_center IS NOT NULL
         GROUP BY 1, 2, 3;
        INSERT INTO cost_center_day_balance (cost_center, account_code, day, debit, credit)
        SELECT l.cost_center, l.account_code, e.date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED') AND l.cost_center IS NOT NULL
         GROUP BY 1, 2, 3;`;

/** Every balance table from the lines (after a bulk load with triggers off); with `costCenters` theirs too. */
const rebuild = (costCenters: boolean) => `
      CREATE OR REPLACE FUNCTION account_month_balance_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE account_month_balance IN EXCLUSIVE MODE;
        DELETE FROM account_month_balance;
        INSERT INTO account_month_balance (account_code, month, debit, credit)
        SELECT l.account_code, date_trunc('month', e.date)::date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED')
         GROUP BY 1, 2;
        LOCK TABLE account_day_balance IN EXCLUSIVE MODE;
        DELETE FROM account_day_balance;
        INSERT INTO account_day_balance (account_code, day, debit, credit)
        SELECT l.account_code, e.date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED')
         GROUP BY 1, 2;
        ${
          costCenters
            ? `LOCK TABLE cost_center_month_balance, cost_center_day_balance IN EXCLUSIVE MODE;
        DELETE FROM cost_center_month_balance;
        DELETE FROM cost_center_day_balance;
        ${FILL_COST_CENTERS}`
            : ''
        }
      END $$`;

export class CostCenterBalances1766000200000 implements MigrationInterface {
  name = 'CostCenterBalances1766000200000';

  async up(q: QueryRunner): Promise<void> {
    // No entry enters the books while the triggers change and the tables fill: one that committed with
    // the old trigger after the fill read the lines would be missing from the cost-center balances.
    await q.query('LOCK TABLE journal_entry IN SHARE MODE');
    for (const [table, period] of [
      ['cost_center_month_balance', 'month'],
      ['cost_center_day_balance', 'day'],
    ]) {
      await q.query(`
        CREATE TABLE ${table} (
          cost_center text NOT NULL,
          account_code text NOT NULL REFERENCES account (code),
          ${period} date NOT NULL${period === 'month' ? " CHECK (month = date_trunc('month', month)::date)" : ''},
          debit numeric NOT NULL CHECK (debit >= 0),
          credit numeric NOT NULL CHECK (credit >= 0),
          PRIMARY KEY (cost_center, account_code, ${period})
        )`);
      await q.query(`CREATE INDEX ${table}_by_${period} ON ${table} (${period})`);
    }
    await q.query(ADD_COST_CENTER_BALANCES);
    await q.query(enterBooks(true));
    await q.query(batchEnterBooks(true));
    await q.query(rebuild(true));
    await q.query(FILL_COST_CENTERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(rebuild(false));
    await q.query(batchEnterBooks(false));
    await q.query(enterBooks(false));
    await q.query('DROP FUNCTION cost_center_balances_add');
    await q.query('DROP TABLE cost_center_day_balance');
    await q.query('DROP TABLE cost_center_month_balance');
  }
}
