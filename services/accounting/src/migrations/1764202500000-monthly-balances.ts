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

/**
 * The commit trigger of the number-at-commit migration, now (with `months`) also adding the entry's lines
 * to its month. It runs with the year's counter locked, so concurrent commits update these rows one after
 * the other, in account order: no deadlocks between postings.
 */
const enterBooks = (months: boolean) => `
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
        ${months ? MONTHS : ''}
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

/**
 * Each account's debits and credits per calendar month, for what is in the books: a trial balance as of
 * a date is the full months before it from here plus the lines of its own month, not every line ever
 * posted. Kept by the database itself, in the transaction that brings an entry into the books (the commit
 * trigger that numbers it), so no code path can post without it; filled here from the lines already
 * posted. `account_month_balance_rebuild()` recomputes it from the lines (after a bulk load that ran with
 * triggers off, for one).
 */
export class MonthlyBalances1764202500000 implements MigrationInterface {
  name = 'MonthlyBalances1764202500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_month_balance (
        account_code text NOT NULL REFERENCES account (code),
        month date NOT NULL CHECK (month = date_trunc('month', month)::date),
        debit numeric NOT NULL CHECK (debit >= 0),
        credit numeric NOT NULL CHECK (credit >= 0),
        PRIMARY KEY (account_code, month)
      )`);
    await q.query('CREATE INDEX account_month_balance_by_month ON account_month_balance (month)');

    await q.query(`
      CREATE FUNCTION account_month_balance_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE account_month_balance IN EXCLUSIVE MODE;
        DELETE FROM account_month_balance;
        INSERT INTO account_month_balance (account_code, month, debit, credit)
        SELECT l.account_code, date_trunc('month', e.date)::date, sum(l.debit), sum(l.credit)
          FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
         WHERE e.status IN ('POSTED', 'REVERSED')
         GROUP BY 1, 2;
      END $$`);
    await q.query('SELECT account_month_balance_rebuild()');

    await q.query(enterBooks(true));

    // An entry's lines are final once it is in the books (it has a number): no line may be added later,
    // which the monthly balances (taken at commit) would never see.
    await q.query(`
      CREATE FUNCTION journal_line_entry_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM journal_entry WHERE id = NEW.entry_id AND number IS NOT NULL) THEN
          RAISE EXCEPTION 'journal entry % is in the books: its lines are final; post a new entry instead',
            NEW.entry_id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_line_into_open_entry BEFORE INSERT ON journal_line
      FOR EACH ROW EXECUTE FUNCTION journal_line_entry_open()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER journal_line_into_open_entry ON journal_line');
    await q.query('DROP FUNCTION journal_line_entry_open');
    await q.query(enterBooks(false));
    await q.query('DROP FUNCTION account_month_balance_rebuild');
    await q.query('DROP TABLE account_month_balance');
  }
}
