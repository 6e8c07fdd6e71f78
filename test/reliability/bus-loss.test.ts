import { hr as hrEvents, it as itEvents } from '@backoffice/events';
import { type Bus, connectBus, createLogger, loadKeyring, requestReplay } from '@backoffice/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  mintToken,
  startPlatform,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';

/**
 * Postgres is the system of record: events the bus lost (deleted from the stream here, as an
 * unsynced crash or a corrupted node would lose them) are detected by their per-source sequence and
 * replayed from the source's outbox, with no duplicate effects.
 */
const runId = uniqueRunId();
const env: Record<string, string> = {
  ...testEnv(runId),
  SEQUENCE_GAP_GRACE_MS: '300',
  WATERMARK_EVERY_MS: '500',
};
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
type Platform = Awaited<ReturnType<typeof startPlatform>>;
const platforms: Platform[] = [];
let ports: Record<'gateway' | 'hr' | 'accounting' | 'documents' | 'compliance' | 'it', number>;
let bus: Bus;
let hrDb: pg.Client;
let gatewayUrl: string;
let dept: string;
const repairLatencies: number[] = [];

async function start(services: ('hr' | 'it' | 'compliance')[], gateway: boolean): Promise<Platform> {
  const p = await startPlatform({
    env,
    gateway,
    services,
    gatewayPort: ports.gateway,
    servicePorts: {
      hr: ports.hr,
      accounting: ports.accounting,
      documents: ports.documents,
      compliance: ports.compliance,
      it: ports.it,
    },
    log: 'silent',
    readyTimeoutMs: 90_000,
  });
  platforms.push(p);
  return p;
}

async function stop(p: Platform): Promise<void> {
  await p.stop();
  platforms.splice(platforms.indexOf(p), 1);
}

async function hire(hr: ReturnType<typeof graphqlClient>, name: string): Promise<string> {
  const r = await hr.query('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }', {
    i: {
      givenName: 'Lost',
      familyName: name,
      email: `${name.toLowerCase()}.${runId}@example.com`,
      departmentId: dept,
      startDate: '2027-02-01',
      workLocation: 'OFFICE',
      contract: { monthlySalary: '3000.00', currency: 'EUR', fte: 1 },
    },
  });
  expect(r.errors).toBeUndefined();
  return r.data.hireEmployee.id;
}

/** Deletes from the stream the stored messages of `type` whose CloudEvent subject is one of `subjects`. */
async function loseOnTheBus(type: string, subjects: string[]): Promise<number> {
  const info = await bus.jsm.streams.info(bus.stream);
  let lost = 0;
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const msg = await bus.jsm.streams.getMessage(bus.stream, { seq }).catch(() => null);
    if (!msg || msg.subject !== `${bus.prefix}${type}`) continue;
    const event = msg.json<{ subject: string }>();
    if (subjects.includes(event.subject)) {
      await bus.jsm.streams.deleteMessage(bus.stream, seq, false);
      lost++;
    }
  }
  return lost;
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function outboxSent(): Promise<void> {
  await waitFor(
    () =>
      hrDb
        .query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')
        .then((r) => r.rows[0].n as number),
    (n) => n === 0,
  );
}

beforeAll(async () => {
  const [g, h, a, d, c, i] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  ports = { gateway: g, hr: h, accounting: a, documents: d, compliance: c, it: i };
  const p = await start(['hr'], true);
  gatewayUrl = p.gatewayUrl;
  bus = await connectBus({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    stream: env.EVENTS_STREAM,
    prefix: env.EVENTS_SUBJECT_PREFIX,
    name: 'bus-loss-test',
    log: createLogger('bus-loss', 'silent'),
  });
  hrDb = new pg.Client({
    connectionString: SERVER.replace(/\/[^/]*$/, `/backoffice_hr${env.DATABASE_SUFFIX}`),
  });
  await hrDb.connect();
  const hr = graphqlClient(gatewayUrl, await mintToken({ sub: 'bus-loss-hr', roles: ['hr'] }));
  dept = (
    await hr.query(
      'mutation { createDepartment(input: { name: "Lost and found", costCenter: "LF-1" }) { id } }',
    )
  ).data.createDepartment.id;
}, 120_000);

afterAll(async () => {
  for (const p of [...platforms]) await p.stop();
  await bus?.nc.close();
  await hrDb?.end();
  await dropTestDatabases(runId);
  await deleteTestStream(env.EVENTS_STREAM);
  if (repairLatencies.length)
    console.log(
      `bus-loss repair latency (deletion noticed -> effect applied), ms: ${repairLatencies.join(', ')}`,
    );
}, 60_000);

describe('when the bus loses events', () => {
  it('still opens the onboarding ticket of a hire whose event was lost, and replays of applied events change nothing', async () => {
    const hr = graphqlClient(gatewayUrl, await mintToken({ sub: 'bus-loss-hr', roles: ['hr'] }));
    const lostOne = await hire(hr, 'Alpha');
    const kept = await hire(hr, 'Beta');
    await outboxSent();
    expect(await loseOnTheBus(hrEvents.employeeHired.type, [lostOne])).toBe(1);

    const it = await start(['it'], false);
    const started = Date.now();
    const agent = graphqlClient(gatewayUrl, await mintToken({ sub: 'agent', roles: ['it_agent'] }));
    const ticketsOf = async (employeeId: string) =>
      (
        await agent.query(
          'query($e: ID!) { tickets(first: 10, filter: { requesterEmployeeId: $e }) { totalCount } }',
          { e: employeeId },
        )
      ).data?.tickets.totalCount as number;
    expect(
      await waitFor(
        () => ticketsOf(lostOne),
        (n) => n === 1,
      ),
    ).toBe(1);
    repairLatencies.push(Date.now() - started);
    expect(await ticketsOf(kept)).toBe(1);

    // (3) A replayed range overlapping what was applied produces no duplicate effects.
    const reply = await requestReplay(bus, loadKeyring('it', 'test', {}), hrEvents.employeeHired.type, 1, 2);
    expect(reply).toEqual({ republished: 2, missing: [] });
    await new Promise((r) => setTimeout(r, 1_500));
    expect([await ticketsOf(lostOne), await ticketsOf(kept)]).toEqual([1, 1]);
    await stop(it);
  }, 120_000);

  it('repairs a whole range lost across two source services', async () => {
    const hr = graphqlClient(gatewayUrl, await mintToken({ sub: 'bus-loss-hr', roles: ['hr'] }));
    const it = await start(['it'], false);
    const hires: string[] = [];
    for (const name of ['Gamma', 'Delta', 'Epsilon', 'Zeta']) hires.push(await hire(hr, name));
    const agent = graphqlClient(gatewayUrl, await mintToken({ sub: 'agent', roles: ['it_agent'] }));
    // Wait until IT has opened (and published) the four onboarding tickets.
    await waitFor(
      async () =>
        (await agent.query('{ tickets(first: 50, filter: { category: ONBOARDING }) { totalCount } }')).data
          ?.tickets.totalCount as number,
      (n) => n >= 6,
    );
    await outboxSent();
    await new Promise((r) => setTimeout(r, 500));
    const tickets = await agent.query('{ tickets(first: 50) { edges { node { id requester { id } } } } }');
    const ticketIds = tickets.data.tickets.edges
      .filter((e: any) => hires.includes(e.node.requester.id))
      .map((e: any) => e.node.id);
    expect(ticketIds).toHaveLength(4);
    // The bus loses two hires and two ticket.created events before compliance (which records every event) reads them.
    expect(await loseOnTheBus(hrEvents.employeeHired.type, hires.slice(1, 3))).toBe(2);
    expect(await loseOnTheBus(itEvents.ticketCreated.type, ticketIds.slice(1, 3))).toBe(2);

    await start(['compliance'], false);
    const started = Date.now();
    const officer = graphqlClient(
      gatewayUrl,
      await mintToken({ sub: 'officer', roles: ['compliance_officer'] }),
    );
    const count = async (type: string, subjects: string[]) => {
      const r = await officer.query(
        'query($t: String) { auditTrail(first: 100, filter: { type: $t }) { edges { node { subject } } } }',
        { t: type },
      );
      return (r.data?.auditTrail.edges ?? []).filter((e: any) => subjects.includes(e.node.subject))
        .length as number;
    };
    expect(
      await waitFor(
        () => count(hrEvents.employeeHired.type, hires),
        (n) => n === 4,
      ),
    ).toBe(4);
    expect(
      await waitFor(
        () => count(itEvents.ticketCreated.type, ticketIds),
        (n) => n === 4,
      ),
    ).toBe(4);
    repairLatencies.push(Date.now() - started);
    const verify = await officer.query('{ verifyAuditTrail { valid } }');
    expect(verify.data.verifyAuditTrail.valid).toBe(true);
    await stop(it);
  }, 120_000);

  it('reports a gap older than the outbox retention as lost for good', async () => {
    const hr = graphqlClient(gatewayUrl, await mintToken({ sub: 'bus-loss-hr', roles: ['hr'] }));
    const gone = await hire(hr, 'Eta');
    await hire(hr, 'Theta');
    await outboxSent();
    await loseOnTheBus(hrEvents.employeeHired.type, [gone]);
    // And the source's outbox no longer has it either (as after OUTBOX_RETENTION_DAYS).
    await hrDb.query(
      `DELETE FROM outbox WHERE subject = '${hrEvents.employeeHired.type}' AND aggregate_id = $1`,
      [gone],
    );

    const it = await start(['it'], false);
    const origin = it.processes.find((p) => p.name === 'it')?.origin;
    const gaps = await waitFor(
      async () =>
        ((await (await fetch(`${origin}/ready`)).json()) as any).sequenceGaps?.['it-onboarding'] ?? [],
      (g: any[]) => g.some((x) => x.unrecoverable),
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0].subject).toBe(hrEvents.employeeHired.type);
    expect(gaps[0].unrecoverable).toMatch(/retention/);
    await stop(it);
  }, 120_000);
});
