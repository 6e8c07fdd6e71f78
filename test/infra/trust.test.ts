import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSUMERS, type Consumer } from '@backoffice/events';
import * as kit from '@backoffice/kit';
import { describe, expect, it } from 'vitest';
import { BUS_CONSUMERS, BUS_USERS, passwordVariable } from '../../scripts/lib/bus-permissions.js';
import { committedUsersConf } from '../../scripts/nats-users.js';
import { all, DIR, docsOf, find, PORTS, type Process, SUBGRAPHS } from './k8s.js';

/**
 * infra/k8s and infra/nats against issue 19: every process holds its own signing key and NATS
 * password and no one else's, the bus speaks TLS with the generated users, and NetworkPolicies
 * let only the gateway reach the subgraphs and only the services reach Postgres and NATS.
 */

describe('infra/k8s: each process signs as itself and connects to NATS as itself', () => {
  const PROCESSES = Object.keys(PORTS) as Process[];
  const podOf = (name: Process) => find('Deployment', `backoffice-${name}`)?.spec.template.spec;
  /** Secret and ConfigMap names a pod mounts or reads, from volumes and env. */
  const sourcesOf = (name: Process) => {
    const pod = podOf(name);
    const fromVolumes = (pod.volumes ?? []).map((v: any) => v.secret?.secretName ?? v.configMap?.name);
    const fromEnv = pod.containers[0].env.map((e: any) => e.valueFrom?.secretKeyRef?.name);
    return new Set<string>([...fromVolumes, ...fromEnv].filter(Boolean));
  };
  /** The volume a file path lies in, and what it mounts. */
  const volumeFor = (name: Process, file: string) => {
    const pod = podOf(name);
    const mount = pod.containers[0].volumeMounts.find((m: any) => file.startsWith(`${m.mountPath}/`));
    return pod.volumes.find((v: any) => v.name === mount?.name);
  };
  const envValue = (name: Process, key: string) =>
    podOf(name).containers[0].env.find((e: any) => e.name === key)?.value;

  it.each(PROCESSES)('%s mounts its own signing key, nobody else’s, and everyone’s public keys', (name) => {
    const signing = volumeFor(name, envValue(name, 'SIGNING_KEY_FILE'));
    expect(signing?.secret).toMatchObject({ secretName: `backoffice-${name}-signing`, defaultMode: 0o440 });
    const trusted = volumeFor(name, envValue(name, 'TRUSTED_KEYS_FILE'));
    expect(trusted?.configMap?.name).toBe('backoffice-trusted-keys');
    const sources = sourcesOf(name);
    for (const other of PROCESSES.filter((p) => p !== name))
      expect(sources.has(`backoffice-${other}-signing`), `${name} holds ${other}'s key`).toBe(false);
  });

  it.each(SUBGRAPHS)(
    '%s connects to NATS as its own user over TLS, with no other user’s password',
    (name) => {
      expect(envValue(name, 'NATS_USER')).toBe(name);
      const password = volumeFor(name, envValue(name, 'NATS_PASSWORD_FILE'));
      expect(password?.secret).toMatchObject({ secretName: `backoffice-nats-${name}`, defaultMode: 0o440 });
      const config = find('ConfigMap', 'backoffice-config')?.data ?? {};
      expect(volumeFor(name, config.NATS_TLS_CA_FILE)?.configMap?.name).toBe('backoffice-nats-ca');
      const sources = sourcesOf(name);
      for (const user of BUS_USERS.filter((u) => u !== name))
        expect(sources.has(`backoffice-nats-${user}`), `${name} holds ${user}'s NATS password`).toBe(false);
    },
  );

  it('the gateway never gets onto the bus, and only the provisioning Job holds the ops user', () => {
    expect(envValue('gateway', 'NATS_USER')).toBeUndefined();
    expect([...sourcesOf('gateway')].filter((s) => s.startsWith('backoffice-nats-'))).toEqual([]);
    const job = find('Job', 'backoffice-nats-provision')?.spec.template.spec;
    const env = Object.fromEntries(job.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.NATS_USER).toBe('ops');
    expect(env.NATS_PASSWORD).toEqual({ secretKeyRef: { name: 'backoffice-nats-ops', key: 'password' } });
  });

  it('the example Secrets exist for every process and are refused as they stand', async () => {
    const { loadKeyring } = kit;
    const stringData = (name: string) => (find('Secret', name) as any)?.stringData ?? {};
    const config = find('ConfigMap', 'backoffice-config')?.data ?? {};
    for (const name of PROCESSES) {
      const key = stringData(`backoffice-${name}-signing`)['signing-key'];
      expect(key, name).toBeDefined();
      expect(() => loadKeyring(name, 'production', { SIGNING_KEY: key, TRUSTED_KEYS: '{}' })).toThrow(
        /SIGNING_KEY/,
      );
    }
    for (const user of BUS_USERS) {
      const password = stringData(`backoffice-nats-${user}`).password;
      expect(password, user).toBeDefined();
      expect(() => kit.platformConfig({ ...config, NATS_USER: user, NATS_PASSWORD: password })).toThrow(
        /NATS_PASSWORD/,
      );
    }
    const trusted = find('ConfigMap', 'backoffice-trusted-keys')?.data?.['trusted-keys.json'] ?? '';
    expect(Object.keys(JSON.parse(trusted)).sort()).toEqual([...PROCESSES].sort());
  });
});

describe('infra/k8s NetworkPolicies', () => {
  const policies = all.filter((d) => d.kind === 'NetworkPolicy');
  const podLabels = (name: string) => find('Deployment', name)?.spec.template.metadata.labels ?? {};
  const selects = (selector: any, labels: Record<string, string>) =>
    Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  /** The policies that select pods with `labels`, and every (from, ports) they let in. */
  const ingressTo = (labels: Record<string, string>) => {
    const selecting = policies.filter((p) => selects(p.spec.podSelector, labels));
    expect(selecting.length, JSON.stringify(labels)).toBeGreaterThan(0);
    for (const p of selecting) expect(p.spec.policyTypes).toContain('Ingress');
    return selecting.flatMap((p) => p.spec.ingress as { from?: any[]; ports?: { port: number }[] }[]);
  };
  const PROMETHEUS = { 'app.kubernetes.io/name': 'prometheus' };
  const fromPod = (peer: any, labels: Record<string, string>) =>
    peer.podSelector && selects(peer.podSelector, labels);

  it.each(SUBGRAPHS)('%s accepts only the gateway, and Prometheus on its metrics port', (name) => {
    const rules = ingressTo(podLabels(`backoffice-${name}`));
    for (const rule of rules) {
      // A rule without `from` admits everyone: none may exist for a subgraph.
      expect(rule.from?.length, 'a rule open to all').toBeGreaterThan(0);
      expect(rule.ports?.map((p) => p.port)).toEqual([PORTS[name]]);
      for (const peer of rule.from ?? [])
        expect(
          fromPod(peer, podLabels('backoffice-gateway')) ||
            (peer.namespaceSelector && fromPod(peer, PROMETHEUS)),
          JSON.stringify(peer),
        ).toBe(true);
    }
    expect(rules.some((r) => r.from?.some((peer) => fromPod(peer, podLabels('backoffice-gateway'))))).toBe(
      true,
    );
  });

  const fromServices = (rules: { from?: any[]; ports?: { port: number }[] }[], port: number) =>
    rules.filter((r) => r.ports?.some((p) => p.port === port)).flatMap((r) => r.from ?? [null]);

  it('PgBouncer accepts the services, not the gateway and not everyone', () => {
    const pooler = find('Pooler', 'backoffice-pg-pooler-rw');
    const poolerPods = { 'cnpg.io/poolerName': pooler?.metadata.name ?? '' };
    const peers = fromServices(ingressTo(poolerPods), 5432);
    expect(peers).not.toContain(null);
    for (const s of SUBGRAPHS)
      expect(
        peers.some((p) => fromPod(p, podLabels(`backoffice-${s}`))),
        s,
      ).toBe(true);
    expect(peers.some((p) => fromPod(p, podLabels('backoffice-gateway')))).toBe(false);
    // And Postgres lets PgBouncer in.
    const cluster = find('Cluster', 'backoffice-pg');
    const toPostgres = fromServices(ingressTo({ 'cnpg.io/cluster': cluster?.metadata.name ?? '' }), 5432);
    expect(toPostgres.some((p) => fromPod(p, poolerPods))).toBe(true);
  });

  it('Postgres accepts the services, not the gateway and not everyone', () => {
    const cluster = find('Cluster', 'backoffice-pg');
    const rules = ingressTo({ 'cnpg.io/cluster': cluster?.metadata.name ?? '' });
    const peers = fromServices(rules, 5432);
    expect(peers).not.toContain(null);
    for (const s of SUBGRAPHS)
      expect(
        peers.some((p) => fromPod(p, podLabels(`backoffice-${s}`))),
        s,
      ).toBe(true);
    expect(peers.some((p) => fromPod(p, podLabels('backoffice-gateway')))).toBe(false);
  });

  it('NATS accepts the services (and its own provisioning and tools), not the gateway and not everyone', () => {
    const natsPods = {
      'app.kubernetes.io/name': 'nats',
      'app.kubernetes.io/instance': 'nats',
      'app.kubernetes.io/component': 'nats',
    };
    const peers = fromServices(ingressTo(natsPods), 4222);
    expect(peers).not.toContain(null);
    for (const s of SUBGRAPHS)
      expect(
        peers.some((p) => fromPod(p, podLabels(`backoffice-${s}`))),
        s,
      ).toBe(true);
    expect(peers.some((p) => fromPod(p, podLabels('backoffice-gateway')))).toBe(false);
    const job = find('Job', 'backoffice-nats-provision')?.spec.template.metadata.labels;
    expect(peers.some((p) => fromPod(p, job))).toBe(true);
  });
});

describe('infra/nats', () => {
  it('NATS: TLS for clients and routes, and the users of scripts/lib/bus-permissions.ts with their passwords from Secrets', () => {
    const values = docsOf('nats-values.yaml')[0] as any;
    expect(values.config.nats.tls).toMatchObject({ enabled: true, secretName: 'backoffice-nats-tls' });
    expect(values.config.cluster.tls).toMatchObject({ enabled: true, secretName: 'backoffice-nats-tls' });
    const include = Object.entries(values.config.merge).find(([k]) => k.endsWith('$include'));
    expect(include?.[1]).toBe('backoffice-users.conf');
    // `pnpm nats:users` writes it; a change to the permissions without it fails here.
    expect(values.configMap.merge.data['backoffice-users.conf']).toBe(committedUsersConf());
    for (const user of BUS_USERS)
      expect(values.container.env[passwordVariable(user)], user).toEqual({
        valueFrom: { secretKeyRef: { name: `backoffice-nats-${user}`, key: 'password' } },
      });
  });

  it('nats.conf serves TLS only and includes the users of scripts/lib/bus-permissions.ts, up to date', () => {
    const conf = readFileSync(join(DIR, '..', 'nats', 'nats.conf'), 'utf8');
    expect(conf).toMatch(/^tls \{[^}]*cert_file: \/etc\/nats\/tls\/tls\.crt[^}]*key_file:/m);
    expect(conf).toMatch(/^include \.\/users\.conf$/m);
    expect(readFileSync(join(DIR, '..', 'nats', 'users.conf'), 'utf8')).toBe(committedUsersConf());
  });

  it('every consumer the services declare has its durable and filter in the permissions, and nothing more', () => {
    const declared: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? walk(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [join(dir, e.name)]
            : [],
      );
    for (const service of SUBGRAPHS)
      for (const file of walk(join(DIR, '..', '..', 'services', service, 'src')))
        for (const m of readFileSync(file, 'utf8').matchAll(/consumer: CONSUMERS\.(\w+)\.(\w+)/g)) {
          const c = (CONSUMERS as Record<string, Record<string, Consumer>>)[m[1]]?.[m[2]];
          expect(c?.service, `${file}: CONSUMERS.${m[1]}.${m[2]}`).toBe(service);
          declared.push(`${service} ${c.durable} ${c.reads.subject}`);
        }
    const permitted = kit.SERVICE_NAMES.flatMap((s) =>
      BUS_CONSUMERS[s].map((c) => `${s} ${c.durable} ${c.subject}`),
    );
    expect(declared.sort()).toEqual(permitted.sort());
    for (const line of permitted)
      expect(line.split(' ')[1].startsWith(`${line.split(' ')[0]}-`), line).toBe(true);
  });
});
