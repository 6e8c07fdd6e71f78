/**
 * Service-desk reports and lists at scale (issue 7), through the it subgraph as the graph calls it:
 *   1. `ticketStats(from, to, groupBy)` over 500,000 tickets, per grouping, as an analyst: 3 runs of
 *      10 calls after warm-up, each call interleaved with the statement it replaced (issue 26, 3 of
 *      those per run; bench/lib/it-stats.ts), the median of the runs' medians; then each statement's
 *      plan, to show where the time goes;
 *   2. the `tickets` list with requester and assignee: SQL statements per subgraph call for first: 1
 *      and first: 100 (query runner wrapped as services/hr/test/employees.test.ts does), timings, and
 *      the time of each statement; then the same list through the gateway (hr + it as processes),
 *      requester and assignee resolved by hr.
 *   pnpm bench:it [--tickets 500000] [--calls 10] [--before-calls 3] [--runs 3] [--no-gateway] [--smoke]
 * Data is generated set-wise in SQL; the run's databases and streams are removed at the end.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Identity, RunningSubgraph } from '@backoffice/kit';
import {
  callSubgraph,
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  mintToken,
  newTestRun,
  startPlatform,
  startTestSubgraph,
  testEnv,
  testIdentity,
  uniqueRunId,
} from '@backoffice/testkit';
import pg from 'pg';
import { itSubgraph } from '@backoffice/testkit/services/it';
import { argNumber, hasFlag, median, percentile, printTable } from './lib/load.js';
import { statementBefore, statsSideBySide, statsTable } from './lib/it-stats.js';
import { writeResult } from './lib/report.js';

const SMOKE = hasFlag('smoke');
const TICKETS = argNumber('tickets', SMOKE ? 2_000 : 500_000);
const CALLS = argNumber('calls', SMOKE ? 2 : 10);
const BEFORE_CALLS = argNumber('before-calls', SMOKE ? 1 : 3);
const RUNS = argNumber('runs', SMOKE ? 1 : 3);
const WARMUP = SMOKE ? 1 : 2;
const LIST_CALLS = SMOKE ? 3 : 15;
const GATEWAY = !hasFlag('no-gateway');
const EMPLOYEES = SMOKE ? 200 : 5_000;
const AGENTS = 40;
const DAYS = 730;
const TARGET_MS = 500;

/** The subgraph's TypeORM data source (typeorm is the services' dependency, not the root's). */
type DataSource = RunningSubgraph<unknown>['deps']['db'];

const analyst = testIdentity(['analyst'], { userId: 'bench-analyst' });
const desk = testIdentity(['it_agent'], { userId: 'bench-agent' });

const STATS = `query($from: DateTime!, $to: DateTime!, $by: [TicketStatsDimension!]) {
  ticketStats(from: $from, to: $to, groupBy: $by) {
    total { count resolved slaCompliancePercent meanFirstResponseMinutes p90FirstResponseMinutes meanResolutionMinutes p90ResolutionMinutes }
    groups { status priority category assignee { id } count resolved slaCompliancePercent p90ResolutionMinutes }
  }
}`;

const LIST = (first: number, employees: 'ids' | 'names') => `{
  tickets(first: ${first}) {
    totalCount
    edges { node { id number title status priority createdAt
      requester { id ${employees === 'names' ? 'givenName familyName' : ''} }
      assignee { id ${employees === 'names' ? 'givenName familyName' : ''} }
      sla { breached responseDueAt resolutionDueAt } } }
  }
}`;

const run = newTestRun();
const rows: Record<string, Record<string, unknown>[]> = {};
try {
  const it = await startTestSubgraph(run, { ...itSubgraph, jobs: undefined });
  const db = it.deps.db;
  console.log(`seeding ${TICKETS} tickets set-wise (${EMPLOYEES} employees, ${AGENTS} agents)`);
  const t = performance.now();
  await seedPeople(db, EMPLOYEES);
  await seedTickets(db, TICKETS, EMPLOYEES);
  const seedSeconds = round((performance.now() - t) / 1000);
  console.log(`seeded in ${seedSeconds} s`);

  // 1. ticketStats.
  const now = Date.now();
  const all = { from: new Date(now - (DAYS + 1) * 86_400_000), to: new Date(now + 86_400_000) };
  const quarter = { from: new Date(now - 90 * 86_400_000), to: all.to };
  const cases: { name: string; range: { from: Date; to: Date }; by: string[] }[] = [
    { name: '2 years, no grouping', range: all, by: [] },
    { name: '2 years, by PRIORITY', range: all, by: ['PRIORITY'] },
    { name: '2 years, by STATUS, PRIORITY', range: all, by: ['STATUS', 'PRIORITY'] },
    { name: '2 years, by ASSIGNEE', range: all, by: ['ASSIGNEE'] },
    { name: '90 days, by CATEGORY', range: quarter, by: ['CATEGORY'] },
  ];
  const statsRuns = await statsSideBySide(
    db,
    async (c) => {
      const vars = { from: c.range.from.toISOString(), to: c.range.to.toISOString(), by: c.by };
      const r = await call(it.url, STATS, vars, analyst);
      return { count: r.ticketStats.total.count, groups: r.ticketStats.groups.length };
    },
    cases,
    { runs: RUNS, beforeCalls: BEFORE_CALLS, afterCalls: CALLS, warmup: WARMUP },
  );
  rows.stats = statsTable(statsRuns);
  const headline = Number(
    rows.stats.find((r) => r.ticketStats === '2 years, by PRIORITY')?.['after median ms'],
  );
  const worst = Math.max(...rows.stats.map((r) => Number(r['after median ms'])));
  // Where the time goes now: each statement ticketStats sends for the headline case (the rollup's
  // figures, then the p90 index reads), and the statement before, under EXPLAIN ANALYZE.
  const headlineVars = { from: all.from.toISOString(), to: all.to.toISOString(), by: ['PRIORITY'] };
  const captured = (await capturing(db, () => call(it.url, STATS, headlineVars, analyst))).statements.filter(
    ([sql]) => /^\s*(WITH|SELECT)/i.test(sql),
  );
  rows.statsPlans = [];
  const plans: Record<string, string[]> = {};
  for (const [i, st] of [statementBefore(all.from, all.to, ['PRIORITY']), ...captured].entries()) {
    const plan = await explain(db, st, null);
    const name = i === 0 ? 'before: the one statement' : `after: statement ${i}`;
    plans[name] = plan.plan;
    rows.statsPlans.push({ statement: name, ...plan.summary });
  }

  // 2. The tickets list: statements per call, timings, time of each statement.
  rows.list = [];
  const perStatement: Record<string, unknown>[] = [];
  for (const first of [1, 100]) {
    const captured = await capturing(db, () => call(it.url, LIST(first, 'ids'), {}, desk));
    const times: number[] = [];
    for (let i = 0; i < LIST_CALLS; i++) {
      const s = performance.now();
      await call(it.url, LIST(first, 'ids'), {}, desk);
      times.push(performance.now() - s);
    }
    rows.list.push({
      'tickets(first)': first,
      via: 'it subgraph',
      caller: 'it_agent',
      'SQL statements': captured.statements.length,
      'median ms': round(median(times)),
      'p95 ms': round(
        percentile(
          times.sort((a, b) => a - b),
          95,
        ),
      ),
    });
    if (first === 100) {
      for (const st of captured.statements) {
        const plan = await explain(db, st, null);
        perStatement.push({
          statement: st[0].replace(/\s+/g, ' ').slice(0, 90),
          'execution ms': plan.summary['execution ms'],
          scan: plan.summary.scan,
        });
      }
    }
  }
  rows.listStatements = perStatement;

  // 2b. Through the gateway: hr and it as processes, requester and assignee resolved by hr.
  if (GATEWAY) rows.list.push(...(await throughGateway()));

  console.log(
    `\nticketStats, before (the old statement) and after (the it subgraph, GraphQL, analyst), ${RUNS} runs`,
  );
  printTable(rows.stats);
  console.log('\nticketStats "2 years, by PRIORITY": EXPLAIN ANALYZE of each statement before and after');
  printTable(rows.statsPlans);
  console.log('\ntickets list (requester and assignee)');
  printTable(rows.list);
  console.log('\nstatements of one tickets(first: 100) call, each under EXPLAIN ANALYZE');
  printTable(rows.listStatements);

  writeResult(SMOKE ? 'it-smoke' : 'it', {
    tickets: TICKETS,
    employees: EMPLOYEES,
    seedSeconds,
    loadAverage: os.loadavg().map(round),
    ...rows,
    statsRuns,
    plans,
  });
  console.log(`load average at the end: ${os.loadavg().map(round).join(' ')}`);
  console.log(`worst case: ticket_stats_worst_vs_target=${round(worst / TARGET_MS)}`);
  console.log(`ratio: ticket_stats_vs_target=${round(headline / TARGET_MS)}`);
} finally {
  // A failed cleanup is reported, not thrown: it would hide the error that ended the run.
  await run.cleanup().catch((e) => console.error(`cleanup: ${(e as Error).message}`));
}

// ---------------------------------------------------------------------------------------------

async function call(url: string, query: string, vars: Record<string, unknown>, identity: Identity) {
  const r = await callSubgraph(url, query, vars, identity);
  if (r.errors) throw new Error(JSON.stringify(r.errors).slice(0, 500));
  return r.data;
}

/** The data source of the in-process subgraph or a plain client on a platform process's database. */
type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

/** Employees IT knows of, and its agent roster. */
async function seedPeople(db: Sql, employees: number) {
  await db.query(
    `INSERT INTO known_employee (id, given_name, family_name, email, work_location, start_date)
     SELECT ${uuidOf('g')}, 'Given' || g, 'Family' || g, 'e' || g || '@example.com',
            (ARRAY['OFFICE','REMOTE','HYBRID'])[1 + g % 3], DATE '2020-01-01' + g % 1500
       FROM generate_series(1, $1::int) g`,
    [employees],
  );
  await db.query(
    `INSERT INTO it_agent (employee_id, lead) SELECT ${uuidOf('g')}, g = 1 FROM generate_series(1, $1::int) g`,
    [AGENTS],
  );
}

/** The same uuid for employee g in every database: hr, it, and the tickets that name them. */
function uuidOf(g: string): string {
  return `('00000000-0000-4000-8000-' || lpad(to_hex(${g}), 12, '0'))::uuid`;
}

/**
 * Tickets over two years: 60 % closed, 15 % resolved, the rest open in the four open statuses;
 * priorities skewed to P3; 85 % assigned to one of the agents; response and resolution due times
 * per priority; about one in eight answered or resolved late.
 */
async function seedTickets(db: Sql, tickets: number, employees: number) {
  // In slices: one statement must finish within the data source's query timeout.
  const SLICE = 50_000;
  for (let from = 1; from <= tickets; from += SLICE) {
    await db.query(
      `INSERT INTO ticket (title, category, priority, status, requester_id, assignee_id, created_at, updated_at,
                         first_responded_at, resolved_at, closed_at, response_due_at, resolution_due_at, created_by)
     SELECT 'Ticket ' || g, category, priority, status, requester, assignee, created,
            coalesce(resolved, created), responded, resolved,
            CASE WHEN status = 'CLOSED' THEN resolved + interval '3 days' END,
            created + response_due, created + resolution_due, 'bench'
       FROM (
         SELECT g,
                (ARRAY['HARDWARE','SOFTWARE','ACCESS','NETWORK','ONBOARDING','OFFBOARDING','OTHER'])[1 + h % 7] AS category,
                p.priority, s.status, p.response_due, p.resolution_due,
                ${uuidOf(`1 + (h >> 3) % ${employees}`)} AS requester,
                CASE WHEN h % 100 < 85 THEN ${uuidOf(`1 + (h >> 5) % ${AGENTS}`)} END AS assignee,
                created,
                CASE WHEN s.status NOT IN ('NEW') THEN created + p.response_due * ((h >> 7) % 1000) / 875.0 END AS responded,
                CASE WHEN s.status IN ('RESOLVED','CLOSED') THEN created + p.resolution_due * ((h >> 11) % 1000) / 875.0 END AS resolved
           FROM generate_series($2::int, $3::int) g,
                LATERAL (SELECT abs(hashtext(g::text)) AS h) hh,
                LATERAL (SELECT now() - (g::float8 / $1 * ${DAYS}) * interval '1 day' AS created) c,
                LATERAL (SELECT CASE WHEN h % 20 = 0 THEN 'P1' WHEN h % 20 < 5 THEN 'P2' WHEN h % 20 < 16 THEN 'P3' ELSE 'P4' END AS priority) pr,
                LATERAL (SELECT pr.priority,
                                (ARRAY[interval '1 hour', interval '4 hours', interval '8 hours', interval '1 day'])[substr(pr.priority, 2)::int] AS response_due,
                                (ARRAY[interval '4 hours', interval '1 day', interval '3 days', interval '5 days'])[substr(pr.priority, 2)::int] AS resolution_due) p,
                LATERAL (SELECT CASE WHEN h % 100 < 60 THEN 'CLOSED' WHEN h % 100 < 75 THEN 'RESOLVED'
                                     ELSE (ARRAY['NEW','TRIAGED','IN_PROGRESS','WAITING_ON_REQUESTER'])[1 + h % 4] END AS status) s
       ) x`,
      [tickets, from, Math.min(tickets, from + SLICE - 1)],
    );
  }
  await db.query('VACUUM ANALYZE ticket');
}

/** Runs `work` with every statement the data source sends recorded (SQL and parameters). */
async function capturing(db: DataSource, work: () => Promise<unknown>) {
  const statements: [string, unknown[]][] = [];
  const original = db.driver.createQueryRunner.bind(db.driver);
  (db.driver as any).createQueryRunner = (mode: any) => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = (sql: string, params?: unknown[], ...rest: unknown[]) => {
      statements.push([sql, params ?? []]);
      return (query as any)(sql, params, ...rest);
    };
    return runner;
  };
  try {
    await work();
  } finally {
    (db.driver as any).createQueryRunner = original;
  }
  return { statements };
}

async function explain(db: DataSource, [sql, params]: [string, unknown[]], workMem: string | null) {
  const plan: string[] = await db.transaction(async (em) => {
    if (workMem) await em.query(`SET LOCAL work_mem = '${workMem}'`);
    const r: { 'QUERY PLAN': string }[] = await em.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    return r.map((x) => x['QUERY PLAN']);
  });
  const exec = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? Number.NaN);
  const sorts = plan
    .filter((l) => /Sort Method/.test(l))
    .map((l) => l.trim().replace(/^Sort Method:\s*/, ''));
  const scan = (plan.find((l) => /Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan/.test(l)) ?? '')
    .replace(/^\s*->\s*/, '')
    .replace(/\s+\(cost.*$/, '');
  return {
    summary: { 'execution ms': round(exec), scan, sorts: [...new Set(sorts)].join('; ') || '-' },
    plan,
  };
}

/** hr + it + gateway as processes on their own databases; the same list with names resolved by hr. */
async function throughGateway(): Promise<Record<string, unknown>[]> {
  const runId = uniqueRunId();
  const env = testEnv(runId);
  env.LOG_LEVEL = 'error';
  const [gatewayPort, hrPort, itPort] = await Promise.all([freePort(), freePort(), freePort()]);
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  const out: Record<string, unknown>[] = [];
  try {
    console.log('starting hr, it and the gateway as processes');
    platform = await startPlatform({
      env,
      services: ['hr', 'it'],
      gatewayPort,
      servicePorts: { hr: hrPort, it: itPort },
      log: 'silent',
      readyTimeoutMs: 180_000,
    });
    const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const dbUrl = (name: string) => {
      const u = new URL(server);
      u.pathname = `/backoffice_${name}${env.DATABASE_SUFFIX}`;
      return u.toString();
    };
    const hrDb = new pg.Client({ connectionString: dbUrl('hr') });
    const itDb = new pg.Client({ connectionString: dbUrl('it') });
    await hrDb.connect();
    await itDb.connect();
    const people = SMOKE ? 200 : 1_000;
    try {
      await hrDb.query(`INSERT INTO department (name, cost_center) VALUES ('Back office', 'BO-1')`);
      await hrDb.query(
        `INSERT INTO employee (id, given_name, family_name, email, status, work_location, work_country, department_id, start_date)
         SELECT ${uuidOf('g')}, 'Given' || g, 'Family' || g, 'e' || g || '@example.com', 'ACTIVE', 'OFFICE', 'NL',
                (SELECT id FROM department LIMIT 1), DATE '2024-01-01'
           FROM generate_series(1, $1::int) g`,
        [people],
      );
      await seedPeople(itDb, people);
      await seedTickets(itDb, SMOKE ? 500 : 10_000, people);
      await hrDb.query('ANALYZE');
    } finally {
      await hrDb.end();
      await itDb.end();
    }
    const token = await mintToken({ sub: 'bench-agent', roles: ['it_agent'] });
    const client = graphqlClient(platform.gatewayUrl, token);
    for (const first of [1, 100]) {
      const query = LIST(first, 'names');
      const warm = await client.query(query);
      if (warm.errors) throw new Error(JSON.stringify(warm.errors).slice(0, 500));
      const named = warm.data.tickets.edges.filter((e: any) => e.node.requester.givenName).length;
      const times: number[] = [];
      for (let i = 0; i < LIST_CALLS; i++) {
        const s = performance.now();
        const r = await client.query(query);
        times.push(performance.now() - s);
        if (r.errors) throw new Error(JSON.stringify(r.errors).slice(0, 500));
      }
      times.sort((a, b) => a - b);
      out.push({
        'tickets(first)': first,
        via: `gateway (hr + it), ${named} requesters named`,
        caller: 'it_agent',
        'SQL statements': '-',
        'median ms': round(median(times)),
        'p95 ms': round(percentile(times, 95)),
      });
    }
  } catch (e) {
    console.error(`through the gateway: ${(e as Error).message}`);
  } finally {
    await platform?.stop();
    await dropTestDatabases(runId).catch((e) => console.error('drop databases:', (e as Error).message));
    await deleteTestStream(env.EVENTS_STREAM).catch(() => undefined);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
