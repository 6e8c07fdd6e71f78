import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GATEWAY_PORT, SERVICE_NAMES, SERVICE_PORTS, platformConfig } from '@backoffice/kit';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * docker-compose.yml and infra/Dockerfile are not run in CI (no Docker engine there), so these
 * checks keep them in step with the contract: names, ports, variables and wiring.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const dockerfile = read('infra/Dockerfile');

/** What compose would substitute for `${VAR:-default}` when VAR is unset. */
function withDefaults(value: string | null | undefined): string {
  return String(value ?? '').replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
}

const PROCESSES = [...SERVICE_NAMES, 'gateway'] as const;
const portOf = (name: (typeof PROCESSES)[number]) =>
  name === 'gateway' ? GATEWAY_PORT : SERVICE_PORTS[name];

describe('docker-compose.yml', () => {
  it('has Postgres 15 with a volume and a readiness check', () => {
    const pg = services.postgres;
    expect(pg.image).toMatch(/^postgres:15(\b|$)/);
    expect(pg.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(pg.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
  });

  it('has NATS with JetStream, its config and a data volume', () => {
    const nats = services.nats;
    expect(nats.image).toMatch(/^nats:/);
    expect(nats.command).toContain('-js');
    expect(nats.command?.join(' ')).toMatch(/-c \/etc\/nats\/nats\.conf/);
    expect(nats.volumes).toContain('./infra/nats/nats.conf:/etc/nats/nats.conf:ro');
    const dataVolume = nats.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0];
    expect(dataVolume && compose.volumes && dataVolume in compose.volumes).toBe(true);
    expect(nats.healthcheck?.test.join(' ')).toMatch(/healthz\?js-enabled-only=true/);
    expect(read('infra/nats/nats.conf')).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data/);
  });

  it.each(PROCESSES)('builds %s from infra/Dockerfile with its SERVICE arg', (name) => {
    const service = services[name];
    expect(service, `${name} is missing`).toBeDefined();
    expect(service.build).toEqual({ context: '.', dockerfile: 'infra/Dockerfile', args: { SERVICE: name } });
  });

  it.each(PROCESSES)('gives %s its contract port and a health check', (name) => {
    const env = services[name].environment ?? {};
    expect(env[`${name.toUpperCase()}_PORT`]).toBe(String(portOf(name)));
    expect(services[name].healthcheck?.test).toEqual(['CMD', 'node', '/app/infra/healthcheck.mjs', '/ready']);
    expect(env.NODE_ENV).toBe('production');
    // Its own signing key, required, from a variable no other process reads; everyone's public keys.
    expect(env.SIGNING_KEY).toMatch(new RegExp(`^\\$\\{SIGNING_KEY_${name.toUpperCase()}:\\?`));
    expect(env.TRUSTED_KEYS).toMatch(/^\$\{TRUSTED_KEYS:\?/);
    expect(env).not.toHaveProperty('INTERNAL_SIGNING_KEY');
  });

  it.each(PROCESSES)('gives %s no other process’s signing key', (name) => {
    const named = JSON.stringify(services[name].environment ?? {}).match(/SIGNING_KEY_[A-Z]+/g) ?? [];
    expect([...new Set(named)]).toEqual([`SIGNING_KEY_${name.toUpperCase()}`]);
  });

  it.each(SERVICE_NAMES)('connects %s to the compose Postgres and NATS, after both are healthy', (name) => {
    const service = services[name];
    const env = service.environment ?? {};
    // Queries through PgBouncer; LISTEN and advisory locks straight to Postgres, as the same user.
    const databaseUrl = new URL(withDefaults(env.DATABASE_URL));
    expect(databaseUrl.protocol).toBe('postgres:');
    expect(databaseUrl.hostname).toBe('pgbouncer');
    expect(databaseUrl.port).toBe('6432');
    const directUrl = new URL(withDefaults(env.DATABASE_DIRECT_URL));
    expect(directUrl.hostname).toBe('postgres');
    expect(directUrl.port).toBe('5432');
    expect([directUrl.username, directUrl.password]).toEqual([databaseUrl.username, databaseUrl.password]);
    expect(env.NATS_URL).toBe('nats://nats:4222');
    expect(withDefaults(env.COUNTRY)).toMatch(/^[A-Z]{2}$/);
    expect(service.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      pgbouncer: { condition: 'service_healthy' },
      nats: { condition: 'service_healthy' },
      'nats-provision': { condition: 'service_completed_successfully' },
    });
    // Its own NATS user, over TLS checked against the CA (infra/nats/nats.conf).
    expect(env.NATS_USER).toBe(name);
    expect(env.NATS_PASSWORD).toMatch(new RegExp(`^\\$\\{NATS_PASSWORD_${name.toUpperCase()}:\\?`));
    expect(env.NATS_TLS_CA_FILE).toBe('/etc/nats/ca.crt');
    expect(service.ports).toBeUndefined();
  });

  it('gives accounting the four-eyes threshold, 10000 by default', () => {
    expect(withDefaults(services.accounting.environment?.APPROVAL_THRESHOLD)).toBe('10000');
  });

  it('points the gateway at every subgraph by service name and contract port', () => {
    const env = services.gateway.environment ?? {};
    for (const name of SERVICE_NAMES) {
      expect(env[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${SERVICE_PORTS[name]}/graphql`);
    }
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET[:?}]/);
    // Production requires both (gateway/src/config.ts): compose refuses to start without them.
    expect(env.JWT_ISSUER).toMatch(/^\$\{JWT_ISSUER:\?/);
    expect(env.JWT_AUDIENCE).toMatch(/^\$\{JWT_AUDIENCE:\?/);
    for (const optional of ['JWT_JWKS_URL', 'JWT_MAX_TTL']) expect(env).toHaveProperty(optional);
  });

  it('starts the gateway only once every subgraph is healthy', () => {
    expect(services.gateway.depends_on).toEqual(
      Object.fromEntries(SERVICE_NAMES.map((name) => [name, { condition: 'service_healthy' }])),
    );
  });

  it("publishes only the gateway's port", () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
    expect(services.gateway.ports).toEqual([`${GATEWAY_PORT}:${GATEWAY_PORT}`]);
  });

  it('has nothing but infrastructure, the subgraphs and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['nats', 'nats-provision', 'pgbouncer', 'postgres', ...PROCESSES].sort(),
    );
  });

  it('has PgBouncer in transaction mode in front of the compose Postgres, as its user', () => {
    const env = services.pgbouncer.environment ?? {};
    expect(env.POOL_MODE).toBe('transaction');
    expect(env.DB_HOST).toBe('postgres');
    expect(env.LISTEN_PORT).toBe('6432');
    expect(withDefaults(env.DB_PASSWORD)).toBe(
      withDefaults(services.postgres.environment?.POSTGRES_PASSWORD),
    );
    expect(services.pgbouncer.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.pgbouncer.healthcheck?.test.join(' ')).toMatch(/pg_isready .*-p 6432/);
    // Every process's connection budget fits what PgBouncer takes from clients.
    const processes = SERVICE_NAMES.length;
    expect(Number(env.MAX_CLIENT_CONN)).toBeGreaterThan(
      processes * platformConfig({}).DATABASE_MAX_CONNECTIONS,
    );
  });
});

describe('infra/Dockerfile', () => {
  it('takes the SERVICE build argument and rejects unknown values', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    for (const name of PROCESSES) expect(dockerfile).toContain(name);
    expect(dockerfile).toMatch(/SERVICE must be one of/);
  });

  it('installs from the lockfile, bundles with pnpm bundle, and runs compiled code with plain node as a non-root user', () => {
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    expect(dockerfile).toMatch(/COPY package\.json pnpm-lock\.yaml pnpm-workspace\.yaml/);
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=24\./m);
    // One recipe: the runtime stage copies what scripts/bundle.mjs made (test/deploy/bundle.test.ts runs it).
    expect(dockerfile).toContain('node scripts/bundle.mjs --out /bundle');
    expect(dockerfile).toMatch(/^COPY --from=build \/bundle\/\$\{SERVICE\}\/ \/app\/$/m);
    expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
    expect(dockerfile).toContain(
      'CMD ["node", "--conditions=compiled", "--max-semi-space-size=2", "dist/main.js"]',
    );
    expect(dockerfile).not.toMatch(/tsx/);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/health/m);
    expect(existsSync(path.join(ROOT, 'infra/healthcheck.mjs'))).toBe(true);
  });

  it("gives documents' filesystem store a volume the image's user owns, and compose a named one", () => {
    const dir = /DOCUMENTS_DIR=(\S+)/.exec(dockerfile)?.[1];
    expect(dir).toMatch(/^\//);
    expect(dockerfile).toContain(`VOLUME ${dir}`);
    expect(dockerfile).toContain(`chown node:node ${dir}`);
    const mount = services.documents.volumes?.find((v) => v.endsWith(`:${dir}`));
    expect(mount && mount.split(':')[0] in (compose.volumes ?? {})).toBe(true);
  });

  it('copies the manifest of every workspace package before installing', () => {
    const packages = [
      ...readdirSync(path.join(ROOT, 'libs')).map((d) => `libs/${d}`),
      ...readdirSync(path.join(ROOT, 'services')).map((d) => `services/${d}`),
      'gateway',
    ].filter((dir) => existsSync(path.join(ROOT, dir, 'package.json')));
    for (const dir of packages) expect(dockerfile).toContain(`COPY ${dir}/package.json ${dir}/`);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies and local data out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data', '.git']));
  });
});
