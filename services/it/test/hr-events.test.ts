import { hr as hrEvents, it as itEvents } from '@backoffice/events';
import { type TestRun, eventually } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it as test } from 'vitest';
import {
  type It,
  agent,
  employee,
  eventsOf,
  gql,
  hiredData,
  hire,
  publishHr,
  startIt,
  terminatedData,
} from './support.js';

let run: TestRun;
let it: It;

beforeAll(async () => {
  ({ run, it } = await startIt());
});
afterAll(() => run?.cleanup());

const ticketsOf = (employeeId: string) =>
  it.deps.db.query(
    'SELECT id, category, title, description, source_event_id FROM ticket WHERE requester_id = $1 ORDER BY created_at',
    [employeeId],
  );

describe('onboarding from employee.hired', () => {
  test('opens exactly one ticket, even when the same event is delivered twice', async () => {
    const data = hiredData({ givenName: 'Grace', familyName: 'Hopper', workLocation: 'HYBRID' });
    const first = await publishHr(it, hrEvents.employeeHired, data.employeeId, data);
    await publishHr(it, hrEvents.employeeHired, data.employeeId, data, {
      id: first.id,
      msgID: `${first.id}-again`,
    });
    // A marker event behind both copies on the same consumer: once it is handled, so are they.
    const marker = await hire(it);
    await eventually(
      () => ticketsOf(marker),
      (r) => r.length === 1,
    );
    const tickets = await ticketsOf(data.employeeId);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ category: 'ONBOARDING', source_event_id: first.id });
    expect(tickets[0].title).toContain('Grace Hopper');
    const [inbox] = await it.deps.db.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [
      first.id,
    ]);
    expect(inbox.n).toBe(1);
    expect(await eventsOf(it, tickets[0].id)).toEqual([itEvents.ticketCreated.type]);
  });

  test('a second hire event for an employee still being onboarded notes the news instead of a second ticket', async () => {
    const data = hiredData();
    await publishHr(it, hrEvents.employeeHired, data.employeeId, data);
    await eventually(
      () => ticketsOf(data.employeeId),
      (r) => r.length === 1,
    );
    await publishHr(it, hrEvents.employeeHired, data.employeeId, { ...data, startDate: '2026-10-01' });
    const notes = await eventually(
      () =>
        it.deps.db.query(
          `SELECT c.body, c.internal FROM ticket_comment c JOIN ticket t ON t.id = c.ticket_id WHERE t.requester_id = $1`,
          [data.employeeId],
        ),
      (r) => r.length === 1,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].internal).toBe(true);
    expect(notes[0].body).toContain('2026-10-01');
    expect(await ticketsOf(data.employeeId)).toHaveLength(1);
    const [known] = await it.deps.db.query('SELECT start_date FROM known_employee WHERE id = $1', [
      data.employeeId,
    ]);
    expect(known.start_date).toBe('2026-10-01');
  });
});

describe('offboarding from employee.terminated', () => {
  test('lists the assets to collect, and the asset history and Employee.assets are queryable', async () => {
    const leaver = await hire(it, { givenName: 'Alan', familyName: 'Turing' });
    const created = await gql(
      it,
      'mutation { createAsset(input: { tag: "LT-0042", model: "ThinkPad X1", serialNumber: "SN42" }) { id } }',
      {},
      agent(),
    );
    expect(created.errors).toBeUndefined();
    const assetId = created.data.createAsset.id;
    const assigned = await gql(
      it,
      'mutation($a: ID!, $e: ID!) { assignAsset(assetId: $a, employeeId: $e) { status assignee { id } } }',
      { a: assetId, e: leaver },
      agent(),
    );
    expect(assigned.data.assignAsset).toEqual({ status: 'ASSIGNED', assignee: { id: leaver } });

    const own = await gql(
      it,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { assets { tag model } } } }',
      { r: [{ __typename: 'Employee', id: leaver }] },
      employee(leaver),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data._entities[0].assets).toEqual([{ tag: 'LT-0042', model: 'ThinkPad X1' }]);

    await publishHr(
      it,
      hrEvents.employeeTerminated,
      leaver,
      terminatedData(leaver, { givenName: 'Alan', familyName: 'Turing' }),
    );
    const tickets = await eventually(
      () => ticketsOf(leaver),
      (r) => r.some((t: { category: string }) => t.category === 'OFFBOARDING'),
    );
    const offboarding = tickets.find((t: { category: string }) => t.category === 'OFFBOARDING');
    expect(offboarding.description).toContain('LT-0042');
    expect(offboarding.description).toContain('ThinkPad X1');
    const [known] = await it.deps.db.query('SELECT active FROM known_employee WHERE id = $1', [leaver]);
    expect(known.active).toBe(false);

    const returned = await gql(
      it,
      'mutation($a: ID!) { returnAsset(assetId: $a) { status } }',
      { a: assetId },
      agent(),
    );
    expect(returned.data.returnAsset.status).toBe('IN_STOCK');
    expect(await eventsOf(it, assetId)).toEqual([
      itEvents.assetRegistered.type,
      itEvents.assetAssigned.type,
      itEvents.assetReturned.type,
    ]);
    const history = await gql(
      it,
      'query($id: ID!) { asset(id: $id) { history { employee { id } assignedAt returnedAt assignedBy } } }',
      { id: assetId },
      agent(),
    );
    expect(history.errors).toBeUndefined();
    expect(history.data.asset.history).toHaveLength(1);
    expect(history.data.asset.history[0]).toMatchObject({
      employee: { id: leaver },
      assignedBy: 'agent-user',
    });
    expect(history.data.asset.history[0].returnedAt).not.toBeNull();
    // The history names past holders: only agents read it.
    const asLeaver = await gql(
      it,
      'query($id: ID!) { asset(id: $id) { tag } }',
      { id: assetId },
      employee(leaver),
    );
    expect(asLeaver.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('a leaver who was an agent leaves the roster', async () => {
    const agentEmployee = await hire(it);
    const r = await gql(
      it,
      'mutation($e: ID!) { registerAgent(employeeId: $e) { active } }',
      { e: agentEmployee },
      agent(),
    );
    expect(r.data.registerAgent.active).toBe(true);
    await publishHr(it, hrEvents.employeeTerminated, agentEmployee, terminatedData(agentEmployee));
    const roster = await eventually(
      () => gql(it, '{ agents { employee { id } } }', {}, agent()),
      (a) => !a.data.agents.some((x: { employee: { id: string } }) => x.employee.id === agentEmployee),
    );
    expect(roster.data.agents.map((x: { employee: { id: string } }) => x.employee.id)).not.toContain(
      agentEmployee,
    );
  });
});
