import { hr as hrEvents } from '@backoffice/events';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * What happened to the `employee.hired` events of a set of hires, counted from the databases
 * themselves: hr's outbox (committed, published) and it's inbox and tickets (delivered, applied).
 */
export interface Ledger {
  /** Hires that committed (employee rows). */
  hires: number;
  /** `employee.hired` rows in hr's outbox. */
  committed: number;
  /** Of those, marked sent by the relay. */
  published: number;
  /** it-onboarding inbox rows for those events. */
  delivered: number;
  /** Onboarding tickets opened from those events. */
  applied: number;
  /** Effects beyond one per hire: extra onboarding tickets, or a "announced again" note for one hire. */
  duplicated: number;
  /** Hires without an onboarding ticket. */
  lost: number;
}

export const HIRED = hrEvents.employeeHired.type;

export async function countLedger(db: Record<'hr' | 'it', pg.Pool>, employeeIds: string[]): Promise<Ledger> {
  const hr = await db.hr.query<{ hires: number; committed: number; published: number; events: string[] }>(
    `SELECT (SELECT count(*)::int FROM employee WHERE id = ANY($1::uuid[])) AS hires,
            count(*)::int AS committed,
            count(sent_at)::int AS published,
            coalesce(array_agg(event_id), '{}') AS events
       FROM outbox WHERE subject = $2 AND aggregate_id = ANY($1::text[])`,
    [employeeIds, HIRED],
  );
  const { hires, committed, published, events } = hr.rows[0];
  const it = await db.it.query<{
    delivered: number;
    applied: number;
    extra: number;
    notes: number;
    lost: number;
  }>(
    `WITH tickets AS (
       SELECT requester_id, count(*)::int AS n FROM ticket
        WHERE category = 'ONBOARDING' AND requester_id = ANY($1::uuid[]) GROUP BY requester_id)
     SELECT (SELECT count(*)::int FROM inbox WHERE consumer = 'it-onboarding' AND event_id = ANY($2)) AS delivered,
            (SELECT count(*)::int FROM ticket WHERE source_event_id = ANY($2)) AS applied,
            (SELECT coalesce(sum(n - 1), 0)::int FROM tickets) AS extra,
            (SELECT count(*)::int FROM ticket_comment c JOIN ticket t ON t.id = c.ticket_id
              WHERE t.requester_id = ANY($1::uuid[]) AND c.author = 'system:it'
                AND c.body LIKE 'hr announced this hire again%') AS notes,
            (SELECT count(*)::int FROM unnest($1::uuid[]) AS e(id)
              WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.requester_id = e.id)) AS lost`,
    [employeeIds, events],
  );
  const r = it.rows[0];
  return {
    hires,
    committed,
    published,
    delivered: r.delivered,
    applied: r.applied,
    duplicated: r.extra + r.notes,
    lost: r.lost,
  };
}

/** Complete: every hire has its ticket and every committed event went all the way. */
export function settled(l: Ledger, expectedHires: number): boolean {
  return (
    l.hires === expectedHires &&
    l.committed === l.hires &&
    l.published === l.committed &&
    l.delivered === l.committed &&
    l.lost === 0
  );
}

// ---- the scenario table -------------------------------------------------------------------------

export interface ScenarioRow extends Partial<Ledger> {
  scenario: string;
  /** One short line on what the scenario saw beyond the counts (redeliveries, failed requests, ...). */
  notes?: string;
}

const COLUMNS: (keyof Ledger)[] = [
  'hires',
  'committed',
  'published',
  'delivered',
  'applied',
  'duplicated',
  'lost',
];

export function formatTable(rows: ScenarioRow[]): string {
  const header = ['scenario', ...COLUMNS, 'notes'];
  const body = rows.map((r) => [
    r.scenario,
    ...COLUMNS.map((c) => (r[c] === undefined ? '-' : String(r[c]))),
    r.notes ?? '',
  ]);
  return textTable(header, body);
}

/** A plain-text table: first and last columns left-aligned (names, notes), the counts between right-aligned. */
export function textTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n');
}

/**
 * Collects a file's rows; `flush` prints them and appends them to the suite's results file when
 * the reliability config provides one (its global teardown prints the whole table).
 */
export function scenarioTable(resultsFile: string | undefined) {
  const rows: ScenarioRow[] = [];
  return {
    add(row: ScenarioRow) {
      rows.push(row);
    },
    flush() {
      if (rows.length === 0) return;
      if (resultsFile) for (const r of rows) appendFileSync(resultsFile, `${JSON.stringify(r)}\n`);
      console.log(`\n${formatTable(rows)}\n`);
    },
  };
}

export function readResults(file: string): ScenarioRow[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ScenarioRow)
    .sort((a, b) => a.scenario.localeCompare(b.scenario, 'en', { numeric: true }));
}
