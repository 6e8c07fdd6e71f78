import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, PRINCIPALS, platformConfig } from '@backoffice/kit';
import { describe, expect, it } from 'vitest';
import { parseDocumentsConfig } from '../../services/documents/src/config.js';
import { all, docsOf, find, PORTS, type Process, SUBGRAPHS } from './k8s.js';

/** infra/k8s against the contract: ports, probes, images, env names, and the objects each service needs. */
const containerOf = (app: string) => {
  const deployment = find('Deployment', app);
  if (!deployment) throw new Error(`no Deployment ${app}`);
  return deployment.spec.template.spec.containers[0];
};
const envNames = (container: any): string[] => (container.env ?? []).map((e: { name: string }) => e.name);

describe('infra/k8s', () => {
  it('parses every manifest, and kustomization lists every workload file', () => {
    expect(all.length).toBeGreaterThan(30);
    const kustomization = docsOf('kustomization.yaml')[0] as unknown as { resources: string[] };
    for (const p of Object.keys(PORTS)) expect(kustomization.resources).toContain(`${p}.yaml`);
    for (const f of ['postgres-cluster.yaml', 'network-policies.yaml', 'nats-provision.yaml'])
      expect(kustomization.resources).toContain(f);
  });

  for (const [name, port] of Object.entries(PORTS) as [Process, number][]) {
    describe(name, () => {
      const app = `backoffice-${name}`;
      it('has a Deployment on the contract port with the image built from infra/Dockerfile', () => {
        const deployment = find('Deployment', app);
        expect(deployment, `${app} Deployment`).toBeDefined();
        const container = containerOf(app);
        expect(container.image).toMatch(new RegExp(`^backoffice/${name}:`));
        expect(container.ports).toContainEqual(
          expect.objectContaining({ name: 'http', containerPort: port }),
        );
        expect(container.env).toContainEqual({ name: 'SERVICE', value: name });
        expect(container.env).toContainEqual({ name: `${name.toUpperCase()}_PORT`, value: String(port) });
        // The public gateway keeps scrapes off its public port (GATEWAY_METRICS_PORT).
        const scrapePort = name === 'gateway' ? 9464 : port;
        expect(deployment?.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(scrapePort));
        if (name === 'gateway') {
          expect(container.env).toContainEqual({ name: 'GATEWAY_METRICS_PORT', value: String(scrapePort) });
          const exposed = find('Service', app)?.spec.ports.map((p: { port: number }) => p.port);
          expect(exposed).toEqual([port]);
        }
      });

      it('is ready on /ready and alive on /health, with requests and limits', () => {
        const container = containerOf(app);
        expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
        expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
        expect(container.resources.requests.cpu).toBeDefined();
        expect(container.resources.requests.memory).toBeDefined();
        expect(container.resources.limits.memory).toBeDefined();
      });

      it('takes its settings from the ConfigMap and its secrets from Secrets, by the contract’s names', () => {
        const container = containerOf(app);
        expect(container.envFrom).toContainEqual({ configMapRef: { name: 'backoffice-config' } });
        const names = envNames(container);
        // Its own key and everyone's public keys from files (test/infra/trust.test.ts checks the mounts);
        // the retired shared key is gone, so no Secret holds one key for every process.
        expect(names).toEqual(expect.arrayContaining(['SIGNING_KEY_FILE', 'TRUSTED_KEYS_FILE']));
        for (const retired of ['INTERNAL_SIGNING_KEY', 'INTERNAL_SIGNING_KEY_PREVIOUS', 'SIGNING_KEY'])
          expect(names).not.toContain(retired);
        const secretOf = (n: string) => container.env.find((e: any) => e.name === n)?.valueFrom?.secretKeyRef;
        if (name === 'gateway') {
          expect(secretOf('JWT_SECRET')).toEqual({ name: 'backoffice-secrets', key: 'JWT_SECRET' });
          for (const s of SUBGRAPHS)
            expect(container.env).toContainEqual({
              name: `${s.toUpperCase()}_URL`,
              value: `http://backoffice-${s}:${PORTS[s]}/graphql`,
            });
        } else {
          // Queries through the PgBouncer Pooler to its own database; sessions (LISTEN, advisory
          // locks) straight to the primary with the CloudNativePG application secret.
          const databaseUrl = container.env.find((e: any) => e.name === 'DATABASE_URL')?.value;
          expect(databaseUrl).toBe(
            `postgres://$(DATABASE_USER):$(DATABASE_PASSWORD)@backoffice-pg-pooler-rw:5432/backoffice_${name}`,
          );
          expect(secretOf('DATABASE_USER')).toEqual({ name: 'backoffice-pg-app', key: 'username' });
          expect(secretOf('DATABASE_PASSWORD')).toEqual({ name: 'backoffice-pg-app', key: 'password' });
          // $(VAR) expands only variables defined earlier in the list.
          expect(names.indexOf('DATABASE_PASSWORD')).toBeLessThan(names.indexOf('DATABASE_URL'));
          expect(secretOf('DATABASE_DIRECT_URL')).toEqual({ name: 'backoffice-pg-app', key: 'uri' });
          expect(names).not.toContain('JWT_SECRET'); // only the gateway sees user tokens
          // Nothing from the gateway's Secret: the JWT secret is all it holds.
          expect(
            container.env.filter((e: any) => e.valueFrom?.secretKeyRef?.name === 'backoffice-secrets'),
          ).toEqual([]);
        }
        if (name === 'accounting') expect(names).toContain('APPROVAL_THRESHOLD');
      });

      it('has a Service, a PodDisruptionBudget and a HorizontalPodAutoscaler that select it', () => {
        const labels = find('Deployment', app)?.spec.template.metadata.labels;
        const service = find('Service', app);
        expect(service?.spec.ports).toContainEqual(expect.objectContaining({ port, targetPort: 'http' }));
        for (const [k, v] of Object.entries(service?.spec.selector ?? {})) expect(labels[k]).toBe(v);
        const pdb = find('PodDisruptionBudget', app);
        expect(pdb?.spec.minAvailable).toBe(1);
        expect(pdb?.spec.selector.matchLabels).toEqual(service?.spec.selector);
        const hpa = find('HorizontalPodAutoscaler', app);
        expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
        expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2); // a PDB of 1 needs two to drain a node
      });
    });
  }

  it('the ConfigMap carries the contract’s settings, and no secret', () => {
    const config = find('ConfigMap', 'backoffice-config')?.data ?? {};
    for (const key of ['NODE_ENV', 'NATS_URL', 'COUNTRY', 'APPROVAL_THRESHOLD'])
      expect(config[key]).toBeDefined();
    expect(config.NODE_ENV).toBe('production');
    for (const secret of ['JWT_SECRET', 'SIGNING_KEY', 'DATABASE_URL'])
      expect(config[secret]).toBeUndefined();
    expect(config.NATS_URL.split(',')).toHaveLength(3);
  });

  it('the documents store settings are ones the documents service accepts', () => {
    const config = find('ConfigMap', 'backoffice-config')?.data ?? {};
    const parsed = parseDocumentsConfig({
      ...config,
      DOCUMENTS_STORE: 's3',
      DOCUMENTS_S3_ACCESS_KEY_ID: 'from-the-secret',
      DOCUMENTS_S3_SECRET_ACCESS_KEY: 'from-the-secret',
    });
    expect(parsed.DOCUMENTS_S3_BUCKET).toBe(config.DOCUMENTS_S3_BUCKET);
    expect(parsed.DOCUMENTS_S3_REGION).toBe(config.DOCUMENTS_S3_REGION);
    expect(parsed.DOCUMENTS_S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('Postgres: a CloudNativePG cluster with one database per service, owned by the app user', () => {
    const cluster = find('Cluster', 'backoffice-pg');
    expect(cluster?.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster?.spec.instances).toBe(3);
    const databases = [
      cluster?.spec.bootstrap.initdb.database,
      ...all.filter((d) => d.kind === 'Database').map((d) => d.spec.name),
    ];
    expect(databases.sort()).toEqual(SUBGRAPHS.map((s) => `backoffice_${s}`).sort());
    for (const d of all.filter((x) => x.kind === 'Database'))
      expect(d.spec.owner).toBe(cluster?.spec.bootstrap.initdb.owner);
    expect(find('ScheduledBackup', 'backoffice-pg-daily')?.spec.cluster.name).toBe('backoffice-pg');
  });

  it('PgBouncer: a CloudNativePG Pooler in transaction mode, the one every DATABASE_URL names', () => {
    const pooler = find('Pooler', 'backoffice-pg-pooler-rw');
    expect(pooler?.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(pooler?.spec.cluster.name).toBe(find('Cluster', 'backoffice-pg')?.metadata.name);
    expect(pooler?.spec.type).toBe('rw');
    expect(pooler?.spec.pgbouncer.poolMode).toBe('transaction');
    expect(pooler?.spec.instances).toBeGreaterThanOrEqual(2);
    const kustomization = docsOf('kustomization.yaml')[0] as unknown as { resources: string[] };
    expect(kustomization.resources).toContain('postgres-pooler.yaml');
    // Its backends and every replica's two direct connections fit Postgres's max_connections.
    const backends =
      pooler?.spec.instances * SUBGRAPHS.length * Number(pooler?.spec.pgbouncer.parameters.default_pool_size);
    const direct = SUBGRAPHS.length * 6 * 2; // 6 replicas at most (the HPAs), LISTEN and job leadership
    const maxConnections = Number(
      find('Cluster', 'backoffice-pg')?.spec.postgresql.parameters.max_connections,
    );
    expect(backends + direct).toBeLessThan(maxConnections);
    // A vanished replica's locks are freed once keepalives find its connection dead, not hours later.
    const parameters = find('Cluster', 'backoffice-pg')?.spec.postgresql.parameters;
    expect(Number(parameters.tcp_keepalives_idle)).toBeLessThanOrEqual(60);
    for (const s of SUBGRAPHS)
      expect(find('HorizontalPodAutoscaler', `backoffice-${s}`)?.spec.maxReplicas).toBeLessThanOrEqual(6);
  });

  it('NATS: Helm values for a three-server JetStream cluster on persistent volumes', () => {
    const values = docsOf('nats-values.yaml')[0] as any;
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream.enabled).toBe(true);
    expect(values.config.jetstream.fileStore.pvc.enabled).toBe(true);
    expect(values.podDisruptionBudget.enabled).toBe(true);
  });
});

describe('infra/grafana', () => {
  it('the dashboard queries only metrics the services expose', async () => {
    const { METRIC } = await import('@backoffice/kit');
    const dashboard = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', '..', 'infra', 'grafana', 'backoffice-operations.json'),
        'utf8',
      ),
    );
    const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
      p.targets.map((t) => t.expr),
    );
    const used = new Set(exprs.flatMap((e) => e.match(/backoffice_[a-z_]+/g) ?? []));
    // The kit's series, and those a service adds through `observe` (documents' extraction and search).
    const { EXTRACTION_METRIC } = await import(
      '../../services/documents/src/extraction/extraction.metrics.js'
    );
    const { SEARCH_METRIC } = await import('../../services/documents/src/search/search.metrics.js');
    const known = new Set([
      ...Object.values(METRIC),
      ...Object.values(EXTRACTION_METRIC),
      ...Object.values(SEARCH_METRIC),
    ] as string[]);
    for (const name of used) expect(known.has(name.replace(/_(bucket|count|sum)$/, '')), name).toBe(true);
    for (const name of known)
      expect(used.has(name) || [...used].some((u) => u.startsWith(name)), `panel for ${name}`).toBe(true);
  });
});

describe('infra/k8s secrets fail closed', () => {
  const example = (find('Secret', 'backoffice-secrets') as unknown as { stringData: Record<string, string> })
    .stringData;
  const config = find('ConfigMap', 'backoffice-config')?.data ?? {};
  const random = () => randomBytes(48).toString('base64');

  it('the gateway refuses the example JWT secret, and the retired shared key is gone from the example', async () => {
    const { loadGatewayConfig } = await import('../../gateway/src/config.js');
    const gateway = generateSigningKey();
    const keys = {
      SIGNING_KEY: gateway.signingKey,
      TRUSTED_KEYS: JSON.stringify({ gateway: [gateway.publicKey] }),
    };
    expect(loadGatewayConfig({ ...config, ...keys, JWT_SECRET: random() }).mode).toBe('production');
    expect(() => loadGatewayConfig({ ...config, ...keys, JWT_SECRET: example.JWT_SECRET })).toThrow(
      /JWT_SECRET/,
    );
    expect(Object.keys(example)).toEqual(['JWT_SECRET']);
    // The example signing keys per process are refused in trust.test.ts.
  });

  it('the ConfigMap with random secrets is a configuration the gateway and the subgraphs accept', async () => {
    const { loadGatewayConfig } = await import('../../gateway/src/config.js');
    // Each process's key pair as `pnpm keys:generate` makes them; the gateway signs with its own.
    const pairs = PRINCIPALS.map((p) => [p, generateSigningKey()] as const);
    const secrets = {
      JWT_SECRET: random(),
      TRUSTED_KEYS: JSON.stringify(Object.fromEntries(pairs.map(([p, k]) => [p, [k.publicKey]]))),
      SIGNING_KEY: pairs.find(([p]) => p === 'gateway')?.[1].signingKey,
    };
    expect(platformConfig({ ...config, ...secrets }).mode).toBe('production');
    const gateway = loadGatewayConfig({ ...config, ...secrets });
    expect(gateway.jwt).toMatchObject({ issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  });
});
