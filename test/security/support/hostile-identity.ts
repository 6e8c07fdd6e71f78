import {
  bodyDigest,
  createIdentitySigner,
  createKeyring,
  devSigningKey,
  devTrustedKeys,
  IDENTITY_HEADER,
  IDENTITY_SESSION_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  identityStatement,
  type Role,
  type ServiceName,
  signIdentity,
} from '@backoffice/kit';
import { signedAsGateway, testGatewayKeyring } from '@backoffice/testkit';
import { createHmac, randomBytes } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { check, type SecurityCase } from './cases.js';
import { operationFor } from './operations.js';
import { rootFields } from './rules.js';
import { type Answer, bearer, codes, legacyHmacHeaders, post } from './hostile-requests.js';

/**
 * Identity headers sent straight to each subgraph that must be refused (forged, replayed, stale,
 * for another audience or body, the retired HMAC set, a user token), a fresh one accepted once; and
 * identity headers a client sends to the gateway, ignored.
 */
export async function identityHeaderCases(options: {
  platform: { gatewayUrl: string; processes: { name: string; origin: string }[] };
  schema: GraphQLSchema;
  services: readonly ServiceName[];
  /** A key of the retired shared-HMAC scheme. */
  oldSharedKey: string;
  /** Mints a user token (the suite records each, to look for it in the logs). */
  token: (roles: Role[]) => Promise<string>;
}): Promise<SecurityCase[]> {
  const { platform, schema, token } = options;
  const admin = { userId: 'intruder', roles: ['admin' as Role], employeeId: null };
  const employee = { userId: 'intruder', roles: ['employee' as Role], employeeId: null };
  const cases: SecurityCase[] = [];
  for (const service of options.services) {
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
    const other = options.services.find((s) => s !== service) as string;
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
      ...sessionVariants(admin, request, other, gateway, documentsKey),
      ['the old HMAC header set', legacyHmacHeaders(admin, options.oldSharedKey)],
      ['a user token instead', bearer(await token(['admin']))],
    ];
    for (const [name, headers] of variants) {
      cases.push({ name: `${service} direct: ${name}`, run: async () => refused(await send(headers)) });
    }
    cases.push({
      name: `${service} direct: a fresh MAC under the gateway's session is accepted once (control), then refused`,
      async run() {
        const fresh = createIdentitySigner(gateway)(admin, request);
        check(!!fresh[IDENTITY_SESSION_HEADER], 'the gateway made no session');
        const a = await send(fresh);
        check(!codes(a).includes('UNAUTHENTICATED'), `refused: ${a.text.slice(0, 160)}`);
        refused(await send(fresh));
      },
    });
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
  return cases;
}

type Signer = Parameters<typeof createIdentitySigner>[0];

/**
 * Identity sessions (kit auth/identity-session.ts), got around: a session a service signed, the
 * gateway's session for another subgraph under this one's statement, and the gateway's genuine session
 * with an admin statement MACed under a guessed key.
 */
function sessionVariants(
  admin: { userId: string; roles: Role[]; employeeId: null },
  request: { audience: string; method: string; path: string; body: string },
  other: string,
  gateway: Signer,
  documentsKey: Signer,
): [string, Record<string, string>][] {
  const genuine = createIdentitySigner(gateway);
  const own = genuine({ ...admin, roles: ['employee'] }, request);
  const statement = identityStatement(admin, request);
  const guessed = createHmac('sha256', randomBytes(32)).update(statement).digest('base64url');
  return [
    ['a session signed by a service key (documents)', createIdentitySigner(documentsKey)(admin, request)],
    [
      "the gateway's session for another subgraph",
      {
        ...genuine(admin, request),
        [IDENTITY_SESSION_HEADER]: genuine(admin, { ...request, audience: other })[IDENTITY_SESSION_HEADER],
      },
    ],
    [
      "an admin statement MACed with a guessed key under the gateway's session",
      { ...own, [IDENTITY_HEADER]: statement, [IDENTITY_SIGNATURE_HEADER]: `session.${guessed}` },
    ],
  ];
}
