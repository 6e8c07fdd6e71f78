/** The statements the ledger writes entries with (ledger.ts), apart so that file stays readable. */
import { insertIntoOutbox } from '@backoffice/kit';

/**
 * An entry and its lines in one statement. Only lines on known, active accounts are written: fewer lines
 * back than asked means some account is unknown or inactive, without a lookup on every posting.
 */
export const INSERT_ENTRY_AND_LINES = `
  WITH entry AS (
    INSERT INTO journal_entry (date, description, reference, currency, total, status, source, source_id,
      reversal_of, author, posted_at, approval_request_id, approval_role, approval_steps)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $6 = 'POSTED' THEN now() END, $16, $17, $18)
    RETURNING id, seq, created_at, posted_at
  ), written AS (
    INSERT INTO journal_line (entry_id, line_no, account_code, debit, credit, cost_center, description)
    SELECT entry.id, l.line_no, l.account_code, l.debit, l.credit, l.cost_center, l.description
      FROM entry
      CROSS JOIN unnest($11::text[], $12::numeric[], $13::numeric[], $14::text[], $15::text[])
        WITH ORDINALITY AS l(account_code, debit, credit, cost_center, description, line_no)
      JOIN account a ON a.code = l.account_code AND a.active
    RETURNING 1
  )
  SELECT entry.*, (SELECT count(*)::int FROM written) AS lines FROM entry`;

/**
 * Several entries and all their lines in one statement (group commit), posted or (above the threshold)
 * pending a four-eyes approval. Ids are given here so each line finds its entry; as above, a line on an
 * unknown or inactive account is not written. The batch marker (`$22`, the posted entries' ids; none when
 * null) goes in first: the entries' insert reads from it, so the marker's row, and its deferred trigger,
 * are queued before any entry's (see `Ledger.enterBooksTogether`), without a round trip of its own. The
 * entries' events (`$23`-`$26`) go into the outbox in the same statement.
 */
export const INSERT_ENTRIES_AND_LINES = `
  WITH marker AS (
    INSERT INTO journal_batch (entry_ids) SELECT $22::uuid[] WHERE $22::uuid[] IS NOT NULL RETURNING id
  ), entry AS (
    INSERT INTO journal_entry (id, date, description, reference, currency, total, status, source, source_id,
      reversal_of, author, posted_at, approval_request_id, approval_role, approval_steps)
    SELECT e.id, e.date, e.description, e.reference, $1, e.total, e.status, e.source, e.source_id,
           e.reversal_of, e.author, CASE WHEN e.status = 'POSTED' THEN now() END, e.request_id, e.role, e.steps
      FROM unnest($2::uuid[], $3::date[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[],
                  $9::uuid[], $10::text[], $18::text[], $19::uuid[], $20::text[], $21::int[])
        WITH ORDINALITY AS e(id, date, description, reference, total, source, source_id, reversal_of, author,
                             status, request_id, role, steps, n)
      LEFT JOIN marker ON true
     ORDER BY e.n
    RETURNING id, seq, created_at, posted_at
  ), written AS (
    INSERT INTO journal_line (entry_id, line_no, account_code, debit, credit, cost_center, description)
    SELECT l.entry_id, l.line_no, l.account_code, l.debit, l.credit, l.cost_center, l.description
      FROM unnest($11::uuid[], $12::int[], $13::text[], $14::numeric[], $15::numeric[], $16::text[], $17::text[])
        AS l(entry_id, line_no, account_code, debit, credit, cost_center, description)
      JOIN entry ON entry.id = l.entry_id
      JOIN account a ON a.code = l.account_code AND a.active
    RETURNING entry_id
  ), events AS (
    ${insertIntoOutbox(23)}
  )
  SELECT entry.*, (SELECT count(*)::int FROM written w WHERE w.entry_id = entry.id) AS lines FROM entry`;
