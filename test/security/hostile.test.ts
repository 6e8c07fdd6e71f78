import { hr } from '@backoffice/events';
import { randomBytes } from 'node:crypto';
import { type GraphQLObjectType, isNonNullType } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectBus,
  devTrustedKeys,
  domainEvent,
  generateSigningKey,
  ROLES,
  type ServiceName,
} from '@backoffice/kit';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  freeServicePorts,
  graphqlClient,
  publishSignedBody,
  startPlatform,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { check, runCases, type SecurityCase, tally } from './support/cases.js';
import { identityHeaderCases } from './support/hostile-identity.js';
import { injectionCases } from './support/hostile-injection.js';
import { limitCases } from './support/hostile-limits.js';
import { assertSafe, bearer, codes, post } from './support/hostile-requests.js';
import { badTokenCases, tokenMinter } from './support/hostile-tokens.js';
import { DUMMY_ID, operationFor, rootFieldsOf, supergraphSchema } from './support/operations.js';
import { PRODUCTION_JWT, startProductionGateway } from './support/production-gateway.js';
import { allowList, rootFields } from './support/rules.js';

/**
 * The platform under attack: five subgraphs and the gateway as separate processes (real Postgres
 * and NATS, isolated per run), plus a second, in-process gateway configured as in production
 * (introspection for signed-in callers, persisted operations only, a small rate limit).
 */
const runId = uniqueRunId();
/** A key of the retired shared-HMAC scheme, as anyone who held it would sign the old header set with. */
const OLD_SHARED_KEY = randomBytes(48).toString('base64');
// Random, as production requires (the in-process production gateway refuses typed or example secrets).
const JWT_SECRET = randomBytes(48).toString('base64');
/** The production gateway's own key (production refuses dev keys); the suite's subgraphs trust it too. */
const PRODUCTION_GATEWAY_KEY = generateSigningKey();
const trusted = Object.fromEntries(devTrustedKeys());
trusted.gateway = [...trusted.gateway, PRODUCTION_GATEWAY_KEY.publicKey];
const env: Record<string, string> = {
  ...testEnv(runId),
  TRUSTED_KEYS: JSON.stringify(trusted),
  JWT_SECRET,
  // The attack runs hundreds of requests as one user; the limiter has its own case on the production gateway.
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'info',
};
const SERVICES: ServiceName[] = ['hr', 'accounting', 'documents', 'compliance', 'it', 'catalog'];

let platform: Awaited<ReturnType<typeof startPlatform>>;
let production: Awaited<ReturnType<typeof startProductionGateway>>;
const logLines: { name: string; line: string }[] = [];
// One token per caller, minted once (support/hostile-tokens.ts says why); `tokens` lists them all.
const { token, tokens } = tokenMinter({ secret: JWT_SECRET, ...PRODUCTION_JWT });

const schema = supergraphSchema();
const operations = rootFieldsOf(schema);
const declared = new Map(rootFields().map((f) => [`${f.type}.${f.name}`, f.roles]));
const authenticatedOnly = allowList().fields;

beforeAll(async () => {
  platform = await startPlatform({
    env,
    gatewayPort: await freePort(),
    servicePorts: await freeServicePorts(),
    log: (name, line) => logLines.push({ name, line }),
    readyTimeoutMs: 150_000,
  });
  const subgraphUrls = Object.fromEntries(
    platform.processes.filter((p) => p.name !== 'gateway').map((p) => [p.name, `${p.origin}/graphql`]),
  );
  production = await startProductionGateway({
    gatewayKey: PRODUCTION_GATEWAY_KEY,
    jwtSecret: JWT_SECRET,
    subgraphUrls,
  });
}, 240_000);

afterAll(async () => {
  await production?.stop();
  await platform?.stop();
  await dropTestDatabases(runId);
  await deleteTestStream(env.EVENTS_STREAM);
  process.stdout.write(`security cases: tried ${tally.tried}, passed ${tally.passed}\n`);
  for (const failure of tally.failures.slice(0, 50)) process.stdout.write(`  failed: ${failure}\n`);
}, 60_000);

/** Malformed events go out first; their parking is checked at the end, after the retries ran. */
const MALFORMED = 4;
let publishedAt = 0;

describe('hostile input', () => {
  it('publishes malformed events on the bus', async () => {
    const bus = await connectBus({
      url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      stream: env.EVENTS_STREAM,
      prefix: env.EVENTS_SUBJECT_PREFIX,
      name: 'security-suite',
    });
    try {
      // Payloads no contract allows (`as never`: the compiler would refuse them, which is the point).
      const wrongData = domainEvent(hr.employeeHired, 'not-a-uuid', {
        employeeId: 42,
        givenName: null,
      } as never);
      const injected = domainEvent(hr.employeeHired, DUMMY_ID, {
        employeeId: "'; DROP TABLE ticket; --",
        givenName: '../../etc/passwd',
      } as never);
      const payloads = ['not json at all', '{}', JSON.stringify(wrongData), JSON.stringify(injected)];
      expect(payloads).toHaveLength(MALFORMED);
      // Signed with hr's key, as a buggy or compromised hr would send them: past the signature check,
      // the handlers themselves must refuse them.
      for (const [i, payload] of payloads.entries()) {
        await publishSignedBody(bus, hr.employeeHired.type, payload, {
          msgID: `security-${runId}-${i}`,
        });
      }
      publishedAt = Date.now();
    } finally {
      await bus.nc.close();
    }
  });

  it('answers UNAUTHENTICATED to anonymous callers on every root field', async () => {
    const cases: SecurityCase[] = operations.map(({ type, field }) => ({
      name: `anonymous ${type}.${field.name}`,
      async run() {
        const op = operationFor(type, field);
        const a = await post(platform.gatewayUrl, { query: op.query, variables: op.variables });
        check(codes(a).length > 0, `no error: ${a.text.slice(0, 200)}`);
        check(
          codes(a).every((c) => c === 'UNAUTHENTICATED'),
          `codes ${codes(a).join(',')}: ${a.text.slice(0, 200)}`,
        );
      },
    }));
    expect(await runCases(cases)).toEqual([]);
  });

  it('answers FORBIDDEN to every role a field excludes, and lets authenticated-only fields through', async () => {
    const cases: SecurityCase[] = [];
    for (const { type, field } of operations) {
      const key = `${type}.${field.name}`;
      const roles = declared.get(key);
      if (roles === undefined && !(key in authenticatedOnly)) {
        cases.push({
          name: `decision ${key}`,
          run: async () => check(false, 'no @requiresRole in any subgraph SDL and not in the allow-list'),
        });
        continue;
      }
      const op = operationFor(type, field);
      if (roles === undefined) {
        cases.push({
          name: `employee ${key}`,
          async run() {
            const a = await post(
              platform.gatewayUrl,
              { query: op.query, variables: op.variables },
              bearer(await token(['employee'], DUMMY_ID)),
            );
            check(!codes(a).includes('UNAUTHENTICATED'), `a signed-in employee got UNAUTHENTICATED`);
            assertSafe(a);
          },
        });
        continue;
      }
      for (const role of ROLES) {
        if (role === 'admin' || roles.includes(role)) continue;
        cases.push({
          name: `${role} ${key}`,
          async run() {
            const a = await post(
              platform.gatewayUrl,
              { query: op.query, variables: op.variables },
              bearer(await token([role], DUMMY_ID)),
            );
            check(
              codes(a).length > 0 && codes(a).every((c) => c === 'FORBIDDEN'),
              `codes ${codes(a).join(',') || 'none'}: ${a.text.slice(0, 160)}`,
            );
          },
        });
      }
    }
    expect(await runCases(cases)).toEqual([]);
  });

  it("masks an employee's pay and personal data from analysts", async () => {
    const hr = graphqlClient(platform.gatewayUrl, await token(['hr']));
    const dept = await hr.query(
      'mutation { createDepartment(input: { name: "Security", costCenter: "SEC-1" }) { id } }',
    );
    expect(dept.errors).toBeUndefined();
    const hired = await hr.query('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }', {
      i: {
        givenName: 'Ada',
        familyName: 'Lovelace',
        email: `ada.${runId}@example.com`,
        departmentId: dept.data.createDepartment.id,
        startDate: '2027-01-04',
        workLocation: 'OFFICE',
        contract: { monthlySalary: '7100.00', currency: 'EUR', fte: 1 },
      },
    });
    expect(hired.errors).toBeUndefined();
    const id = hired.data.hireEmployee.id as string;
    const analyst = await token(['analyst']);
    const hrToken = await token(['hr']);
    const masked = [
      'contract { monthlySalary }',
      'contractHistory { monthlySalary }',
      'personalData { iban bsn }',
      'payslips { __typename }',
      'allowances { monthlyAmount }',
      'payrollCost(year: 2027)',
      'statusHistory { status }',
    ];
    const cases: SecurityCase[] = masked.flatMap((selection) => [
      {
        name: `analyst Employee.${selection.split(/[ ({]/)[0]}`,
        async run() {
          const query = `query($id: ID!) { employee(id: $id) { id ${selection} } }`;
          const a = await post(platform.gatewayUrl, { query, variables: { id } }, bearer(analyst));
          check(codes(a).includes('FORBIDDEN'), `not FORBIDDEN: ${a.text.slice(0, 200)}`);
          // Ids and trace ids are random hex, which now and then holds the digits 7100 (seen once in CI:
          // the three nullable fields failed together, the employee's id being in their answers).
          const withoutIds = a.text.replace(
            /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{16,}/gi,
            '<id>',
          );
          check(!withoutIds.includes('7100'), 'the salary reached an analyst');
          // A refused non-null field nulls its parent (GraphQL's rule); a nullable one keeps the rest intact.
          const name = selection.split(/[ ({]/)[0];
          const nullable = !isNonNullType(
            (schema.getType('Employee') as GraphQLObjectType).getFields()[name]?.type,
          );
          if (nullable)
            check(
              (a.body.data?.employee as { id?: string } | null)?.id === id,
              'the rest of the answer was lost',
            );
        },
      },
      {
        name: `hr Employee.${selection.split(/[ ({]/)[0]}`,
        async run() {
          const query = `query($id: ID!) { employee(id: $id) { id ${selection} } }`;
          const a = await post(platform.gatewayUrl, { query, variables: { id } }, bearer(hrToken));
          check(!codes(a).includes('FORBIDDEN'), `hr was refused: ${a.text.slice(0, 200)}`);
        },
      },
    ]);
    expect(await runCases(cases)).toEqual([]);
  });

  it('refuses forged, replayed, stale and malformed identity headers sent straight to each subgraph', async () => {
    const cases = await identityHeaderCases({
      platform,
      schema,
      services: SERVICES,
      oldSharedKey: OLD_SHARED_KEY,
      token,
    });
    expect(await runCases(cases)).toEqual([]);
  });

  it('refuses expired, unsigned, wrongly signed and ill-formed user tokens', async () => {
    const cases = await badTokenCases(platform.gatewayUrl, JWT_SECRET, await token(['employee']));
    expect(await runCases(cases)).toEqual([]);
  });

  it('refuses deep, wide, aliased, costly and oversized requests with BAD_USER_INPUT', async () => {
    const cases = limitCases(platform.gatewayUrl, bearer(await token(['hr'])));
    expect(await runCases(cases, 3)).toEqual([]);
  });

  it('answers injection and traversal strings in every string argument without a 500 or SQL text', async () => {
    const admin = bearer(await token(['admin'], DUMMY_ID, 'sec-injector'));
    const gateway = { url: platform.gatewayUrl, origin: platform.gatewayOrigin };
    const cases = injectionCases(operations, gateway, admin);
    expect(await runCases(cases)).toEqual([]);
  }, 120_000);

  it('keeps the production gateway quiet: no anonymous introspection, no suggestions, persisted operations only, a rate limit', async () => {
    expect(await runCases(await production.cases(token))).toEqual([]);
  });

  it('parks malformed events, and every service stays up and ready', async () => {
    const cases: SecurityCase[] = [
      {
        name: 'malformed events parked by it',
        async run() {
          const client = new pg.Client({
            connectionString: (
              process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
            ).replace(/\/[^/]*$/, `/backoffice_it${env.DATABASE_SUFFIX}`),
          });
          await client.connect();
          try {
            let parked = 0;
            const until = Math.max(publishedAt + 40_000, Date.now() + 5_000);
            while (Date.now() < until) {
              const { rows } = await client.query(
                `SELECT count(*)::int AS n FROM dead_letter WHERE subject LIKE '%employee.hired'`,
              );
              parked = rows[0].n;
              if (parked >= MALFORMED) break;
              await new Promise((r) => setTimeout(r, 500));
            }
            check(parked >= MALFORMED, `${parked} of ${MALFORMED} parked`);
          } finally {
            await client.end();
          }
        },
      },
      ...platform.processes.map((p) => ({
        name: `${p.name} still ready`,
        async run() {
          check(p.managed.isRunning(), `${p.name} exited`);
          const res = await fetch(`${p.origin}/ready`);
          check(res.status === 200, `/ready answered ${res.status}`);
        },
      })),
    ];
    expect(await runCases(cases)).toEqual([]);
  }, 60_000);

  it('never logs a token, an identity signature or the variables of a request', async () => {
    const marker = 'NL91ABNA0417164300-security-marker';
    const a = await post(
      platform.gatewayUrl,
      { query: 'query($id: ID!) { employee(id: $id) { id } }', variables: { id: marker } },
      bearer(await token(['hr'])),
    );
    assertSafe(a);
    await new Promise((r) => setTimeout(r, 300));
    const cases: SecurityCase[] = [
      {
        name: 'logs: no bearer token anywhere',
        async run() {
          const leaked = logLines.filter(({ line }) => tokens.some((t) => line.includes(t.split('.')[2])));
          check(leaked.length === 0, `${leaked[0]?.name}: ${leaked[0]?.line.slice(0, 200)}`);
        },
      },
      {
        name: 'logs: the gateway prints no variables',
        async run() {
          const leaked = logLines.filter(({ name, line }) => name === 'gateway' && line.includes(marker));
          check(leaked.length === 0, leaked[0]?.line.slice(0, 200) ?? '');
        },
      },
      {
        name: 'logs: the gateway logged requests at all (the check above means something)',
        async run() {
          check(
            logLines.some(({ name, line }) => name === 'gateway' && line.includes('"request"')),
            'no request log lines',
          );
        },
      },
    ];
    expect(await runCases(cases)).toEqual([]);
  });
});
