import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  DEFAULT_JWT_MAX_TTL_SECONDS,
  DEV_JWT_SECRET,
  isDevMode,
  isRole,
  type Keyring,
  loadKeyring,
  type Role,
  GATEWAY_PORT,
  type PlatformConfig,
  platformConfig,
  type RunMode,
  SERVICE_NAMES,
  secretFromEnv,
  serviceUrl,
  weakSecretReason,
} from '@backoffice/kit';
import { parseSubgraphUrls } from './replicas.js';

/**
 * The gateway's settings, read from the environment once (`gatewayConfig()`), or built from any env
 * record with `loadGatewayConfig(env)` so tests never touch `process.env`.
 *
 * zod is not resolvable from the gateway package (it is a dependency of @backoffice/kit only), so the
 * few settings are checked by hand here; problems are collected and thrown together as kit's
 * ConfigError, in the same shape parseEnv uses.
 */
export interface JwtConfig {
  /** HS256 secret; null when a JWKS is used (HS256 is then off, whatever JWT_SECRET says). */
  secret: string | null;
  /** RS256/ES256 keys of an identity provider. */
  jwksUrl: string | null;
  issuer: string | null;
  audience: string | null;
  /** True when no secret was configured and the dev secret stands in (dev mode only). */
  usingDevSecret: boolean;
  /** JWT_MAX_TTL: the longest a token may live (exp - iat), in seconds; 12 h by default. */
  maxTtlSeconds: number;
}

export interface GatewayLimits {
  maxQueryDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxBodyBytes: number;
  /** Estimated fields an operation may resolve, list fields multiplied by their page size (MAX_COST). */
  maxCost: number;
}

/** Who may run introspection: nobody, signed-in callers, or anyone. */
export type IntrospectionMode = 'off' | 'authenticated' | 'open';

export interface SecurityConfig {
  introspection: IntrospectionMode;
  /** Requests per minute per user (or per IP for anonymous callers); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Only persisted operations, except for callers with one of `adhocQueryRoles`. */
  persistedQueriesOnly: boolean;
  /** sha256 (hex) -> query text, from PERSISTED_QUERIES_PATH; empty without one. */
  persistedQueries: ReadonlyMap<string, string>;
  adhocQueryRoles: Role[];
}

export interface GatewayConfig {
  /** production, development or test (BACKOFFICE_DEV=1), or unmarked: see kit's RunMode. */
  mode: RunMode;
  logLevel: PlatformConfig['LOG_LEVEL'];
  /** GATEWAY_HOST, else LISTEN_HOST; else all interfaces (undefined) in production, loopback elsewhere. */
  host: string | undefined;
  /** 0 picks a free port (tests). */
  port: number;
  /**
   * GATEWAY_METRICS_PORT: `GET /metrics` only there, not on the public port. Default in production
   * 9464; elsewhere unset (null), and /metrics is on the public port for convenience.
   */
  metricsPort?: number | null;
  /**
   * The gateway's own signing key (SIGNING_KEY, principal `gateway`): it signs the identity it forwards
   * with each subgraph call, and only its key is believed for that (docs/operations.md, "Keys").
   */
  keyring: Keyring;
  jwt: JwtConfig;
  supergraphPath: string;
  /** When set, used instead of reading `supergraphPath` (tests compose in memory). */
  supergraphSdl?: string;
  /** GraphQL endpoint per subgraph name; overrides the URLs recorded in the supergraph at compose time. */
  subgraphUrls: Record<string, string>;
  /** Keep-alive connections per subgraph origin. */
  subgraphConnections: number;
  /** Share identical in-flight subgraph queries of one caller (SUBGRAPH_DEDUPE=off to disable). */
  dedupeSubgraphRequests: boolean;
  /**
   * Answer a query that one subgraph answers whole with that subgraph's data, without re-shaping it
   * (direct/direct-answers.ts; DIRECT_ANSWERS=off to disable). Never in development or with tracing.
   */
  directAnswers: boolean;
  limits: GatewayLimits;
  security: SecurityConfig;
  /** Things worth a log line at start (the dev secret, say); config loading itself never logs. */
  warnings: string[];
}

export const GATEWAY_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The generated schema files: the supergraph and the released subgraph schemas (schema/README.md). */
export const SCHEMA_DIR = resolve(GATEWAY_DIR, 'schema');
export const DEFAULT_SUPERGRAPH_PATH = resolve(SCHEMA_DIR, 'supergraph.graphql');
const MAX_DIRECTIVES = 50;
const INTROSPECTION_MODES: readonly IntrospectionMode[] = ['off', 'authenticated', 'open'];
const DEFAULT_ADHOC_ROLES: Role[] = ['analyst', 'admin'];
const SHA256_HEX = /^[0-9a-f]{64}$/;
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** The port Prometheus exporters conventionally use. */
export const DEFAULT_METRICS_PORT = 9464;

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    problems.push(`${name}: expected an integer >= ${min}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** `JWT_MAX_TTL`: seconds, or `90m`, `12h`, `1d`. */
function duration(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = optional(env, name);
  if (!raw) return fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw);
  const seconds = match ? Number(match[1]) * TTL_UNITS[match[2] || 's'] : 0;
  if (seconds <= 0) problems.push(`${name}: expected a duration such as 3600, 90m or 12h, got "${raw}"`);
  return seconds > 0 ? seconds : fallback;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  // Throws for a mode that contradicts itself (BACKOFFICE_DEV=1 with NODE_ENV=production) and bad
  // platform values; the keys are checked by loadKeyring below, its problem reported with the others.
  const platform = platformConfig(env);
  const production = platform.mode === 'production';
  const devMode = isDevMode(platform.mode);
  const problems: string[] = [];
  const warnings: string[] = [];

  let keyring: Keyring | undefined;
  try {
    keyring = loadKeyring('gateway', platform.mode, env);
  } catch (error) {
    problems.push((error as Error).message);
  }

  const port = integer(env, 'GATEWAY_PORT', GATEWAY_PORT, 0, problems);
  if (port > 65535) problems.push('GATEWAY_PORT: not a port');
  const metricsPort = optional(env, 'GATEWAY_METRICS_PORT')
    ? integer(env, 'GATEWAY_METRICS_PORT', DEFAULT_METRICS_PORT, 0, problems)
    : production
      ? DEFAULT_METRICS_PORT
      : null;
  if (metricsPort !== null && metricsPort > 65535) problems.push('GATEWAY_METRICS_PORT: not a port');
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port)
    problems.push('GATEWAY_METRICS_PORT: must differ from GATEWAY_PORT');

  const jwksUrl = optional(env, 'JWT_JWKS_URL');
  if (jwksUrl) {
    let url: URL | null = null;
    try {
      url = new URL(jwksUrl);
    } catch {
      problems.push('JWT_JWKS_URL: not a URL');
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
      problems.push('JWT_JWKS_URL: must be http(s)');
    if (url && production && url.protocol !== 'https:')
      problems.push('JWT_JWKS_URL: must be https in production');
  }

  let secret = secretFromEnv('JWT_SECRET', env) ?? null;
  let usingDevSecret = false;
  const issuer = optional(env, 'JWT_ISSUER');
  const audience = optional(env, 'JWT_AUDIENCE');
  const maxTtlSeconds = duration(env, 'JWT_MAX_TTL', DEFAULT_JWT_MAX_TTL_SECONDS, problems);
  if (secret === DEV_JWT_SECRET && !devMode)
    problems.push("JWT_SECRET: the repo's dev secret is accepted only with BACKOFFICE_DEV=1");
  else if (secret && production && !jwksUrl) {
    const weak = weakSecretReason('JWT_SECRET', secret, 32);
    if (weak) problems.push(weak);
  }
  if (production && (!issuer || !audience))
    problems.push(
      'JWT_ISSUER and JWT_AUDIENCE are required when NODE_ENV=production: a token must name who issued it and that it is meant for this gateway',
    );
  if (secret && jwksUrl) {
    // Two ways in is one too many: a leaked HS256 secret would bypass the identity provider.
    secret = null;
    warnings.push('JWT_SECRET is ignored while JWT_JWKS_URL is set: HS256 tokens are refused');
  }
  if (!secret && !jwksUrl) {
    if (devMode) {
      secret = DEV_JWT_SECRET;
      usingDevSecret = true;
      warnings.push(
        'no JWT_SECRET or JWT_JWKS_URL: verifying user tokens with the dev secret (BACKOFFICE_DEV=1); never do this in production',
      );
    } else {
      problems.push(
        production
          ? 'JWT_SECRET (or JWT_SECRET_FILE) or JWT_JWKS_URL is required when NODE_ENV=production'
          : 'JWT_SECRET (or JWT_SECRET_FILE) or JWT_JWKS_URL is not set and dev mode is not on: set one, or BACKOFFICE_DEV=1 on a developer machine to use the dev secret',
      );
    }
  }

  const limits: GatewayLimits = {
    maxQueryDepth: integer(env, 'MAX_QUERY_DEPTH', 12, 1, problems),
    maxAliases: integer(env, 'MAX_ALIASES', 30, 0, problems),
    maxDirectives: MAX_DIRECTIVES,
    maxTokens: integer(env, 'MAX_TOKENS', 5000, 1, problems),
    // Room for a few MiB of base64 in uploadDocument; bigger files go through the streaming POST /documents.
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 8 * 1024 * 1024, 1, problems),
    maxCost: integer(env, 'MAX_COST', 25_000, 1, problems),
  };
  const security = securityConfig(env, production, problems);

  const subgraphUrls: Record<string, string> = {};
  for (const service of SERVICE_NAMES) {
    try {
      subgraphUrls[service] = serviceUrl(service, env);
      // Several replicas without a load balancer: comma-separated (replicas.ts).
      parseSubgraphUrls(subgraphUrls[service], `${service.toUpperCase()}_URL`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  const subgraphConnections = integer(env, 'SUBGRAPH_CONNECTIONS', 32, 1, problems);

  if (problems.length > 0 || !keyring) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);

  const supergraphPath = optional(env, 'SUPERGRAPH_PATH');
  return {
    mode: platform.mode,
    logLevel: platform.LOG_LEVEL,
    // Production keeps today's "every interface" for containers; elsewhere only this machine.
    host:
      optional(env, 'GATEWAY_HOST') ?? optional(env, 'LISTEN_HOST') ?? (production ? undefined : '127.0.0.1'),
    port,
    metricsPort,
    keyring,
    jwt: {
      secret,
      jwksUrl,
      issuer,
      audience,
      usingDevSecret,
      maxTtlSeconds,
    },
    supergraphPath: supergraphPath
      ? isAbsolute(supergraphPath)
        ? supergraphPath
        : resolve(supergraphPath)
      : DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls,
    subgraphConnections,
    dedupeSubgraphRequests: optional(env, 'SUBGRAPH_DEDUPE') !== 'off',
    directAnswers: optional(env, 'DIRECT_ANSWERS') !== 'off',
    limits,
    security,
    warnings,
  };
}

function securityConfig(env: NodeJS.ProcessEnv, production: boolean, problems: string[]): SecurityConfig {
  const rawMode = optional(env, 'INTROSPECTION');
  let introspection: IntrospectionMode = production ? 'authenticated' : 'open';
  if (rawMode) {
    if ((INTROSPECTION_MODES as readonly string[]).includes(rawMode))
      introspection = rawMode as IntrospectionMode;
    else problems.push(`INTROSPECTION: expected one of ${INTROSPECTION_MODES.join(', ')}, got "${rawMode}"`);
  }
  // The schema is a map of every field an attacker could try; in production only callers we know see it.
  if (production && introspection === 'open')
    problems.push('INTROSPECTION: "open" is not allowed in production (use authenticated or off)');

  const rawOnly = optional(env, 'PERSISTED_QUERIES_ONLY');
  if (rawOnly && rawOnly !== 'true' && rawOnly !== 'false')
    problems.push(`PERSISTED_QUERIES_ONLY: expected true or false, got "${rawOnly}"`);
  const persistedQueriesOnly = rawOnly === 'true';

  const persistedQueries = new Map<string, string>();
  const path = optional(env, 'PERSISTED_QUERIES_PATH');
  if (path) {
    try {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
        throw new Error('not an object');
      for (const [hash, query] of Object.entries(manifest)) {
        if (!SHA256_HEX.test(hash) || typeof query !== 'string') throw new Error(`bad entry "${hash}"`);
        persistedQueries.set(hash, query);
      }
    } catch (error) {
      problems.push(
        `PERSISTED_QUERIES_PATH: cannot read ${path} as { "<sha256>": "query" } (${(error as Error).message})`,
      );
    }
  } else if (persistedQueriesOnly) {
    problems.push(
      'PERSISTED_QUERIES_ONLY=true needs PERSISTED_QUERIES_PATH (the manifest of allowed operations)',
    );
  }

  const rawRoles = optional(env, 'ADHOC_QUERY_ROLES');
  const adhocQueryRoles = rawRoles
    ? rawRoles
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean)
    : DEFAULT_ADHOC_ROLES;
  const unknown = adhocQueryRoles.filter((role) => !isRole(role));
  if (unknown.length > 0) problems.push(`ADHOC_QUERY_ROLES: unknown roles ${unknown.join(', ')}`);

  return {
    introspection,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, problems),
    persistedQueriesOnly,
    persistedQueries,
    adhocQueryRoles: adhocQueryRoles.filter(isRole),
  };
}

let cached: GatewayConfig | undefined;

/** The process's configuration, parsed on first use. */
export function gatewayConfig(): GatewayConfig {
  cached ??= loadGatewayConfig(process.env);
  return cached;
}
