import { recordStatements, testIdentity, type TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it as test } from 'vitest';
import type { TicketStatus } from '../src/tickets/ticket.types.js';
import { type It, agent, contextFor, employee, gql, hire, startIt } from './support.js';

let run: TestRun;
let it: It;
let requester: string;
const desk = agent();
const analyst = testIdentity(['analyst']);
const at = (iso: string) => new Date(iso);

async function openAt(now: Date, priority: 'P1' | 'P2' | 'P3' | 'P4', category = 'HARDWARE') {
  return it.services.tickets.create(
    contextFor(it, desk),
    {
      title: `${priority} ${category}`,
      category: category as never,
      priority,
      requesterEmployeeId: requester,
    },
    now,
  );
}
const move = (id: string, to: TicketStatus, now: Date) =>
  it.services.tickets.transition(contextFor(it, desk), id, to, now);

beforeAll(async () => {
  ({ run, it } = await startIt());
  requester = await hire(it);
});
afterAll(() => run?.cleanup());

const STATS = `query($from: DateTime!, $to: DateTime!, $by: [TicketStatsDimension!]) {
  ticketStats(from: $from, to: $to, groupBy: $by) {
    total { count resolved slaCompliancePercent meanFirstResponseMinutes p90FirstResponseMinutes meanResolutionMinutes p90ResolutionMinutes }
    groups { priority category count resolved slaCompliancePercent meanFirstResponseMinutes }
  }
}`;

describe('ticketStats', () => {
  test('counts, SLA compliance, mean and p90 response and resolution times on a known set', async () => {
    // Monday 4 January 2027, 09:00 in Amsterdam (08:00Z).
    const a = await openAt(at('2027-01-04T08:00:00Z'), 'P2', 'HARDWARE');
    await move(a.id, 'IN_PROGRESS', at('2027-01-04T08:30:00Z')); // answered after 30 min
    await move(a.id, 'RESOLVED', at('2027-01-04T10:00:00Z')); // resolved after 120 min, due 17:00 local
    const b = await openAt(at('2027-01-04T08:00:00Z'), 'P2', 'SOFTWARE');
    await move(b.id, 'IN_PROGRESS', at('2027-01-04T09:00:00Z')); // 60 min
    await move(b.id, 'RESOLVED', at('2027-01-05T12:00:00Z')); // 1680 min, a day late
    await openAt(at('2027-01-04T08:00:00Z'), 'P3', 'HARDWARE'); // still open, unanswered
    await openAt(at('2027-01-06T08:00:00Z'), 'P4', 'HARDWARE'); // outside the range

    const range = { from: '2027-01-04T00:00:00Z', to: '2027-01-05T00:00:00Z' };
    const r = await gql(it, STATS, { ...range, by: ['PRIORITY'] }, analyst);
    expect(r.errors).toBeUndefined();
    expect(r.data.ticketStats.total).toEqual({
      count: 3,
      resolved: 2,
      slaCompliancePercent: 50,
      meanFirstResponseMinutes: 45,
      p90FirstResponseMinutes: 57, // 30 + 0.9 * (60 - 30)
      meanResolutionMinutes: 900,
      p90ResolutionMinutes: 1524, // 120 + 0.9 * (1680 - 120)
    });
    expect(r.data.ticketStats.groups).toEqual([
      {
        priority: 'P2',
        category: null,
        count: 2,
        resolved: 2,
        slaCompliancePercent: 50,
        meanFirstResponseMinutes: 45,
      },
      {
        priority: 'P3',
        category: null,
        count: 1,
        resolved: 0,
        slaCompliancePercent: null,
        meanFirstResponseMinutes: null,
      },
    ]);

    const byCategory = await gql(it, STATS, { ...range, by: ['CATEGORY'] }, desk);
    expect(
      byCategory.data.ticketStats.groups.map(
        (g: { category: string; count: number; slaCompliancePercent: number }) => [
          g.category,
          g.count,
          g.slaCompliancePercent,
        ],
      ),
    ).toEqual([
      ['HARDWARE', 2, 100],
      ['SOFTWARE', 1, 0],
    ]);

    const ungrouped = await gql(it, STATS, range, analyst);
    expect(ungrouped.data.ticketStats.groups).toEqual([]);
    expect(ungrouped.data.ticketStats.total.count).toBe(3);

    const backwards = await gql(it, STATS, { from: range.to, to: range.from }, analyst);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const asEmployee = await gql(it, STATS, range, employee(requester));
    expect(asEmployee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('ticketBacklog', () => {
  test('counts open tickets by priority and age', async () => {
    const BACKLOG = '{ ticketBacklog { priority days0To1 days1To3 days3To7 days7Plus total } }';
    const before = (await gql(it, BACKLOG, {}, analyst)).data.ticketBacklog;
    const now = Date.now();
    const ages = [0.5, 2, 5, 10, 10]; // days
    for (const days of ages) {
      const t = await openAt(new Date(now - days * 86_400_000), 'P1', 'NETWORK');
      void t;
    }
    const resolved = await openAt(new Date(now - 2 * 86_400_000), 'P1', 'NETWORK');
    await move(resolved.id, 'RESOLVED', new Date(now - 86_400_000));
    const after = (await gql(it, BACKLOG, {}, analyst)).data.ticketBacklog;
    expect(after.map((r: { priority: string }) => r.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    const delta = Object.fromEntries(
      Object.entries(after[0]).map(([k, v]) => [k, typeof v === 'number' ? v - before[0][k] : v]),
    );
    expect(delta).toEqual({ priority: 'P1', days0To1: 1, days1To3: 1, days3To7: 1, days7Plus: 2, total: 5 });
  });
});

describe('entity batching', () => {
  test('resolves 100 Ticket references with one statement per kind, however many', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await openAt(new Date(), 'P3', 'OTHER')).id);
    const statements = async (count: number) => {
      const { sql } = await recordStatements(it.deps.db, async () => {
        const r = await gql(
          it,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id number status sla { breached } watchers { id } comments { body } history { kind } } } }`,
          { r: ids.slice(0, count).map((id) => ({ __typename: 'Ticket', id })) },
          desk,
        );
        expect(r.errors).toBeUndefined();
        expect(r.data._entities).toHaveLength(count);
        expect(r.data._entities.map((t: { id: string }) => t.id)).toEqual(ids.slice(0, count));
      });
      return sql;
    };
    const one = await statements(1);
    const hundred = await statements(100);
    // Tickets, SLA pauses, watchers, comments, history: five statements either way.
    expect(hundred).toHaveLength(5);
    expect(one).toHaveLength(hundred.length);
  });
});
