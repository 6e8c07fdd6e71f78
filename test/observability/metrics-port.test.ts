import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../gateway/src/compose.js';
import { loadGatewayConfig } from '../../gateway/src/config.js';
import { type RunningGateway, startGateway } from '../../gateway/src/server.js';
import { eventually, freePort, generateGatewayKeys } from '@backoffice/testkit';

/**
 * The gateway's metrics stay off its public port once a metrics port is set (always in production),
 * and with several workers one scrape of the metrics port counts every worker's requests.
 */
const SDL = 'type Query { ping: String }';

let tmp: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gateway-metrics-port-'));
  mkdirSync(join(tmp, 'services', 'hr', 'src'), { recursive: true });
  writeFileSync(join(tmp, 'services', 'hr', 'src', 'schema.graphql'), SDL);
  const supergraphPath = join(tmp, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(tmp, {}).supergraphSdl);
  env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_HOST: '127.0.0.1',
    JWT_SECRET: 'metrics-port-test-jwt-secret-of-enough-length',
    ...generateGatewayKeys().env,
    SUPERGRAPH_PATH: supergraphPath,
    // Nothing listens here: /health and /metrics never call a subgraph.
    HR_URL: 'http://127.0.0.1:9/graphql',
  };
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The value of `backoffice_http_responses_total{route="/health",status="200"}` in an exposition. */
function healthResponses(exposition: string): number {
  const line = exposition
    .split('\n')
    .find(
      (l) =>
        l.startsWith('backoffice_http_responses_total{') &&
        l.includes('route="/health"') &&
        l.includes('status="200"'),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('gateway metrics port', () => {
  it('defaults to 9464 in production and must differ from the public port', () => {
    const production = {
      NODE_ENV: 'production',
      // Production refuses typed or example secrets: random ones, as `openssl rand -base64 48` makes.
      ...generateGatewayKeys().env,
      JWT_SECRET: randomBytes(48).toString('base64'),
      JWT_ISSUER: 'https://idp.example.org',
      JWT_AUDIENCE: 'backoffice',
    };
    expect(loadGatewayConfig(production).metricsPort).toBe(9464);
    expect(loadGatewayConfig({ ...production, GATEWAY_METRICS_PORT: '9100' }).metricsPort).toBe(9100);
    const dev = { NODE_ENV: 'development', BACKOFFICE_DEV: '1' };
    expect(loadGatewayConfig(dev).metricsPort).toBeNull();
    expect(() => loadGatewayConfig({ ...dev, GATEWAY_PORT: '4000', GATEWAY_METRICS_PORT: '4000' })).toThrow(
      /GATEWAY_METRICS_PORT: must differ/,
    );
    expect(() => loadGatewayConfig({ ...dev, GATEWAY_METRICS_PORT: 'ninety' })).toThrow(
      /GATEWAY_METRICS_PORT/,
    );
  });

  describe('one process', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startGateway(
        loadGatewayConfig({ ...env, GATEWAY_PORT: '0', GATEWAY_METRICS_PORT: '0' }),
      );
    });
    afterAll(() => gateway?.stop());

    it('answers scrapes only on the metrics port', async () => {
      expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
      expect((await fetch(`${gateway.origin}/metrics`)).status).toBe(404);
      expect(gateway.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scrape = await fetch(gateway.metricsUrl as string);
      expect(scrape.status).toBe(200);
      expect(healthResponses(await scrape.text())).toBeGreaterThanOrEqual(1);
      // The metrics port serves nothing else.
      expect((await fetch((gateway.metricsUrl as string).replace('/metrics', '/graphql'))).status).toBe(404);
    });
  });

  describe('a cluster of two workers', () => {
    let primary: ChildProcess;
    let origin: string;
    let metricsUrl: string;
    beforeAll(async () => {
      const [port, metricsPort] = [await freePort(), await freePort()];
      origin = `http://127.0.0.1:${port}`;
      metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      primary = spawn('npx', ['tsx', 'gateway/src/main.ts'], {
        env: {
          ...process.env,
          ...env,
          GATEWAY_WORKERS: '2',
          GATEWAY_PORT: String(port),
          GATEWAY_METRICS_PORT: String(metricsPort),
        },
        stdio: ['ignore', 'pipe', 'ignore'],
        detached: true,
      });
      let ready = 0;
      primary.stdout?.on('data', (chunk: Buffer) => {
        ready += chunk.toString().split('gateway ready at').length - 1;
      });
      // Each worker says so on stdout once it listens.
      expect(
        await eventually(
          async () => ready,
          (n) => n === 2,
          60_000,
        ),
      ).toBe(2);
    }, 90_000);
    afterAll(() => {
      if (primary?.pid) process.kill(-primary.pid, 'SIGTERM');
    });

    it('sums every worker in one scrape of the primary', async () => {
      const before = healthResponses(await (await fetch(metricsUrl)).text());
      // New connections each time, so the cluster spreads them over both workers.
      for (let i = 0; i < 20; i++)
        expect((await fetch(`${origin}/health`, { headers: { connection: 'close' } })).status).toBe(200);
      const counted = await eventually(
        async () => healthResponses(await (await fetch(metricsUrl)).text()) - before,
        (n) => n === 20,
      );
      expect(counted).toBe(20);
      expect((await fetch(`${origin}/metrics`)).status).toBe(404);
    });
  });
});
