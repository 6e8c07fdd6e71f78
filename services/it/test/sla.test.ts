import { it as itEvents } from '@backoffice/events';
import type { Identity } from '@backoffice/kit';
import type { TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it as test } from 'vitest';
import { SlaBreachJob } from '../src/tickets/ticket-sla-breach.job.js';
import { TicketAutoCloseJob } from '../src/tickets/ticket-auto-close.job.js';
import type { TicketStatus } from '../src/tickets/ticket.types.js';
import { type It, agent, contextFor, eventsOf, gql, hire, registerAgent, startIt } from './support.js';

let run: TestRun;
let it: It;
let requester: string;
let lead: string;
const desk = agent();

// Monday 2 March 2026, 09:00 in Amsterdam (CET, UTC+1): the start of a business day.
const MONDAY_0900 = new Date('2026-03-02T08:00:00Z');
const at = (iso: string) => new Date(iso);

async function openAt(now: Date, priority: 'P1' | 'P2' | 'P3' | 'P4', as: Identity = desk) {
  const ctx = contextFor(it, as);
  return it.services.tickets.create(
    ctx,
    { title: `SLA ${priority}`, category: 'SOFTWARE', priority, requesterEmployeeId: requester },
    now,
  );
}
const move = (id: string, to: TicketStatus, now: Date) =>
  it.services.tickets.transition(contextFor(it, desk), id, to, now);
const stored = async (id: string) =>
  (
    await it.deps.db.query(
      'SELECT priority, assignee_id, response_due_at, resolution_due_at, breach_recorded_at FROM ticket WHERE id = $1',
      [id],
    )
  )[0];
const breachEvents = async (id: string) =>
  (await eventsOf(it, id)).filter((t) => t === itEvents.ticketSlaBreached.type);

beforeAll(async () => {
  ({ run, it } = await startIt());
  [requester, lead] = await Promise.all([hire(it), hire(it)]);
  await registerAgent(it, lead, true);
});
afterAll(() => run?.cleanup());

describe('business-hours SLA', () => {
  test('waiting on the requester pushes the resolution due time back by the business time waited', async () => {
    const ticket = await openAt(MONDAY_0900, 'P2'); // response 4 business hours, resolution 1 business day
    expect((await stored(ticket.id)).response_due_at).toEqual(at('2026-03-02T12:00:00Z'));
    expect((await stored(ticket.id)).resolution_due_at).toEqual(at('2026-03-02T16:00:00Z'));

    await move(ticket.id, 'IN_PROGRESS', at('2026-03-02T09:00:00Z'));
    await move(ticket.id, 'WAITING_ON_REQUESTER', at('2026-03-02T10:00:00Z')); // 11:00 local
    await move(ticket.id, 'IN_PROGRESS', at('2026-03-02T13:00:00Z')); // 14:00 local: 3 business hours waited

    // 17:00 Monday + 3 business hours = 12:00 Tuesday local.
    const due = at('2026-03-03T11:00:00Z');
    expect((await stored(ticket.id)).resolution_due_at).toEqual(due);
    const r = await gql(
      it,
      'query($id: ID!) { ticket(id: $id) { sla { responseDueAt resolutionDueAt paused } } }',
      { id: ticket.id },
      desk,
    );
    expect(r.data.ticket.sla).toEqual({
      responseDueAt: '2026-03-02T12:00:00.000Z',
      resolutionDueAt: due.toISOString(),
      paused: false,
    });
    const history = await gql(
      it,
      'query($id: ID!) { ticket(id: $id) { history { kind toValue } } }',
      { id: ticket.id },
      desk,
    );
    expect(history.data.ticket.history.map((h: { toValue: string }) => h.toValue)).toEqual([
      'NEW',
      'IN_PROGRESS',
      'WAITING_ON_REQUESTER',
      'IN_PROGRESS',
    ]);
  });
});

describe('SLA breach job', () => {
  test('records a breach once, escalating the priority, however often and on how many replicas it runs', async () => {
    const ticket = await openAt(MONDAY_0900, 'P3'); // response due 17:00 local (16:00Z)
    const job = new SlaBreachJob(it.deps.db, it.services.tickets, it.services.agents, { kind: 'priority' });
    const replica = new SlaBreachJob(it.deps.db, it.services.tickets, it.services.agents, {
      kind: 'priority',
    });

    expect(await job.run(at('2026-03-02T15:59:00Z'))).not.toContain(ticket.id);
    expect(await breachEvents(ticket.id)).toEqual([]);

    const late = at('2026-03-02T16:30:00Z');
    const [a, b] = await Promise.all([job.run(late), replica.run(late)]);
    expect([...a, ...b].filter((id) => id === ticket.id)).toHaveLength(1);
    expect(await job.run(at('2026-03-03T16:30:00Z'))).not.toContain(ticket.id);
    expect(await breachEvents(ticket.id)).toHaveLength(1);

    const row = await stored(ticket.id);
    expect(row.priority).toBe('P2');
    expect(row.breach_recorded_at).toEqual(late);
    const [event] = await it.deps.db.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject = '${itEvents.ticketSlaBreached.type}'`,
      [ticket.id],
    );
    expect(event.payload.data).toEqual({
      ticketId: ticket.id,
      priority: 'P3',
      kinds: ['RESPONSE'],
      escalatedPriority: 'P2',
    });
    const [change] = await it.deps.db.query(
      `SELECT from_value, to_value, changed_by FROM ticket_change WHERE ticket_id = $1 AND kind = 'PRIORITY'`,
      [ticket.id],
    );
    expect(change).toEqual({ from_value: 'P3', to_value: 'P2', changed_by: 'system:it-sla' });
  });

  test('under SLA_ESCALATION=reassign hands the ticket to the lead; a paused ticket does not breach', async () => {
    const job = new SlaBreachJob(it.deps.db, it.services.tickets, it.services.agents, { kind: 'reassign' });
    const breached = await openAt(MONDAY_0900, 'P1'); // response due 10:00 local
    const parked = await openAt(MONDAY_0900, 'P1');
    await move(parked.id, 'IN_PROGRESS', at('2026-03-02T08:10:00Z'));
    await move(parked.id, 'WAITING_ON_REQUESTER', at('2026-03-02T08:20:00Z'));

    // Resolution of the parked one is due 13:00 local by the stored time, but it has waited since 09:20.
    const recorded = await job.run(at('2026-03-02T13:00:00Z'));
    expect(recorded).toContain(breached.id);
    expect(recorded).not.toContain(parked.id);
    expect((await stored(breached.id)).assignee_id).toBe(lead);
    expect((await stored(breached.id)).priority).toBe('P1');
    expect(await eventsOf(it, breached.id)).toEqual([
      itEvents.ticketCreated.type,
      itEvents.ticketAssigned.type,
      itEvents.ticketSlaBreached.type,
    ]);
    expect((await stored(parked.id)).breach_recorded_at).toBeNull();
  });

  test('a ticket resolved late before the job noticed is recorded, not escalated', async () => {
    const job = new SlaBreachJob(it.deps.db, it.services.tickets, it.services.agents, { kind: 'priority' });
    const ticket = await openAt(MONDAY_0900, 'P4');
    await move(ticket.id, 'RESOLVED', at('2026-03-10T08:00:00Z')); // 5 business days allowed, 6 taken
    expect(await job.run(at('2026-03-10T09:00:00Z'))).toContain(ticket.id);
    expect((await stored(ticket.id)).priority).toBe('P4');
    expect(await breachEvents(ticket.id)).toHaveLength(1);
  });
});

describe('auto-close job', () => {
  test('closes resolved tickets once the reopen window is over', async () => {
    const job = new TicketAutoCloseJob(it.deps.db, 7);
    const ticket = await openAt(MONDAY_0900, 'P3');
    await move(ticket.id, 'RESOLVED', at('2026-03-02T10:00:00Z'));
    expect(await job.run(at('2026-03-08T10:00:00Z'))).not.toContain(ticket.id);
    const closed = await job.run(at('2026-03-09T10:00:01Z'));
    expect(closed).toContain(ticket.id);
    const [row] = await it.deps.db.query('SELECT status, closed_at FROM ticket WHERE id = $1', [ticket.id]);
    expect(row).toEqual({ status: 'CLOSED', closed_at: at('2026-03-09T10:00:01Z') });
    expect((await eventsOf(it, ticket.id)).at(-1)).toBe(itEvents.ticketStatusChanged.type);
    expect(await job.run(at('2026-03-20T10:00:00Z'))).not.toContain(ticket.id);
  });
});
