import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@backoffice/kit';
import { getIntrospectionQuery } from 'graphql';
import { loadGatewayConfig } from '../../../gateway/src/config.js';
import { sha256Hex } from '../../../gateway/src/persisted-queries.js';
import { startGateway } from '../../../gateway/src/server.js';
import { check, type SecurityCase } from './cases.js';

/**
 * A gateway configured the way production runs it (NODE_ENV=production: introspection for signed-in
 * callers only, no suggestions, no stacks), here with PERSISTED_QUERIES_ONLY and a small rate limit,
 * in front of the suite's subgraphs.
 */
const RATE_LIMIT = 10;
/** Production requires both; tokens for this gateway name them (the dev-mode gateway ignores them). */
export const PRODUCTION_JWT = {
  issuer: 'https://idp.security-suite.test',
  audience: 'backoffice-production',
};
const DEPARTMENTS = '{ departments { id } }';
const INTROSPECT = '{ __schema { queryType { name } } }';

export async function startProductionGateway(options: {
  /** The gateway's own Ed25519 key pair: the suite's subgraphs must trust its public key. */
  gatewayKey: { signingKey: string; publicKey: string };
  jwtSecret: string;
  subgraphUrls: Record<string, string>;
}) {
  const dir = mkdtempSync(join(tmpdir(), 'security-pq-'));
  const manifest = join(dir, 'persisted-queries.json');
  writeFileSync(
    manifest,
    JSON.stringify({ [sha256Hex(DEPARTMENTS)]: DEPARTMENTS, [sha256Hex(INTROSPECT)]: INTROSPECT }),
  );
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    // Production keeps /metrics off the public port; a free port here instead of the default 9464.
    GATEWAY_METRICS_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    SIGNING_KEY: options.gatewayKey.signingKey,
    TRUSTED_KEYS: JSON.stringify({ gateway: [options.gatewayKey.publicKey] }),
    JWT_SECRET: options.jwtSecret,
    JWT_ISSUER: PRODUCTION_JWT.issuer,
    JWT_AUDIENCE: PRODUCTION_JWT.audience,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    PERSISTED_QUERIES_ONLY: 'true',
    PERSISTED_QUERIES_PATH: manifest,
  };
  for (const [name, url] of Object.entries(options.subgraphUrls)) env[`${name.toUpperCase()}_URL`] = url;
  const gateway = await startGateway(loadGatewayConfig(env));

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: JSON.parse(text) as { data?: any; errors?: any[] },
    };
  };
  const byHash = (query: string) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
  });

  async function cases(
    token: (roles: Role[], employeeId?: string, sub?: string) => Promise<string>,
  ): Promise<SecurityCase[]> {
    const as = async (roles: Role[], sub: string) => ({
      authorization: `Bearer ${await token(roles, undefined, sub)}`,
    });
    return [
      {
        name: 'production: anonymous introspection is refused',
        async run() {
          const a = await post(byHash(INTROSPECT));
          check(a.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED', a.text.slice(0, 160));
        },
      },
      {
        name: 'production: a signed-in caller may introspect',
        async run() {
          const a = await post(byHash(INTROSPECT), await as(['employee'], 'pq-introspect'));
          check(a.body.data?.__schema?.queryType?.name === 'Query', a.text.slice(0, 160));
        },
      },
      {
        name: 'production: an employee may run a persisted operation by hash',
        async run() {
          const a = await post(byHash(DEPARTMENTS), await as(['employee'], 'pq-employee'));
          check(Array.isArray(a.body.data?.departments), a.text.slice(0, 160));
        },
      },
      {
        name: 'production: an employee may not send an ad-hoc query',
        async run() {
          const a = await post({ query: '{ departments { id name } }' }, await as(['employee'], 'pq-adhoc'));
          check(
            a.status === 400 && a.body.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT',
            a.text.slice(0, 160),
          );
          check(/PERSISTED_QUERIES_ONLY/.test(a.body.errors?.[0]?.message), a.text.slice(0, 160));
        },
      },
      {
        name: 'production: an unknown hash is refused',
        async run() {
          const a = await post(byHash('{ me { id } }'), await as(['employee'], 'pq-unknown'));
          check(
            a.status === 400 && a.body.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT',
            a.text.slice(0, 160),
          );
        },
      },
      {
        name: 'production: an analyst may send ad-hoc queries, without suggestions or stacks in errors',
        async run() {
          const ok = await post({ query: '{ departments { name } }' }, await as(['analyst'], 'pq-analyst'));
          check(Array.isArray(ok.body.data?.departments), ok.text.slice(0, 160));
          const typo = await post({ query: '{ departmnts { name } }' }, await as(['analyst'], 'pq-analyst'));
          // graphql's standard code and HTTP 400, as Apollo answers a document that does not validate.
          check(typo.status === 400, `typo HTTP ${typo.status}`);
          check(
            typo.body.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
            typo.text.slice(0, 160),
          );
          check(!/did you mean|departments/i.test(typo.text), `suggests: ${typo.text.slice(0, 160)}`);
          check(!/stacktrace|exception|\.ts:\d+/.test(typo.text), `stack: ${typo.text.slice(0, 160)}`);
        },
      },
      {
        name: 'production: the standard introspection query (15 levels) passes the depth limit (12) for a caller allowed to send it',
        async run() {
          const headers = await as(['analyst'], 'pq-graphiql');
          for (const options of [{}, { inputValueDeprecation: true, specifiedByUrl: true, oneOf: true }]) {
            const a = await post({ query: getIntrospectionQuery(options) }, headers);
            check(a.status === 200 && !a.body.errors, a.text.slice(0, 160));
            check(a.body.data?.__schema?.queryType?.name === 'Query', a.text.slice(0, 160));
          }
        },
      },
      {
        name: 'production: a deep domain query does not pass for introspection',
        async run() {
          const headers = await as(['analyst'], 'pq-hider');
          const deep = `employees(first: 1) { edges { node { ${'manager { '.repeat(12)}id${' }'.repeat(12)} } } }`;
          for (const query of [
            getIntrospectionQuery().replace('__schema {', `${deep} __schema {`),
            `{ __schema { queryType { name } } __type: ${deep} }`,
            `{ ...Intro } fragment Intro on Query { __schema { queryType { name } } ${deep} }`,
          ]) {
            const a = await post({ query }, headers);
            check(a.status === 400, `HTTP ${a.status}: ${a.text.slice(0, 160)}`);
            check(a.body.errors?.[0]?.extensions?.limit === 'MAX_QUERY_DEPTH', a.text.slice(0, 160));
          }
        },
      },
      {
        name: 'production: no /metrics on the public port, only on the metrics port',
        async run() {
          const publicScrape = await fetch(new URL('/metrics', gateway.url));
          check(publicScrape.status === 404, `public /metrics HTTP ${publicScrape.status}`);
          const scrape = await fetch(gateway.metricsUrl as string);
          check(scrape.status === 200, `metrics port HTTP ${scrape.status}`);
        },
      },
      {
        name: `production: a burst of ${RATE_LIMIT} requests, then 429 until the bucket refills`,
        async run() {
          const headers = await as(['employee'], 'pq-flood');
          // A token bucket of RATE_LIMIT refilled at RATE_LIMIT a minute: whatever the machine's pace,
          // the burst passes, and no more pass than the burst plus what refilled while they ran (a
          // slow run sees a token come back every 60/RATE_LIMIT s, so "the 11th is refused" is not it).
          const started = Date.now();
          const statuses: number[] = [];
          let last = await post(byHash(DEPARTMENTS), headers);
          for (let i = 0; last.status !== 429 && i < 100; i++) {
            statuses.push(last.status);
            const refilled = Math.floor(((Date.now() - started) * RATE_LIMIT) / 60_000);
            check(
              statuses.length <= RATE_LIMIT + refilled,
              `${statuses.length} passed in ${Date.now() - started} ms`,
            );
            last = await post(byHash(DEPARTMENTS), headers);
          }
          check(statuses.length >= RATE_LIMIT, `only ${statuses.length} passed before a 429`);
          check(
            statuses.every((s) => s === 200),
            `statuses ${statuses.join(',')}`,
          );
          check(last.status === 429, `HTTP ${last.status}`);
          const retryAfter = Number(last.headers.get('retry-after'));
          check(
            Number.isInteger(retryAfter) && retryAfter >= 1,
            `Retry-After ${last.headers.get('retry-after')}`,
          );
          check(last.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED', last.text.slice(0, 160));
          check(last.body.errors?.[0]?.extensions?.retryAfterSeconds === retryAfter, last.text.slice(0, 160));
          check(/RATE_LIMIT_PER_MINUTE/.test(last.body.errors?.[0]?.message), last.text.slice(0, 160));
          // Another user is not affected.
          const other = await post(byHash(DEPARTMENTS), await as(['employee'], 'pq-bystander'));
          check(other.status === 200, `bystander HTTP ${other.status}`);
        },
      },
    ];
  }

  return {
    cases,
    async stop() {
      await gateway.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
