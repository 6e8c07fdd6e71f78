import { type TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it as test } from 'vitest';
import { TicketStatsRollup1764204000000 } from '../src/migrations/1764204000000-ticket-stats-rollup.js';
import type { TicketStatsDimension } from '../src/reports/ticket-stats.service.js';
import type { TicketStatus } from '../src/tickets/ticket.types.js';
import { type It, agent, contextFor, hire, startIt } from './support.js';

/**
 * The rollup's answers (issue 26) against the statement over live rows, for random ticket histories:
 * opened across day boundaries, answered, paused, resolved, reopened, closed, reassigned (and
 * unassigned), changed by plain SQL (priority, category, deletion) as a migration or job might, and
 * after the backfill rebuilds the rollup from scratch. Every dimension alone and in pairs, with
 * ranges cut at whole days, mid-day and shorter than a day.
 */
let run: TestRun;
let it: It;
let requester: string;
const agents: string[] = [];
const desk = agent();

// A seeded generator, so a failure names the seed that reproduces it.
const SEED = Number(process.env.STATS_SEED ?? Date.now() % 100_000);
let state = SEED;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const START = Date.parse('2027-03-01T00:00:00Z');
const DAY = 86_400_000;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const CATEGORIES = ['HARDWARE', 'SOFTWARE', 'ACCESS', 'NETWORK'] as const;
const DIMENSIONS: TicketStatsDimension[][] = [
  [],
  ['STATUS'],
  ['PRIORITY'],
  ['CATEGORY'],
  ['ASSIGNEE'],
  ['PRIORITY', 'CATEGORY'],
  ['ASSIGNEE', 'STATUS'],
  ['STATUS', 'PRIORITY', 'CATEGORY'],
  ['CATEGORY', 'STATUS'],
];

beforeAll(async () => {
  ({ run, it } = await startIt());
  requester = await hire(it);
  for (let i = 0; i < 3; i++) {
    const id = await hire(it);
    await it.deps.db.query('INSERT INTO it_agent (employee_id) VALUES ($1)', [id]);
    agents.push(id);
  }
});
afterAll(() => run?.cleanup());

/** A few days of tickets, each taken through a random walk of the workflow at increasing times. */
async function randomHistory(tickets: number) {
  const ctx = contextFor(it, desk);
  const walks: Record<string, TicketStatus[]> = {
    NEW: ['TRIAGED', 'IN_PROGRESS', 'RESOLVED'],
    TRIAGED: ['IN_PROGRESS', 'WAITING_ON_REQUESTER', 'RESOLVED'],
    IN_PROGRESS: ['WAITING_ON_REQUESTER', 'RESOLVED'],
    WAITING_ON_REQUESTER: ['IN_PROGRESS', 'RESOLVED'],
    RESOLVED: ['IN_PROGRESS', 'CLOSED'], // IN_PROGRESS: reopened within the window
    CLOSED: [],
  };
  for (let n = 0; n < tickets; n++) {
    let now = START + random() * 4 * DAY;
    const t = await it.services.tickets.create(
      ctx,
      {
        title: `t${n}`,
        category: pick(CATEGORIES),
        priority: pick(PRIORITIES),
        requesterEmployeeId: requester,
      },
      new Date(now),
    );
    if (random() < 0.7) await it.services.tickets.assign(ctx, t.id, pick(agents));
    let status: TicketStatus = 'NEW';
    for (let step = Math.floor(random() * 6); step > 0; step--) {
      const next: TicketStatus[] = walks[status];
      if (next.length === 0) break;
      now += random() * 2 * DAY;
      if (random() < 0.3) {
        await it.services.tickets.assign(ctx, t.id, random() < 0.2 ? null : pick(agents));
      }
      status = pick(next);
      await it.services.tickets.transition(ctx, t.id, status, new Date(now));
    }
  }
  // Changes that do not go through the service: the rollup follows them all the same.
  const db = it.deps.db;
  await db.query(`UPDATE ticket SET priority = 'P1' WHERE number % 7 = 0`);
  await db.query(`UPDATE ticket SET category = 'OTHER', assignee_id = NULL WHERE number % 11 = 0`);
  await db.query(
    `DELETE FROM ticket_change WHERE ticket_id IN (SELECT id FROM ticket WHERE number % 13 = 0)`,
  );
  await db.query(
    `DELETE FROM ticket_sla_pause WHERE ticket_id IN (SELECT id FROM ticket WHERE number % 13 = 0)`,
  );
  await db.query(
    `DELETE FROM ticket_watcher WHERE ticket_id IN (SELECT id FROM ticket WHERE number % 13 = 0)`,
  );
  await db.query(
    `DELETE FROM ticket_comment WHERE ticket_id IN (SELECT id FROM ticket WHERE number % 13 = 0)`,
  );
  await db.query(`DELETE FROM ticket WHERE number % 13 = 0`);
}

function ranges(): { from: Date; to: Date }[] {
  const out = [
    { from: new Date(START - DAY), to: new Date(START + 10 * DAY) }, // every ticket, whole days
    { from: new Date(START + DAY), to: new Date(START + 3 * DAY) }, // whole days inside
    { from: new Date(START + 0.4 * DAY), to: new Date(START + 0.6 * DAY) }, // within one day
  ];
  for (let i = 0; i < 6; i++) {
    const a = START + random() * 5 * DAY;
    const b = START + random() * 5 * DAY;
    out.push({ from: new Date(Math.min(a, b)), to: new Date(Math.max(a, b) + 1) });
  }
  return out;
}

async function expectRollupEqualsLiveRows() {
  const stats = it.services.stats;
  for (const { from, to } of ranges()) {
    for (const dims of DIMENSIONS) {
      const live = await stats.statsOverTickets(from, to, dims);
      const answered = await stats.stats(from, to, dims);
      expect(answered, `seed ${SEED}, ${from.toISOString()}..${to.toISOString()} by ${dims}`).toEqual(live);
    }
  }
}

describe('ticketStats from the daily rollup', () => {
  test('equals the figures over live rows for a random history, and again after the backfill', async () => {
    await randomHistory(60);
    const [{ n }] = await it.deps.db.query('SELECT count(*)::int AS n FROM ticket');
    expect(n).toBeGreaterThan(40);
    const [{ resolved }] = await it.deps.db.query('SELECT count(resolved_at)::int AS resolved FROM ticket');
    expect(resolved).toBeGreaterThan(5); // the p90s have something to rank
    await expectRollupEqualsLiveRows();

    // The backfill (the migration's, for the tickets that existed before it) rebuilds the same rollup.
    const before = await it.deps.db.query(
      'SELECT * FROM ticket_stats_day WHERE tickets <> 0 ORDER BY day, status, priority, category',
    );
    await TicketStatsRollup1764204000000.backfill(it.deps.db);
    const after = await it.deps.db.query(
      'SELECT * FROM ticket_stats_day ORDER BY day, status, priority, category',
    );
    expect(after).toEqual(before);
    await expectRollupEqualsLiveRows();
  }, 180_000); // some 200 statistics calls and a few hundred workflow steps, on a shared machine

  test('a rollup that has drifted from the tickets is caught', async () => {
    // The comparison above can fail: one ticket too many in a whole day of the rollup shows.
    const day = new Date(START + DAY);
    await it.deps.db.query(
      `UPDATE ticket_stats_day SET tickets = tickets + 1
        WHERE (day, status, priority, category) IN (SELECT day, status, priority, category FROM ticket_stats_day
                                                     WHERE day = $1::date AND tickets > 0 LIMIT 1)`,
      [day.toISOString().slice(0, 10)],
    );
    const from = new Date(START);
    const to = new Date(START + 3 * DAY);
    const live = await it.services.stats.statsOverTickets(from, to, []);
    const answered = await it.services.stats.stats(from, to, []);
    expect(answered.total.count).toBe(live.total.count + 1);
    await TicketStatsRollup1764204000000.backfill(it.deps.db);
    expect(await it.services.stats.stats(from, to, [])).toEqual(live);
  });
});
