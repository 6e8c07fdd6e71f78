import { accounting } from '@backoffice/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const MONTHS = `
        INSERT INTO account_month_balance (account_code, month, debit, credit)
        SELECT account_code, date_trunc('month', NEW.date)::date, sum(debit), sum(credit)
          FROM journal_line WHERE entry_id = NEW.id
         GROUP BY account_code ORDER BY account_code
        ON CONFLICT (account_code, month) DO UPDATE
          SET debit = account_month_balance.debit + EXCLUDED.debit,
              credit = account_month_balance.credit + EXCLUDED.credit;`;

const DAYS = `
        INSERT INTO account_day_balance (account_code, day, debit, credit)
        SELECT account_code, NEW.date, sum(debit), sum(credit)
          FROM journal_line WHERE entry_id = NEW.id
         GROUP BY account_code ORDER BY account_code
        ON CONFLICT (account_code, day) DO UPDATE
          SET debit = account_day_balance.debit + EXCLUDED.debit,
              credit = account_day_balance.credit + EXCLUDED.credit;`;

/** The commit trigger (numbering, monthly balances, events), with `days` also the daily balances. */
const enterBooks = (days: boolean) => `
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
        ${MONTHS}
        ${days ? DAYS : ''}
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

const rebuild = (days: boolean) => `
      CREATE OR REPLACE FUNCTION account_month_balance_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE account_month_balance IN EXCLUSIVE MODE;
        DELETE FROM account_month_balance;
        INSERT INTO account_month_balance (account_code, month, debit, credit)
        SELECT l.account_code, date_trunc('month', e.date)::date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED')
         GROUP BY 1, 2;
        ${
          days
            ? `LOCK TABLE account_day_balance IN EXCLUSIVE MODE;
        DELETE FROM account_day_balance;
        INSERT INTO account_day_balance (account_code, day, debit, credit)
        SELECT l.account_code, e.date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED')
         GROUP BY 1, 2;`
            : ''
        }
      END $$`;

/**
 * Each account's debits and credits per day, beside the monthly ones: a trial balance as of a date inside
 * a month takes that month's days up to the date from here (at most 31 rows per account) instead of
 * summing the month's lines, which on a busy month cost more than the whole year's monthly balances.
 * Kept by the same commit trigger, backfilled here; `account_month_balance_rebuild()` now rebuilds both.
 */
export class DailyBalances1764202600000 implements MigrationInterface {
  name = 'DailyBalances1764202600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_day_balance (
        account_code text NOT NULL REFERENCES account (code),
        day date NOT NULL,
        debit numeric NOT NULL CHECK (debit >= 0),
        credit numeric NOT NULL CHECK (credit >= 0),
        PRIMARY KEY (account_code, day)
      )`);
    await q.query('CREATE INDEX account_day_balance_by_day ON account_day_balance (day)');
    await q.query(rebuild(true));
    await q.query('SELECT account_month_balance_rebuild()');
    await q.query(enterBooks(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(enterBooks(false));
    await q.query(rebuild(false));
    await q.query('DROP TABLE account_day_balance');
  }
}
