import { it as itEvents } from '@backoffice/events';
import { type TestRun, testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it as test } from 'vitest';
import { type It, agent, employee, eventsOf, gql, hire, registerAgent, startIt } from './support.js';

let run: TestRun;
let it: It;
let requester: string;
let colleague: string;
let agentEmployee: string;
let outsider: string;

const CREATE = `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id status } }`;
const MOVE = `mutation($id: ID!, $to: TicketStatus!) { transitionTicket(id: $id, to: $to) { status allowedTransitions } }`;
const COMMENT = `mutation($id: ID!, $b: String!, $x: Boolean) { commentOnTicket(id: $id, body: $b, internal: $x) { id internal } }`;

async function openTicket(title = 'Laptop will not boot'): Promise<string> {
  const r = await gql(
    it,
    CREATE,
    { i: { title, category: 'HARDWARE', priority: 'P3', requesterEmployeeId: requester } },
    employee(requester),
  );
  expect(r.errors).toBeUndefined();
  return r.data.createTicket.id;
}

beforeAll(async () => {
  ({ run, it } = await startIt());
  [requester, colleague, agentEmployee, outsider] = await Promise.all([
    hire(it),
    hire(it),
    hire(it),
    hire(it),
  ]);
  await registerAgent(it, agentEmployee);
});
afterAll(() => run?.cleanup());

describe('workflow through the graph', () => {
  test('refuses moves the workflow does not allow (CONFLICT) and requester-only moves (FORBIDDEN)', async () => {
    const id = await openTicket();
    const jump = await gql(it, MOVE, { id, to: 'CLOSED' }, agent(agentEmployee));
    expect(jump.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'to' });
    expect(jump.errors?.[0].message).toContain('NEW to CLOSED');

    // The requester may not work their own ticket...
    const self = await gql(it, MOVE, { id, to: 'IN_PROGRESS' }, employee(requester));
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // ...and someone else may not touch it at all.
    const other = await gql(it, MOVE, { id, to: 'TRIAGED' }, employee(outsider));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    for (const to of ['TRIAGED', 'WAITING_ON_REQUESTER']) {
      const r = await gql(it, MOVE, { id, to }, agent(agentEmployee));
      expect(r.errors).toBeUndefined();
    }
    // Answering the agent is the requester's own move.
    const answered = await gql(it, MOVE, { id, to: 'IN_PROGRESS' }, employee(requester));
    expect(answered.errors).toBeUndefined();
    expect(answered.data.transitionTicket.status).toBe('IN_PROGRESS');
    const again = await gql(it, MOVE, { id, to: 'IN_PROGRESS' }, agent(agentEmployee));
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const resolved = await gql(it, MOVE, { id, to: 'RESOLVED' }, agent(agentEmployee));
    expect(resolved.errors).toBeUndefined();
    const mine = await gql(
      it,
      'query($id: ID!) { ticket(id: $id) { allowedTransitions } }',
      { id },
      employee(requester),
    );
    expect(mine.data.ticket.allowedTransitions).toEqual(['IN_PROGRESS', 'CLOSED']);
    const closed = await gql(it, MOVE, { id, to: 'CLOSED' }, employee(requester));
    expect(closed.data.transitionTicket).toEqual({ status: 'CLOSED', allowedTransitions: [] });

    expect(await eventsOf(it, id)).toEqual([
      itEvents.ticketCreated.type,
      itEvents.ticketStatusChanged.type,
      itEvents.ticketStatusChanged.type,
      itEvents.ticketStatusChanged.type,
      itEvents.ticketStatusChanged.type,
      itEvents.ticketResolved.type,
      itEvents.ticketStatusChanged.type,
    ]);
  });

  test('a closed ticket takes no comments (CONFLICT); internal notes stay hidden from the requester', async () => {
    const id = await openTicket('Printer jams');
    const note = await gql(it, COMMENT, { id, b: 'Probably the fuser', x: true }, agent(agentEmployee));
    expect(note.data.commentOnTicket.internal).toBe(true);
    const reply = await gql(it, COMMENT, { id, b: 'We are on it' }, agent(agentEmployee));
    expect(reply.errors).toBeUndefined();
    const sneaky = await gql(it, COMMENT, { id, b: 'note to self', x: true }, employee(requester));
    expect(sneaky.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const READ =
      'query($id: ID!) { ticket(id: $id) { comments { body internal } sla { responseBreached } } }';
    const asRequester = await gql(it, READ, { id }, employee(requester));
    expect(asRequester.data.ticket.comments).toEqual([{ body: 'We are on it', internal: false }]);
    const asAgent = await gql(it, READ, { id }, agent(agentEmployee));
    expect(asAgent.data.ticket.comments.map((c: { body: string }) => c.body)).toEqual([
      'Probably the fuser',
      'We are on it',
    ]);

    for (const to of ['RESOLVED', 'CLOSED']) await gql(it, MOVE, { id, to }, agent(agentEmployee));
    const late = await gql(it, COMMENT, { id, b: 'It jams again' }, employee(requester));
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'ticketId' });
  });

  test('tickets go only to agents on the roster', async () => {
    const id = await openTicket('VPN drops');
    const ASSIGN =
      'mutation($id: ID!, $a: ID) { assignTicket(id: $id, assigneeEmployeeId: $a) { assignee { id } } }';
    const toColleague = await gql(it, ASSIGN, { id, a: colleague }, agent(agentEmployee));
    expect(toColleague.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'assigneeEmployeeId',
    });
    const toAgent = await gql(it, ASSIGN, { id, a: agentEmployee }, agent(agentEmployee));
    expect(toAgent.data.assignTicket.assignee).toEqual({ id: agentEmployee });
    expect(await eventsOf(it, id)).toContain(itEvents.ticketAssigned.type);

    // Only agents and admins keep the roster.
    const byEmployee = await gql(
      it,
      'mutation($e: ID!) { registerAgent(employeeId: $e) { active } }',
      { e: colleague },
      employee(colleague),
    );
    expect(byEmployee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const retired = await gql(
      it,
      'mutation($e: ID!) { retireAgent(employeeId: $e) { active retiredAt } }',
      { e: agentEmployee },
      agent(),
    );
    expect(retired.data.retireAgent.active).toBe(false);
    const toRetired = await gql(it, ASSIGN, { id, a: agentEmployee }, agent());
    expect(toRetired.errors).toBeUndefined(); // already theirs: nothing changes
    const second = await openTicket('Second screen');
    const refused = await gql(it, ASSIGN, { id: second, a: agentEmployee }, agent());
    expect(refused.errors?.[0].extensions?.field).toBe('assigneeEmployeeId');
    await registerAgent(it, agentEmployee, true);
    const roster = await gql(it, '{ agents { employee { id } lead active } }', {}, testIdentity(['analyst']));
    expect(roster.data.agents).toContainEqual({ employee: { id: agentEmployee }, lead: true, active: true });
  });
});

describe('watchers', () => {
  test('see the ticket and list it, but cannot work it; outsiders cannot watch their way in', async () => {
    const id = await openTicket('Shared drive is read-only');
    const READ = 'query($id: ID!) { ticket(id: $id) { title watchers { id } } }';
    const before = await gql(it, READ, { id }, employee(colleague));
    expect(before.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const selfInvited = await gql(
      it,
      'mutation($id: ID!) { watchTicket(id: $id) { id } }',
      { id },
      employee(outsider),
    );
    expect(selfInvited.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const added = await gql(
      it,
      'mutation($id: ID!, $e: ID) { watchTicket(id: $id, employeeId: $e) { watchers { id } } }',
      { id, e: colleague },
      employee(requester),
    );
    expect(added.data.watchTicket.watchers).toEqual([{ id: colleague }]);
    const seen = await gql(it, READ, { id }, employee(colleague));
    expect(seen.data.ticket).toEqual({ title: 'Shared drive is read-only', watchers: [{ id: colleague }] });
    const listed = await gql(
      it,
      '{ tickets(first: 50, filter: { watching: true }) { totalCount edges { node { id } } } }',
      {},
      employee(colleague),
    );
    expect(listed.data.tickets.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);
    const all = await gql(it, '{ tickets(first: 50) { edges { node { id } } } }', {}, employee(colleague));
    expect(all.data.tickets.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);

    const work = await gql(it, MOVE, { id, to: 'TRIAGED' }, employee(colleague));
    expect(work.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const internal = await gql(it, COMMENT, { id, b: 'secret', x: true }, agent());
    expect(internal.errors).toBeUndefined();
    const comments = await gql(
      it,
      'query($id: ID!) { ticket(id: $id) { comments { body } } }',
      { id },
      employee(colleague),
    );
    expect(comments.data.ticket.comments).toEqual([]);

    const left = await gql(
      it,
      'mutation($id: ID!) { unwatchTicket(id: $id) { watchers { id } } }',
      { id },
      employee(colleague),
    );
    expect(left.errors).toBeUndefined();
    const after = await gql(it, READ, { id }, employee(colleague));
    expect(after.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
