import type pg from 'pg';
import { countLedger, type Ledger } from '../../reliability/support/ledger.js';
import type { Flows, SoakRig } from './flows.js';

/**
 * What the soak left behind, counted from every run database once the system has settled, and the
 * invariants that must hold whatever failed on the way: books balanced, audit trail complete and
 * verifiable, every hire its onboarding ticket, every finalized payroll run exactly one journal
 * entry, every approval decision applied, nothing created twice by a retried request.
 */

export interface EffectRow {
  flow: string;
  /** Facts at the source (events committed, hires, runs finalized, ...). */
  source: number;
  published?: number;
  /** Their effects where they should land. */
  applied: number;
  duplicated: number;
  lost: number;
}

export interface Check {
  invariant: string;
  ok: boolean;
  detail: string;
}

export interface SoakState {
  effects: EffectRow[];
  checks: Check[];
  hires: Ledger;
  pendingApprovals: number;
  deadLetters: number;
  /** Observations for the report that are not invariants. */
  notes: string[];
}

const count = async (db: pg.Pool, sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: string }>(sql, params)).rows[0].n);

/** Audit trail: every event committed by any service, once. */
async function auditEffects(rig: SoakRig): Promise<EffectRow> {
  const committed = new Map<string, boolean>();
  for (const db of Object.values<pg.Pool>(rig.db)) {
    const rows = await db.query<{ event_id: string; sent: boolean }>(
      'SELECT event_id, sent_at IS NOT NULL AS sent FROM outbox',
    );
    for (const r of rows.rows) committed.set(r.event_id, r.sent);
  }
  const trail = await rig.db.compliance.query<{ event_id: string; n: number }>(
    'SELECT event_id, count(*)::int AS n FROM audit_entry GROUP BY event_id',
  );
  const inTrail = new Map(trail.rows.map((r) => [r.event_id, r.n]));
  let applied = 0;
  let duplicated = 0;
  for (const id of committed.keys()) {
    const n = inTrail.get(id) ?? 0;
    if (n > 0) applied++;
    duplicated += Math.max(0, n - 1);
  }
  return {
    flow: 'every event -> audit trail',
    source: committed.size,
    published: [...committed.values()].filter(Boolean).length,
    applied,
    duplicated,
    lost: committed.size - applied,
  };
}

/** A finalized payroll run -> exactly one journal entry in accounting. */
async function payrollEffects(rig: SoakRig): Promise<EffectRow> {
  const runs = (
    await rig.db.hr.query<{ id: string }>(`SELECT id::text FROM payroll_run WHERE status = 'FINALIZED'`)
  ).rows.map((r) => r.id);
  const entries = await rig.db.accounting.query<{ source_id: string; n: number }>(
    `SELECT source_id, count(*)::int AS n FROM journal_entry
      WHERE source = 'PAYROLL' AND source_id = ANY($1) GROUP BY source_id`,
    [runs],
  );
  return {
    flow: 'payroll finalized -> journal entry',
    source: runs.length,
    applied: entries.rows.length,
    duplicated: entries.rows.reduce((s, r) => s + r.n - 1, 0),
    lost: runs.length - entries.rows.length,
  };
}

/** Entries above the threshold -> one approval each in compliance; decisions -> posted or rejected. */
async function fourEyesEffects(rig: SoakRig): Promise<{ requested: EffectRow; decided: EffectRow }> {
  const entries = await rig.db.accounting.query<{ id: string; status: string }>(
    `SELECT id::text, status FROM journal_entry WHERE total > 10000`,
  );
  const ids = entries.rows.map((e) => e.id);
  const approvals = await rig.db.compliance.query<{ subject_id: string; n: number; statuses: string[] }>(
    `SELECT subject_id, count(*)::int AS n, array_agg(status) AS statuses FROM approval
      WHERE subject_type = 'JournalEntry' AND subject_id = ANY($1) GROUP BY subject_id`,
    [ids],
  );
  const bySubject = new Map(approvals.rows.map((a) => [a.subject_id, a]));
  let decided = 0;
  let applied = 0;
  for (const e of entries.rows) {
    const status = bySubject.get(e.id)?.statuses[0];
    if (status !== 'APPROVED' && status !== 'REJECTED') continue;
    decided++;
    if (
      (status === 'APPROVED' && e.status === 'POSTED') ||
      (status === 'REJECTED' && e.status === 'REJECTED')
    )
      applied++;
  }
  return {
    requested: {
      flow: 'entry above threshold -> approval',
      source: ids.length,
      applied: approvals.rows.length,
      duplicated: approvals.rows.reduce((s, a) => s + a.n - 1, 0),
      lost: ids.length - approvals.rows.length,
    },
    decided: {
      flow: 'approval decided -> entry posted/rejected',
      source: decided,
      applied,
      duplicated: 0,
      lost: decided - applied,
    },
  };
}

/** Whatever a retried request created: each business key at most once. */
async function createdOnce(rig: SoakRig): Promise<EffectRow> {
  const twice = (db: pg.Pool, table: string, key: string, where: string) =>
    count(
      db,
      `SELECT coalesce(sum(n - 1), 0) AS n, count(*) AS keys FROM
         (SELECT count(*) AS n FROM ${table} WHERE ${where} GROUP BY ${key}) g`,
    );
  const made = (db: pg.Pool, table: string, where: string) =>
    count(db, `SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  const parts: [pg.Pool, string, string, string][] = [
    [rig.db.hr, 'employee', 'email', `family_name = 'Soak'`],
    [rig.db.hr, 'leave_request', 'employee_id', 'true'],
    [rig.db.hr, 'payroll_run', 'period', 'true'],
    [rig.db.documents, 'document', 'title', `title LIKE 'Soak %'`],
    [rig.db.accounting, 'invoice', 'counterparty', `counterparty LIKE 'Soak %'`],
    [rig.db.accounting, 'payment', 'reference', `reference LIKE 'soak-%'`],
    [rig.db.accounting, 'settlement', 'payment_id', 'true'],
    [rig.db.accounting, 'journal_entry', 'reference', `reference LIKE 'soak-four-eyes-%'`],
  ];
  let source = 0;
  let duplicated = 0;
  for (const [db, table, key, where] of parts) {
    source += await made(db, table, where);
    duplicated += await twice(db, table, key, where);
  }
  return {
    flow: 'created once (retried requests)',
    source,
    applied: source - duplicated,
    duplicated,
    lost: 0,
  };
}

export async function soakState(rig: SoakRig): Promise<SoakState> {
  const employees = (
    await rig.db.hr.query<{ id: string }>(`SELECT id::text FROM employee WHERE family_name = 'Soak'`)
  ).rows.map((r) => r.id);
  const hires = await countLedger(rig.db, employees);
  const fourEyes = await fourEyesEffects(rig);
  const effects: EffectRow[] = [
    await auditEffects(rig),
    {
      flow: 'hire -> onboarding ticket',
      source: hires.committed,
      published: hires.published,
      applied: hires.applied,
      duplicated: hires.duplicated,
      lost: hires.lost,
    },
    await payrollEffects(rig),
    fourEyes.requested,
    fourEyes.decided,
    await createdOnce(rig),
  ];
  let deadLetters = 0;
  const notes: string[] = [];
  for (const [service, db] of Object.entries<pg.Pool>(rig.db)) {
    // What was parked, and why, in the report: the databases are dropped when the soak ends.
    const parked = await db.query<{ consumer: string; subject: string; error: string; deliveries: number }>(
      'SELECT consumer, subject, error, deliveries FROM dead_letter WHERE replayed_at IS NULL ORDER BY id',
    );
    deadLetters += parked.rows.length;
    for (const p of parked.rows)
      notes.push(
        `parked in ${service}: ${p.consumer} ${p.subject} after ${p.deliveries}: ${p.error.slice(0, 300)}`,
      );
  }
  const pendingApprovals = await count(
    rig.db.compliance,
    `SELECT count(*) AS n FROM approval WHERE status = 'PENDING'`,
  );
  return { effects, checks: [], hires, pendingApprovals, deadLetters, notes };
}

/** Everything that can still move has moved: no event in flight, no decision waiting. */
export function isSettled(s: SoakState): boolean {
  return (
    s.pendingApprovals === 0 && s.effects.every((e) => e.lost === 0 && (e.published ?? e.source) === e.source)
  );
}

/** The end-of-run invariants, read through the graph as users would, plus the counts above. */
export async function checkInvariants(rig: SoakRig, flows: Flows, s: SoakState): Promise<Check[]> {
  const { accountant, officer } = flows.clients;
  const checks: Check[] = [];
  const tb = await accountant.query('{ trialBalance(asOf: "2099-12-31") { totalDebit totalCredit } }');
  const t = tb.data?.trialBalance;
  checks.push({
    invariant: 'ledger balanced (trial balance debits = credits)',
    ok: !!t && t.totalDebit === t.totalCredit,
    detail: t ? `debit ${t.totalDebit}, credit ${t.totalCredit}` : JSON.stringify(tb.errors),
  });
  const unbalanced = await count(
    rig.db.accounting,
    `SELECT count(*) AS n FROM (SELECT entry_id FROM journal_line GROUP BY entry_id
       HAVING sum(debit) <> sum(credit)) u`,
  );
  checks.push({
    invariant: 'every journal entry balanced',
    ok: unbalanced === 0,
    detail: `${unbalanced} unbalanced`,
  });
  const audit = s.effects[0];
  checks.push({
    invariant: 'audit trail complete (every committed event, once)',
    ok: audit.lost === 0 && audit.duplicated === 0,
    detail: `${audit.applied}/${audit.source} events, ${audit.duplicated} twice`,
  });
  const v = await officer.query('{ verifyAuditTrail { valid checked firstInvalidSequence } }');
  const trail = await count(rig.db.compliance, 'SELECT count(*) AS n FROM audit_entry');
  const verified = v.data?.verifyAuditTrail;
  checks.push({
    invariant: 'audit trail verifiable (verifyAuditTrail)',
    ok: !!verified?.valid && verified.checked === trail,
    detail: verified
      ? `valid ${verified.valid}, checked ${verified.checked} of ${trail}`
      : JSON.stringify(v.errors),
  });
  checks.push({
    invariant: 'every hire has its onboarding ticket',
    ok: s.hires.lost === 0 && s.hires.hires === s.hires.applied - s.hires.duplicated,
    detail: `${s.hires.hires} hires, ${s.hires.applied} tickets, ${s.hires.lost} without`,
  });
  const confirmed = await count(rig.db.hr, 'SELECT count(*) AS n FROM employee WHERE id = ANY($1::uuid[])', [
    flows.hired,
  ]);
  checks.push({
    invariant: 'every hire the gateway confirmed exists',
    ok: confirmed === flows.hired.length,
    detail: `${confirmed}/${flows.hired.length}`,
  });
  // Not an invariant: a hire the client gave up on (no final answer) may have been committed; it
  // must then be whole (ticket and all, checked above), but the client never learnt its id.
  const unconfirmed = await count(rig.db.hr, 'SELECT count(*) AS n FROM employee WHERE email = ANY($1)', [
    flows.unconfirmed,
  ]);
  s.notes.push(
    `${flows.unconfirmed.length} hires given up on by the client, ${unconfirmed} of them committed`,
  );
  const payroll = s.effects[2];
  checks.push({
    invariant: 'every finalized payroll run exactly one journal entry',
    ok: payroll.lost === 0 && payroll.duplicated === 0,
    detail: `${payroll.source} runs, ${payroll.applied} booked, ${payroll.duplicated} twice`,
  });
  for (const e of s.effects.slice(3))
    checks.push({
      invariant: `${e.flow}: none lost, none twice`,
      ok: e.lost === 0 && e.duplicated === 0,
      detail: `${e.applied}/${e.source}`,
    });
  checks.push({
    invariant: 'no event parked in a dead-letter table',
    ok: s.deadLetters === 0,
    detail: `${s.deadLetters} parked`,
  });
  return checks;
}
