import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlClient, mintToken, publishSignedBody } from '@backoffice/testkit';
import { runOps } from './support/ops.js';
import { countLedger, HIRED, scenarioTable, settled } from './support/ledger.js';
import { natsConnection } from './support/nats.js';
import { type Rig, sleep, startRig, waitUntil } from './support/rig.js';

/**
 * Faults around one running platform: repeated requests, poison on the bus, database connections
 * cut mid-flow, and a subgraph that dies. In this order, because the last one kills it.
 */
let rig: Rig;
let bus: Awaited<ReturnType<typeof natsConnection>>;
const table = scenarioTable(inject('reliabilityResults'));

const HIRE = 'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id givenName email } }';
const hireInput = (email: string) => ({
  input: {
    givenName: 'Ada',
    familyName: 'Idempotent',
    email,
    departmentId: rig.departmentId,
    startDate: '2027-04-01',
    workLocation: 'REMOTE',
    contract: { monthlySalary: '5100.00', currency: 'EUR', fte: 0.8 },
  },
});
const employeesByEmail = async (email: string) =>
  (await rig.db.hr.query<{ id: string }>('SELECT id FROM employee WHERE email = $1', [email])).rows.map(
    (r) => r.id,
  );

beforeAll(async () => {
  rig = await startRig({ label: 'faults', ownNats: true });
  bus = await natsConnection(rig.env.NATS_URL, 'reliability-test', rig.natsOps);
});

afterAll(async () => {
  table.flush();
  await bus?.nc.close();
  await rig?.cleanup();
});

describe('faults around a running platform', () => {
  it('6. the same mutation twice with one Idempotency-Key: one effect, same response; other variables: CONFLICT', async () => {
    const key = `hire-${rig.runId}`;
    const email = `ada.${rig.runId}@example.com`;
    const headers = { 'Idempotency-Key': key };
    // Two at once (a client retrying after a timeout), then once more after both have answered.
    const [a, b] = await Promise.all([
      rig.hr.query(HIRE, hireInput(email), { headers }),
      rig.hr.query(HIRE, hireInput(email), { headers }),
    ]);
    const first = a.data?.hireEmployee ? a : b;
    const other = first === a ? b : a;
    expect(first.errors).toBeUndefined();
    // The racing twin either got the same response or was told the first is still in progress.
    if (other.errors) expect(other.errors[0].extensions?.code).toBe('CONFLICT');
    else expect(other.data).toEqual(first.data);
    const again = await rig.hr.query(HIRE, hireInput(email), { headers });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);

    const changed = await rig.hr.query(HIRE, hireInput(`other.${email}`), { headers });
    expect(changed.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(changed.data ?? null).toBeNull();

    const ids = await employeesByEmail(email);
    expect(ids).toEqual([first.data.hireEmployee.id]);
    expect(await employeesByEmail(`other.${email}`)).toEqual([]);
    const after = await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, 1),
      15_000,
    );
    table.add({
      scenario: '6 same Idempotency-Key',
      ...after,
      notes: '3 sends, 1 effect; other variables: CONFLICT',
    });
    expect(after).toMatchObject({ hires: 1, committed: 1, applied: 1, duplicated: 0, lost: 0 });
  });

  it('5. poison on the subject is parked in dead_letter (unreadable: after 5 deliveries; off its contract: at once) while later events flow', async () => {
    const started = Date.now();
    // Poison from hr itself (signed with its key): verified, then failing like any handler error.
    const hr = { js: bus.js, prefix: rig.env.EVENTS_SUBJECT_PREFIX };
    await publishSignedBody(hr, HIRED, 'this is not an event {', { msgID: `poison-json-${rig.runId}` });
    // A well-formed envelope whose data its contract refuses (no employee id): parked at its first delivery.
    const envelope = {
      specversion: '1.0',
      id: `poison-data-${rig.runId}`,
      source: '/backoffice/hr',
      type: HIRED,
      time: new Date().toISOString(),
      subject: 'nobody',
      datacontenttype: 'application/json',
      data: { givenName: 'No', familyName: 'Body' },
    };
    await publishSignedBody(hr, HIRED, JSON.stringify(envelope), { msgID: envelope.id });

    const { ids, failures } = await rig.hire(10, 'BehindPoison');
    expect(failures).toEqual([]);
    const flowing = await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, 10),
      15_000,
    );
    const flowedMs = Date.now() - started;
    const parked = await waitUntil(
      () =>
        rig.db.it
          .query('SELECT id, consumer, event_id, payload, error, deliveries FROM dead_letter ORDER BY id')
          .then((r) => r.rows),
      (rows) => rows.length >= 2,
      30_000,
    );
    const parkedMs = Date.now() - started;
    table.add({
      scenario: '5 poison parked',
      ...flowing,
      notes: `10 hires behind 2 poison events applied in ${(flowedMs / 1000).toFixed(1)} s; both parked after ${(parkedMs / 1000).toFixed(1)} s`,
    });
    expect(settled(flowing, 10)).toBe(true);
    expect(flowing.duplicated).toBe(0);
    // Judged by the databases' clocks, not our polling: the hires' tickets exist before the unreadable
    // poison has used up its deliveries, so its retries held nothing up.
    const [order] = (
      await rig.db.it.query(
        `SELECT (SELECT max(created_at) FROM ticket WHERE requester_id = ANY($1::uuid[])) <
                (SELECT parked_at FROM dead_letter WHERE event_id IS NULL) AS flowed_first`,
        [ids],
      )
    ).rows;
    expect(order.flowed_first).toBe(true);
    expect(parked).toHaveLength(2);
    const byPayload = new Map(parked.map((p) => [p.event_id ?? 'unparseable', p]));
    expect(byPayload.get('unparseable')).toMatchObject({
      consumer: 'it-onboarding',
      payload: 'this is not an event {',
      error: 'payload is not JSON',
      deliveries: 5,
    });
    expect(byPayload.get(envelope.id)).toMatchObject({ consumer: 'it-onboarding', deliveries: 1 });
    expect(byPayload.get(envelope.id)?.error).toMatch(
      new RegExp(`^payload does not match ${HIRED.replaceAll('.', '\\.')}: `),
    );
    // Nothing of the poison was applied, and the durable flows on (no pending redelivery).
    expect((await rig.db.it.query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id])).rowCount).toBe(
      0,
    );
    const info = await waitUntil(
      () => bus.jsm.consumers.info(rig.env.EVENTS_STREAM, 'it-onboarding'),
      (c) => c.num_pending + c.num_ack_pending === 0,
      5_000,
    );
    // A parked event must leave the durable for good; one still pending acknowledgement comes back
    // after ack_wait and is parked again, every 30 s, forever.
    expect(info.num_ack_pending, 'parked events still pending acknowledgement on the durable').toBe(0);
    expect(info.num_pending).toBe(0);

    // The operator's view of the same rows.
    const listed = await runOps('dead-letters.ts', ['--service', 'it', '--json'], rig.env);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { service: string; id: string; error: string }[];
    expect(rows.map((r) => [r.service, r.id]).sort()).toEqual(parked.map((p) => ['it', String(p.id)]).sort());
  });

  it('4. database connections cut mid-burst: requests fail cleanly or succeed, nothing half-written, no restart', async () => {
    const pidsBefore = { hr: rig.pids('hr'), it: rig.pids('it') };
    const burst = rig.hire(60, 'PgDrop', { concurrency: 6 });
    let terminated = 0;
    for (let i = 0; i < 4; i++) {
      await sleep(250);
      terminated += await rig.dropConnections();
    }
    const { ids, failures, messages } = await burst;
    // A subgraph that died cannot recover by itself; restart it only to check the data below,
    // and fail the scenario at the end.
    const crashed: string[] = [];
    for (const name of ['hr', 'it'] as const) {
      if (rig.pids(name).length === 0) {
        crashed.push(name);
        await rig.startService(name);
      }
    }
    // After the cuts: new requests work.
    const later = await rig.hire(5, 'PgDrop');
    expect(later.failures).toEqual([]);

    // The employees that exist, whatever the client heard: each one complete, with its event.
    const rows = await rig.db.hr.query<{ id: string; contracts: number; changes: number; events: number }>(
      `SELECT e.id,
              (SELECT count(*)::int FROM contract_version c WHERE c.employee_id = e.id) AS contracts,
              (SELECT count(*)::int FROM employee_status_change s WHERE s.employee_id = e.id) AS changes,
              (SELECT count(*)::int FROM outbox o WHERE o.aggregate_id = e.id::text AND o.subject = $1) AS events
         FROM employee e WHERE e.family_name = 'PgDrop'`,
      [HIRED],
    );
    const halfWritten = rows.rows.filter((r) => r.contracts !== 1 || r.changes !== 1 || r.events !== 1);
    const existing = rows.rows.map((r) => r.id);
    const after = await waitUntil(
      () => countLedger(rig.db, existing),
      (l) => settled(l, existing.length),
      30_000,
    );
    const codes = [...new Set(failures)].join(', ') || 'none';
    table.add({
      scenario: '4 db connections cut',
      ...after,
      notes: `${terminated} backends cut; ${failures.length}/60 refused (${codes}); ${existing.length - ids.length - later.ids.length} committed but answered with an error${crashed.length ? `; CRASHED: ${crashed.join(', ')}` : ''}`,
    });
    expect(halfWritten).toEqual([]);
    for (const id of [...ids, ...later.ids]) expect(existing).toContain(id);
    expect(settled(after, existing.length)).toBe(true);
    expect(after.duplicated).toBe(0);
    expect(after.lost).toBe(0);
    // Failing cleanly: an answer with a code, nothing from Postgres in the message.
    expect(failures.filter((f) => f === 'transport' || f.startsWith('HTTP'))).toEqual([]);
    expect(messages.filter((m) => /terminat|connection|postgres|sql/i.test(m))).toEqual([]);
    expect(crashed, 'subgraphs that died when their database connections were cut').toEqual([]);
    expect({ hr: rig.pids('hr'), it: rig.pids('it') }).toEqual(pidsBefore);
  }, 120_000);

  it('8. a subgraph down: the gateway answers the rest, errors only its fields, and heals without restart', async () => {
    const employeeId = (await employeesByEmail(`ada.${rig.runId}@example.com`))[0];
    const agent = graphqlClient(
      rig.gatewayUrl,
      await mintToken({ sub: 'rel-agent', roles: ['it_agent', 'hr'] }),
    );
    const QUERY = `query($id: ID!) { departments { id } employee(id: $id) { familyName tickets { category } } }`;
    const healthy = await agent.query(QUERY, { id: employeeId });
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data.employee.tickets).toEqual([{ category: 'ONBOARDING' }]);
    const gatewayPid = rig.pids('gateway');

    await rig.kill('it');
    const degraded = await agent.query(QUERY, { id: employeeId });
    const hrOnly = await agent.query('{ departments { name } }');
    const itOnly = await agent.query('{ tickets(first: 1) { totalCount } }');
    expect(hrOnly.errors).toBeUndefined();
    expect(hrOnly.data.departments.length).toBeGreaterThan(0);
    // The part of the mixed query that does not touch it is answered. `tickets` is a non-null list,
    // so GraphQL nulls its nearest nullable parent (`employee`); the errors point there, nowhere else.
    expect(degraded.data.departments.length).toBeGreaterThan(0);
    expect(degraded.data.employee?.tickets ?? null).toBeNull();
    expect(degraded.errors?.length).toBeGreaterThan(0);
    // (The gateway sends these errors without a path today: see the report.)
    for (const e of degraded.errors ?? []) if (e.path) expect(e.path[0]).toBe('employee');
    expect(itOnly.errors?.length).toBeGreaterThan(0);
    expect(itOnly.data?.tickets ?? null).toBeNull();
    const readiness = (await (await fetch(`http://127.0.0.1:${rig.ports.gateway}/ready`)).json()) as {
      status?: string;
    };

    await rig.startService('it');
    const healed = await waitUntil(
      () => agent.query(QUERY, { id: employeeId }),
      (r) => !r.errors && r.data?.employee?.tickets?.length === 1,
      15_000,
    );
    expect(healed.errors).toBeUndefined();
    expect(healed.data.employee.tickets).toEqual([{ category: 'ONBOARDING' }]);
    expect(rig.pids('gateway')).toEqual(gatewayPid);
    table.add({
      scenario: '8 it down behind the gateway',
      notes: `hr fields served; employee.tickets -> ${degraded.errors?.[0]?.extensions?.code ?? '?'} at ${degraded.errors?.[0]?.path?.join('.') ?? '(no path)'}; gateway ready: ${JSON.stringify(readiness.status ?? readiness)}; healed without gateway restart`,
    });
  }, 60_000);
});
