import { accounting } from '@backoffice/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gapless entry numbers taken at commit, by the database. The counter row of a fiscal year is locked from
 * the moment a number is taken until commit, so every posting waits for the one before it to commit: taken
 * early, that lock covered the whole posting (its lines, its checks, its round trips) and postings ran one
 * at a time. Now an entry enters the books unnumbered and a deferred trigger numbers it as the last thing
 * before its transaction commits, so the lock covers only the commit itself. A transaction that rolls back
 * never reaches the trigger and never burns a number.
 *
 * The number comes only from the counter: an insert that brings its own is refused, and the one change
 * allowed to a posted entry besides its reversal is that trigger setting the number once.
 */
export class NumberAtCommit1764202400000 implements MigrationInterface {
  name = 'NumberAtCommit1764202400000';

  async up(q: QueryRunner): Promise<void> {
    // Was: a number exactly when in the books. Between insert and commit a posted entry has none yet.
    await q.query('ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_check');
    await q.query(
      `ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_number_only_in_books
         CHECK (number IS NULL OR status IN ('POSTED', 'REVERSED'))`,
    );

    await q.query(`
      CREATE FUNCTION journal_entry_number_from_counter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.number IS NOT NULL THEN
          RAISE EXCEPTION 'journal entry numbers are given at commit from the fiscal year counter, never by the writer'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entry_number_given BEFORE INSERT ON journal_entry
      FOR EACH ROW EXECUTE FUNCTION journal_entry_number_from_counter()`);

    // The guard as before, except: a pending entry is posted without a number (the commit gives it one),
    // and the numbering trigger (only it: pg_trigger_depth() > 1) may set the number of a posted entry once.
    await q.query(`
      CREATE OR REPLACE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'journal entries are never deleted' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (NEW.id, NEW.seq, NEW.date, NEW.description, NEW.reference, NEW.currency, NEW.total, NEW.source,
            NEW.source_id, NEW.reversal_of, NEW.author, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.seq, OLD.date, OLD.description, OLD.reference, OLD.currency, OLD.total, OLD.source,
            OLD.source_id, OLD.reversal_of, OLD.author, OLD.created_at) THEN
          RAISE EXCEPTION 'journal entry % is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF pg_trigger_depth() > 1 AND OLD.number IS NULL AND NEW.number IS NOT NULL
           AND OLD.status IN ('POSTED', 'REVERSED') AND NEW.status = OLD.status
           AND (NEW.posted_at, NEW.decided_by, NEW.decision_comment)
               IS NOT DISTINCT FROM (OLD.posted_at, OLD.decided_by, OLD.decision_comment) THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'POSTED' AND NEW.status = 'REVERSED'
           AND (NEW.number, NEW.posted_at, NEW.decided_by, NEW.decision_comment)
               IS NOT DISTINCT FROM (OLD.number, OLD.posted_at, OLD.decided_by, OLD.decision_comment) THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'PENDING_APPROVAL' AND NEW.status IN ('POSTED', 'REJECTED', 'PENDING_APPROVAL')
           AND NEW.number IS NULL THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'journal entry % is % and cannot become % (number %)', OLD.id, OLD.status, NEW.status,
          coalesce(NEW.number, 'none') USING ERRCODE = 'integrity_constraint_violation';
      END $$`);

    // At commit: the next number of the entry's fiscal year, and the same number into the events this
    // transaction recorded about the entry (they were written before the number existed).
    await q.query(`
      CREATE FUNCTION journal_entry_enter_books() RETURNS trigger LANGUAGE plpgsql AS $$
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
        UPDATE outbox SET payload = jsonb_set(payload, '{data,number}', to_jsonb(num))
          WHERE sent_at IS NULL AND aggregate_id = NEW.id::text
            AND subject = '${accounting.journalEntryPosted.type}';
        IF NEW.reversal_of IS NOT NULL THEN
          UPDATE outbox SET payload = jsonb_set(payload, '{data,reversalNumber}', to_jsonb(num))
            WHERE sent_at IS NULL AND aggregate_id = NEW.reversal_of::text
              AND subject = '${accounting.journalEntryReversed.type}';
        END IF;
        RETURN NULL;
      END $$`);
    // Named to fire after journal_entry_balance on the same row: an entry that does not balance fails
    // before it takes a number. The WHEN is evaluated at the write, so only entries entering the books queue.
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_numbering AFTER INSERT OR UPDATE OF status ON journal_entry
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.number IS NULL AND NEW.status IN ('POSTED', 'REVERSED'))
      EXECUTE FUNCTION journal_entry_enter_books()`);
    // The events the trigger completes are found among the unsent ones by their entry.
    await q.query('CREATE INDEX outbox_unsent_by_aggregate ON outbox (aggregate_id) WHERE sent_at IS NULL');

    // The period row is share-locked by every posting: look first, create only when missing (an
    // INSERT ... ON CONFLICT on every posting costs a speculative insert each time).
    await q.query(`
      CREATE OR REPLACE FUNCTION journal_entry_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        p text := to_char(NEW.date, 'YYYY-MM');
        s text;
      BEGIN
        IF NEW.status <> 'POSTED' OR (TG_OP = 'UPDATE' AND OLD.status = 'POSTED') THEN
          RETURN NEW;
        END IF;
        SELECT status INTO s FROM fiscal_period WHERE period = p FOR SHARE;
        IF NOT FOUND THEN
          INSERT INTO fiscal_period (period) VALUES (p) ON CONFLICT DO NOTHING;
          SELECT status INTO s FROM fiscal_period WHERE period = p FOR SHARE;
        END IF;
        IF s = 'CLOSED' THEN
          RAISE EXCEPTION 'period % is closed', p USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX outbox_unsent_by_aggregate');
    await q.query('DROP TRIGGER journal_entry_numbering ON journal_entry');
    await q.query('DROP FUNCTION journal_entry_enter_books');
    await q.query('DROP TRIGGER journal_entry_number_given ON journal_entry');
    await q.query('DROP FUNCTION journal_entry_number_from_counter');
    await q.query('ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_number_only_in_books');
    await q.query(
      `ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_check
         CHECK ((number IS NOT NULL) = (status IN ('POSTED', 'REVERSED')))`,
    );
  }
}
