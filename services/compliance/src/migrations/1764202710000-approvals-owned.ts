import type { MigrationInterface, QueryRunner } from 'typeorm';

const UUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/**
 * One subject id, one spelling: UUID subject ids are stored in lower case (the database refuses any other),
 * so "one pending approval per subject" holds whatever case a requester typed. Pending approvals that only
 * differed by case, and pending journal entry approvals accounting never asked for (asked through the
 * graph before accounting owned them), expire; accounting ignores their decisions in any case.
 */
export class ApprovalsOwned1764202710000 implements MigrationInterface {
  name = 'ApprovalsOwned1764202710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE approval a
         SET status = 'EXPIRED', decided_at = clock_timestamp(),
             comment = 'superseded: the same subject is pending under another spelling of its id'
       WHERE a.status = 'PENDING' AND a.subject_id ~ ${UUID}
         AND EXISTS (SELECT 1 FROM approval b
                      WHERE b.status = 'PENDING' AND b.subject_type = a.subject_type
                        AND lower(b.subject_id) = lower(a.subject_id)
                        AND (b.created_at, b.id) < (a.created_at, a.id))`);
    await q.query(`
      UPDATE approval
         SET status = 'EXPIRED', decided_at = clock_timestamp(),
             comment = 'superseded: journal entry approvals are asked by accounting itself'
       WHERE status = 'PENDING' AND subject_type = 'JournalEntry' AND source_event_id IS NULL`);
    await q.query(
      `UPDATE approval SET subject_id = lower(subject_id) WHERE subject_id ~ ${UUID} AND subject_id <> lower(subject_id)`,
    );
    await q.query(
      `ALTER TABLE approval ADD CONSTRAINT approval_subject_id_normalised
         CHECK (subject_id !~ ${UUID} OR subject_id = lower(subject_id))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE approval DROP CONSTRAINT approval_subject_id_normalised');
  }
}
