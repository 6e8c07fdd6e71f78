import { accounting } from '@backoffice/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes owned by accounting: an entry waiting for approval remembers the request it sent to
 * compliance (the event id, the role and the number of steps it asked for), and only a decision on that
 * request moves it. What was asked is fixed once asked. A rejected reversal no longer blocks a new one.
 */
export class FourEyesOwned1764202710000 implements MigrationInterface {
  name = 'FourEyesOwned1764202710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE journal_entry
        ADD COLUMN approval_request_id text,
        ADD COLUMN approval_role text,
        ADD COLUMN approval_steps int CHECK (approval_steps IN (1, 2)),
        ADD COLUMN approval_id text,
        ADD CHECK ((approval_request_id IS NULL) = (approval_role IS NULL AND approval_steps IS NULL))`);
    await q.query(
      'CREATE UNIQUE INDEX journal_entry_by_approval_request ON journal_entry (approval_request_id) WHERE approval_request_id IS NOT NULL',
    );
    // Entries already waiting: the request they sent is still in the outbox (within its retention).
    // An entry whose request is gone accepts no decision; post it again to ask anew.
    await q.query(`
      UPDATE journal_entry e
         SET approval_request_id = o.event_id,
             approval_role = coalesce(o.payload #>> '{data,requiredRole}', 'controller'),
             approval_steps = 1
        FROM (SELECT DISTINCT ON (aggregate_id) aggregate_id, event_id, payload
                FROM outbox WHERE subject = '${accounting.journalEntryApprovalRequested.type}'
               ORDER BY aggregate_id, id DESC) o
       WHERE e.status = 'PENDING_APPROVAL' AND o.aggregate_id = e.id::text`);
    await q.query(`
      CREATE FUNCTION journal_entry_approval_asked_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.approval_request_id IS NOT NULL
           AND (NEW.approval_request_id, NEW.approval_role, NEW.approval_steps)
               IS DISTINCT FROM (OLD.approval_request_id, OLD.approval_role, OLD.approval_steps) THEN
          RAISE EXCEPTION 'journal entry %: the approval it asked for cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.approval_id IS NOT NULL AND NEW.approval_id IS DISTINCT FROM OLD.approval_id THEN
          RAISE EXCEPTION 'journal entry %: its approval is recorded', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entry_approval_fixed BEFORE UPDATE ON journal_entry
      FOR EACH ROW EXECUTE FUNCTION journal_entry_approval_asked_once()`);
    await q.query('DROP INDEX journal_entry_one_reversal');
    await q.query(
      `CREATE UNIQUE INDEX journal_entry_one_reversal ON journal_entry (reversal_of)
        WHERE reversal_of IS NOT NULL AND status <> 'REJECTED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX journal_entry_one_reversal');
    await q.query(
      'CREATE UNIQUE INDEX journal_entry_one_reversal ON journal_entry (reversal_of) WHERE reversal_of IS NOT NULL',
    );
    await q.query('DROP TRIGGER journal_entry_approval_fixed ON journal_entry');
    await q.query('DROP FUNCTION journal_entry_approval_asked_once');
    await q.query('DROP INDEX journal_entry_by_approval_request');
    await q.query(
      'ALTER TABLE journal_entry DROP COLUMN approval_request_id, DROP COLUMN approval_role, DROP COLUMN approval_steps, DROP COLUMN approval_id',
    );
  }
}
