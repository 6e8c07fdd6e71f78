import type { ServiceName } from '@backoffice/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freePort,
  type GraphQLClient,
  graphqlClient,
  mintToken,
  type PlatformOptions,
  startPlatform,
} from '@backoffice/testkit';
import { countLedger, HIRED, scenarioTable, settled } from './support/ledger.js';
import { type Rig, startRig, waitUntil } from './support/rig.js';

/**
 * Two processes of every subgraph side by side, on one database and one durable each, behind one
 * gateway that spreads calls over both (`HR_URL=a,b`, gateway/src/replicas.ts): every flow gives the
 * same results as with one process, and every event is applied once in total.
 */
const SUBGRAPHS: ServiceName[] = ['hr', 'accounting', 'documents', 'compliance', 'it'];
const HIRES = 40;
let rig: Rig<ServiceName>;
let gateway: Awaited<ReturnType<typeof startPlatform>>;
let client: GraphQLClient;
const replicaPorts: Partial<Record<ServiceName, number[]>> = {};
const table = scenarioTable(inject('reliabilityResults'));

beforeAll(async () => {
  rig = (await startRig({
    label: 'replicas',
    ownNats: true,
    services: ['accounting', 'documents', 'compliance'],
  })) as Rig<ServiceName>;
  for (const name of SUBGRAPHS) {
    const port = await freePort();
    await rig.startService(name, port);
    replicaPorts[name] = [port];
  }
  const { gateway: _, ...servicePorts } = rig.ports;
  const options: PlatformOptions = {
    env: rig.env,
    gatewayPort: await freePort(),
    servicePorts,
    replicaPorts,
    services: [],
    log: process.env.RELIABILITY_LOG ? 'prefix' : 'silent',
    readyTimeoutMs: 90_000,
  };
  gateway = await startPlatform(options);
  client = graphqlClient(
    gateway.gatewayUrl,
    await mintToken({
      sub: 'reliability-replicas',
      roles: ['hr', 'payroll', 'it_agent', 'compliance_officer'],
    }),
  );
}, 240_000);

afterAll(async () => {
  table.flush();
  await gateway?.stop();
  await rig?.cleanup();
});

/** GraphQL requests a process has answered, from its own /metrics. */
async function requestsServed(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('backoffice_graphql_requests_total{'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

async function hire(n: number): Promise<string> {
  const r = await client.query(
    'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
    {
      input: {
        givenName: `Twin${n}`,
        familyName: 'Replica',
        email: `twin${n}.${rig.runId}@example.com`,
        departmentId: rig.departmentId,
        startDate: '2026-11-01',
        workLocation: 'OFFICE',
        contract: { monthlySalary: '4000.00', currency: 'EUR', fte: 1 },
      },
    },
  );
  expect(r.errors, `hire ${n}: ${JSON.stringify(r.errors)}`).toBeUndefined();
  return r.data.hireEmployee.id as string;
}

describe('two replicas of every subgraph behind one gateway', () => {
  it('7b. hires, onboarding, audit, payroll booking: right results, each event applied once in total', async () => {
    const before = Object.fromEntries(
      await Promise.all(
        SUBGRAPHS.flatMap((name) =>
          [rig.ports[name], ...(replicaPorts[name] ?? [])].map(async (port) => [
            port,
            await requestsServed(port),
          ]),
        ),
      ),
    ) as Record<number, number>;

    const ids: string[] = [];
    for (let batch = 0; batch < HIRES; batch += 8)
      ids.push(...(await Promise.all(Array.from({ length: 8 }, (_, i) => hire(batch + i)))));

    // it: one onboarding ticket per hire, whichever replica pulled the event.
    const ledger = await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, HIRES),
      60_000,
    );
    const events = (
      await rig.db.hr.query<{ event_id: string }>(
        'SELECT event_id FROM outbox WHERE subject = $1 AND aggregate_id = ANY($2)',
        [HIRED, ids],
      )
    ).rows.map((r) => r.event_id);
    // compliance and documents: each hire once in the audit trail and in their own employee lists.
    const counts = await waitUntil(
      async () => ({
        audited: (
          await rig.db.compliance.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM audit_entry WHERE event_id = ANY($1)',
            [events],
          )
        ).rows[0].n,
        auditInbox: (
          await rig.db.compliance.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'compliance-audit' AND event_id = ANY($1)`,
            [events],
          )
        ).rows[0].n,
        complianceKnows: (
          await rig.db.compliance.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM known_employee WHERE id = ANY($1)',
            [ids],
          )
        ).rows[0].n,
        documentsKnows: (
          await rig.db.documents.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM known_employee WHERE id = ANY($1::uuid[])',
            [ids],
          )
        ).rows[0].n,
      }),
      (c) => c.audited === HIRES && c.complianceKnows === HIRES && c.documentsKnows === HIRES,
      60_000,
    );

    // hr -> accounting: one payroll run, booked exactly once by whichever replica got the event.
    const run = await client.query('mutation { createPayrollRun(period: "2026-11") { id } }');
    expect(run.errors).toBeUndefined();
    const runId = run.data.createPayrollRun.id as string;
    // Four eyes on payroll: a second person finalizes what this client calculated.
    const checker = client.as(await mintToken({ sub: 'reliability-payroll-checker', roles: ['payroll'] }));
    for (const [step, by] of [
      ['calculatePayrollRun', client],
      ['finalizePayrollRun', checker],
    ] as const) {
      const r = await by.query(`mutation($id: ID!) { ${step}(id: $id) { status } }`, { id: runId });
      expect(r.errors).toBeUndefined();
    }
    const booked = await waitUntil(
      async () =>
        (
          await rig.db.accounting.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM journal_entry WHERE source_id = $1',
            [runId],
          )
        ).rows[0].n,
      (n) => n >= 1,
      60_000,
    );

    // Reads through the gateway touch every subgraph for every employee, spread over the replicas.
    const pages = await Promise.all(
      ids.map((id) =>
        client.query(
          `query($id: ID!) { employee(id: $id) {
             id tickets { category } documents { id } payrollCost(year: 2026) acknowledgements { policyId } } }`,
          { id },
        ),
      ),
    );
    // accounting no longer extends Employee (hr answers payrollCost), so its replicas are read through
    // the books: the trial balance once per employee page (the payroll booking itself may still wait
    // for four-eyes, so the totals need only agree).
    const accountant = client.as(await mintToken({ sub: 'reliability-accountant', roles: ['accountant'] }));
    const balances = await Promise.all(
      // One date per page: the gateway de-duplicates identical queries in flight.
      ids.map((_, i) =>
        accountant.query('query($asOf: Date!) { trialBalance(asOf: $asOf) { totalDebit totalCredit } }', {
          asOf: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
        }),
      ),
    );
    const errors = [...pages, ...balances].flatMap((p) => p.errors ?? []).map((e) => e.message);
    const balanced = balances.filter(
      (b) =>
        b.data?.trialBalance?.totalDebit !== undefined &&
        b.data.trialBalance.totalDebit === b.data.trialBalance.totalCredit,
    ).length;
    const withOneOnboarding = pages.filter(
      (p) =>
        p.data?.employee?.tickets.filter((t: { category: string }) => t.category === 'ONBOARDING').length ===
        1,
    ).length;
    const withPayrollCost = pages.filter((p) => Number(p.data?.employee?.payrollCost ?? 0) > 0).length;

    const served: Record<string, string> = {};
    let idle = 0;
    for (const name of SUBGRAPHS) {
      const ports = [rig.ports[name], ...(replicaPorts[name] ?? [])];
      const n = await Promise.all(ports.map(async (p) => (await requestsServed(p)) - before[p]));
      served[name] = n.join('+');
      idle += n.filter((x) => x === 0).length;
    }

    table.add({
      scenario: '7b two of every subgraph',
      ...ledger,
      notes: `audit ${counts.audited}/${HIRES}, payroll run booked ${booked}x; requests per replica ${Object.entries(
        served,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    });
    expect(ledger.duplicated).toBe(0);
    expect(ledger.lost).toBe(0);
    expect(ledger.applied).toBe(HIRES);
    expect(counts).toEqual({
      audited: HIRES,
      auditInbox: HIRES,
      complianceKnows: HIRES,
      documentsKnows: HIRES,
    });
    expect(booked).toBe(1);
    expect(errors).toEqual([]);
    expect(withOneOnboarding).toBe(HIRES);
    expect(withPayrollCost).toBe(HIRES);
    expect(balanced).toBe(HIRES);
    // Both processes of every subgraph answered requests: the gateway really spread them.
    expect(idle, `requests per replica: ${JSON.stringify(served)}`).toBe(0);
  }, 300_000);
});
