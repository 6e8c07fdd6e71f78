import {
  bodyDigest,
  createKeyring,
  devSigningKey,
  devTrustedKeys,
  generateSigningKey,
  type Identity,
  type Keyring,
  type Role,
  STREAMED_BODY,
  signIdentity,
} from '@backoffice/kit';

/**
 * Calling a subgraph as the gateway does: an identity signed with the gateway's dev key, addressed to
 * the subgraph and bound to the exact request.
 */

export function testIdentity(
  roles: Role[],
  options: { userId?: string; employeeId?: string | null } = {},
): Identity {
  return {
    userId: options.userId ?? `user-${roles.join('-') || 'none'}`,
    roles,
    employeeId: options.employeeId ?? null,
  };
}

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

/**
 * The gateway's dev keyring: what test runs' subgraphs (dev mode, no TRUSTED_KEYS) believe the
 * gateway signs with. A bench started from a shell uses it too.
 */
export function testGatewayKeyring(): Keyring {
  gatewayKeyring ??= createKeyring('gateway', devSigningKey('gateway'), devTrustedKeys());
  return gatewayKeyring;
}
let gatewayKeyring: Keyring | undefined;

/**
 * A fresh gateway key pair as the gateway's env (SIGNING_KEY, TRUSTED_KEYS naming only it), for a
 * gateway a test starts outside dev mode, where the dev key is refused.
 */
export function generateGatewayKeys(): {
  env: { SIGNING_KEY: string; TRUSTED_KEYS: string };
  publicKey: string;
} {
  const { signingKey, publicKey } = generateSigningKey();
  return {
    env: { SIGNING_KEY: signingKey, TRUSTED_KEYS: JSON.stringify({ gateway: [publicKey] }) },
    publicKey,
  };
}

/** Subgraph name by origin: filled by startTestSubgraph, else asked of the subgraph's /health once. */
const audiences = new Map<string, string>();

/** Records the name the subgraph at `url` answers to (startTestSubgraph knows it; no /health call needed). */
export function rememberAudience(url: string, name: string): void {
  audiences.set(new URL(url).origin, name);
}

/** The name a subgraph answers to, which a forwarded identity must be addressed to. */
export async function subgraphAudience(url: string): Promise<string> {
  const origin = new URL(url).origin;
  let name = audiences.get(origin);
  if (!name) {
    const health = (await (await fetch(`${origin}/health`)).json()) as { service?: unknown };
    if (typeof health.service !== 'string') throw new Error(`${origin}/health names no service`);
    name = health.service;
    audiences.set(origin, name);
  }
  return name;
}

/**
 * The identity headers the gateway would send with this exact request: addressed to the subgraph at
 * `url`, bound to `body`, good once.
 */
export async function signedAsGateway(
  url: string,
  identity: Identity,
  body: string,
  method = 'POST',
): Promise<Record<string, string>> {
  const target = new URL(url);
  return signIdentity(
    identity,
    {
      audience: await subgraphAudience(url),
      method,
      path: target.pathname + target.search,
      body: bodyDigest(body),
    },
    testGatewayKeyring(),
  );
}

/**
 * For a subgraph's plain routes, as the gateway's passthrough signs them: a GET by its (empty) body,
 * an upload as streamed.
 */
export async function signedForRoute(
  url: string,
  identity: Identity,
  method = 'GET',
): Promise<Record<string, string>> {
  const target = new URL(url);
  const bodiless = method === 'GET' || method === 'HEAD';
  return signIdentity(
    identity,
    {
      audience: await subgraphAudience(url),
      method,
      path: target.pathname + target.search,
      body: bodiless ? bodyDigest('') : STREAMED_BODY,
    },
    testGatewayKeyring(),
  );
}

/** Calls a subgraph as the gateway would: with a freshly signed identity (none: anonymous). */
export async function callSubgraph<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity?: Identity,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const body = JSON.stringify({ query, variables });
  const signed = identity ? await signedAsGateway(url, identity, body) : {};
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...headers },
    body,
  });
  return (await res.json()) as GraphQLResult<T>;
}
