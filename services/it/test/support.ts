import { randomUUID } from 'node:crypto';
import {
  type Identity,
  type RunningSubgraph,
  type ServiceContext,
  domainEvent,
  LoaderRegistry,
} from '@backoffice/kit';
import {
  type Data,
  type EmployeeHiredData,
  type EmployeeTerminatedData,
  type EventContract,
  hr as hrEvents,
} from '@backoffice/events';
import {
  callSubgraph,
  eventually,
  newTestRun,
  publishSignedEvent,
  startTestSubgraph,
  testIdentity,
  type TestRun,
} from '@backoffice/testkit';
import { itSubgraph } from '../src/it.subgraph.js';
import type { ItServices } from '../src/services.js';

export type It = RunningSubgraph<ItServices>;

/** The it subgraph alone, on the run's own database and stream. The scheduled jobs are left to the tests. */
export async function startIt(): Promise<{ run: TestRun; it: It }> {
  const run = newTestRun();
  const it = await startTestSubgraph(run, { ...itSubgraph, jobs: undefined });
  return { run, it };
}

export const agent = (employeeId?: string) =>
  testIdentity(['it_agent'], { userId: 'agent-user', employeeId });
export const employee = (employeeId: string) =>
  testIdentity(['employee'], { userId: `user-${employeeId.slice(0, 8)}`, employeeId });

export async function gql(it: It, query: string, variables: Record<string, unknown>, identity: Identity) {
  return callSubgraph(it.url, query, variables, identity);
}

/** A request context for calling services directly, e.g. with an injected `now`. */
export function contextFor(it: It, identity: Identity): ServiceContext<ItServices> {
  return {
    identity,
    requestId: randomUUID(),
    log: it.deps.log,
    loaders: new LoaderRegistry(),
    db: it.deps.db,
    services: it.services,
  };
}

/** Publishes an hr event onto the run's stream, as hr's outbox relay would. */
export async function publishHr<C extends EventContract>(
  it: It,
  contract: C,
  subject: string,
  data: Data<C>,
  options: { id?: string; msgID?: string } = {},
) {
  const event = {
    ...domainEvent(contract, subject, data, { userId: 'hr-user' }),
    ...(options.id ? { id: options.id } : {}),
  };
  // A different msgID gets a copy of the same event past JetStream's own duplicate window, as a
  // redelivery after a crash would: then only the consumer's inbox stands between it and a second ticket.
  await publishSignedEvent(it.deps.bus, event, { msgID: options.msgID ?? event.id });
  return event;
}

export function hiredData(overrides: Partial<EmployeeHiredData> = {}): EmployeeHiredData {
  return {
    employeeId: randomUUID(),
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: `ada.${randomUUID().slice(0, 6)}@example.com`,
    departmentId: randomUUID(),
    departmentName: 'Back office',
    costCenter: 'BO-100',
    managerId: null,
    startDate: '2026-09-01',
    workLocation: 'REMOTE',
    workCountry: 'NL',
    ...overrides,
  };
}

/** Hires through a real employee.hired event and waits until IT knows the employee. */
export async function hire(it: It, overrides: Partial<EmployeeHiredData> = {}): Promise<string> {
  const data = hiredData(overrides);
  await publishHr(it, hrEvents.employeeHired, data.employeeId, data);
  const rows = await eventually(
    () => it.deps.db.query('SELECT id FROM known_employee WHERE id = $1', [data.employeeId]),
    (r) => r.length === 1,
  );
  if (rows.length !== 1) throw new Error(`employee ${data.employeeId} never arrived`);
  return data.employeeId;
}

export function terminatedData(employeeId: string, overrides: Partial<EmployeeTerminatedData> = {}) {
  return {
    employeeId,
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: 'ada@example.com',
    departmentId: randomUUID(),
    managerId: null,
    endDate: '2026-12-31',
    ...overrides,
  } satisfies EmployeeTerminatedData;
}

/** Event types this service recorded for a ticket (or any aggregate), oldest first. */
export async function eventsOf(it: It, aggregateId: string): Promise<string[]> {
  const rows: { subject: string }[] = await it.deps.db.query(
    'SELECT subject FROM outbox WHERE aggregate_id = $1 ORDER BY id',
    [aggregateId],
  );
  return rows.map((r) => r.subject);
}

/** Registers an employee on the agent roster through the graph. */
export async function registerAgent(it: It, employeeId: string, lead = false) {
  const r = await gql(
    it,
    'mutation($e: ID!, $l: Boolean) { registerAgent(employeeId: $e, lead: $l) { lead active } }',
    { e: employeeId, l: lead },
    testIdentity(['admin']),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
}
