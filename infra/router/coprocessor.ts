/**
 * The Apollo Router path's signer: for each subgraph request the Router hands it (the
 * SubgraphRequest stage), this process signs the statement the Node gateway signs (kit
 * auth/identity.ts), with the gateway's key: the caller from the claims of the user JWT the Router
 * verified, the subgraph (serviceName), method and path (uri), a digest of the body, the time and a
 * nonce. Subgraphs verify it unchanged.
 *
 * The choice: the Router verifies user JWTs (`authentication.router.jwt`) and this sidecar signs,
 * rather than each subgraph verifying user JWTs itself. So subgraphs trust one thing on both paths (a
 * statement by the gateway's key, addressed to them, about this request, once), the identity
 * provider's settings live in one place, and a user token captured inside the cluster opens nothing.
 *
 * It holds the gateway's key, so it answers the Router only:
 * - it listens on loopback (COPROCESSOR_HOST, default 127.0.0.1): run it as a sidecar in the Router's pod;
 * - every call must carry the Router's shared secret (COPROCESSOR_SECRET or COPROCESSOR_SECRET_FILE,
 *   32+ random bytes outside dev mode), which router.yaml puts on each subgraph request as
 *   `x-backoffice-router-secret` from the same variable; header rules run before the coprocessor
 *   stage, so the secret reaches us in the stage's headers. Compared in constant time; without it,
 *   401 and nothing signed (the Router then fails that subgraph call); with it, it is removed before
 *   the request goes on, so no subgraph ever sees it.
 *
 * The body is signed by meaning (jsonBodyDigest), not by bytes: the Router serialises the subgraph
 * request after this stage. Keep subgraph APQ off (the Router's default), so the body sent is the
 * one signed. A retried subgraph call that re-sent a statement without passing this stage again
 * would be refused as a replay: fail-closed, never a second use.
 *
 *   SIGNING_KEY=<gateway seed> TRUSTED_KEYS=... COPROCESSOR_SECRET=... NODE_ENV=production \
 *     node --import tsx infra/router/coprocessor.ts            # 127.0.0.1:4010
 *
 * Not run against a real Router here (no binary in CI): test/infra/router.test.ts starts this server
 * and checks the refusals and that what it signs verifies at a subgraph of that name only.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ANONYMOUS,
  ClaimsRefused,
  ConfigError,
  IDENTITY_HEADER,
  type Identity,
  identityFromClaims,
  isDevMode,
  jsonBodyDigest,
  type Keyring,
  loadKeyring,
  readBody,
  runMode,
  secretFromEnv,
  signIdentity,
  weakSecretReason,
} from '@backoffice/kit';

export const ROUTER_SECRET_HEADER = 'x-backoffice-router-secret';
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

interface CoprocessorRequest {
  version: number;
  stage: string;
  control: unknown;
  headers?: Record<string, string[]>;
  context?: { entries?: Record<string, unknown> };
  serviceName?: string;
  uri?: string;
  method?: string;
  body?: unknown;
  [rest: string]: unknown;
}

/**
 * The caller of a request the Router let through: anonymous when it carried no token, else the
 * verified token's claims read by the kit exactly as the Node gateway reads them (ClaimsRefused for
 * the tokens the gateway refuses).
 */
export function identityOfRouterClaims(claims: unknown): Identity {
  if (claims === undefined || claims === null) return ANONYMOUS;
  if (typeof claims !== 'object' || Array.isArray(claims))
    throw new ClaimsRefused('the token claims are not an object');
  return identityFromClaims(claims as Record<string, unknown>);
}

function secretMatches(expected: Buffer, given: string[] | undefined): boolean {
  const actual = Buffer.from(given?.length === 1 ? given[0] : '');
  // Lengths differ only for a wrong secret; the compare itself never exits early.
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The stage answer: the request's headers with our identity, never a client's or the secret. */
export function signSubgraphRequest(body: CoprocessorRequest, keyring: Keyring): CoprocessorRequest {
  if (!body.serviceName || !body.uri) throw new Error('the Router sent no serviceName or uri');
  const claims = body.context?.entries?.['apollo::authentication::jwt_claims'];
  const target = new URL(body.uri);
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(body.headers ?? {}))
    if (name !== ROUTER_SECRET_HEADER && !name.startsWith(IDENTITY_HEADER)) headers[name] = value;
  let identity: Identity;
  try {
    identity = identityOfRouterClaims(claims);
  } catch (error) {
    if (!(error instanceof ClaimsRefused)) throw error;
    // Refused as the gateway refuses it: nothing signed, and the Router ends this subgraph call
    // with the gateway's error instead of sending it.
    const refusal = { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] };
    return { ...body, control: { break: 401 }, headers, body: refusal };
  }
  const signed = signIdentity(
    identity,
    {
      audience: body.serviceName,
      method: body.method ?? 'POST',
      path: target.pathname + target.search,
      body: jsonBodyDigest(body.body),
    },
    keyring,
  );
  for (const [name, value] of Object.entries(signed)) headers[name] = [value];
  return { ...body, control: 'continue', headers };
}

async function readJson(req: IncomingMessage): Promise<CoprocessorRequest | null> {
  try {
    return JSON.parse((await readBody(req, MAX_PAYLOAD_BYTES)).toString('utf8')) as CoprocessorRequest;
  } catch {
    return null;
  }
}

export interface CoprocessorOptions {
  keyring: Keyring;
  secret: string;
  host?: string;
  port?: number;
}

export async function startCoprocessor(
  options: CoprocessorOptions,
): Promise<{ url: string; server: Server }> {
  const expected = Buffer.from(options.secret);
  const server = createServer(async (req, res) => {
    const answer = (status: number, body?: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body ? JSON.stringify(body) : '');
    const payload = req.method === 'POST' ? await readJson(req) : null;
    if (!payload) return answer(400);
    if (!secretMatches(expected, payload.headers?.[ROUTER_SECRET_HEADER])) return answer(401);
    // Only the stage router.yaml configures: nothing else is ever signed.
    if (payload.stage !== 'SubgraphRequest') return answer(400);
    try {
      answer(200, signSubgraphRequest(payload, options.keyring));
    } catch {
      answer(400);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return { url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`, server };
}

/** From the environment: the gateway's keyring, the Router's secret, loopback unless told otherwise. */
export function coprocessorOptions(env: NodeJS.ProcessEnv = process.env): CoprocessorOptions {
  const mode = runMode(env.NODE_ENV, env.BACKOFFICE_DEV === '1');
  const secret = secretFromEnv('COPROCESSOR_SECRET', env);
  if (!secret) throw new ConfigError('COPROCESSOR_SECRET (or _FILE) is required: the Router sends it');
  const weak = isDevMode(mode) ? null : weakSecretReason('COPROCESSOR_SECRET', secret, 32);
  if (weak) throw new ConfigError(weak);
  return {
    keyring: loadKeyring('gateway', mode, env),
    secret,
    host: env.COPROCESSOR_HOST?.trim() || '127.0.0.1',
    port: Number(env.COPROCESSOR_PORT ?? 4010),
  };
}

if (process.argv[1]?.endsWith('coprocessor.ts')) {
  const { url } = await startCoprocessor(coprocessorOptions());
  console.log(JSON.stringify({ level: 'info', msg: `identity coprocessor listening on ${url}` }));
}
