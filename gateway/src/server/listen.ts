import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GatewayObservability, listenForScrapes, type ScrapeListener } from '@backoffice/kit';
import type { GatewayConfig } from '../config.js';

/** How long stop() waits for in-flight requests before cutting connections. */
const DRAIN_TIMEOUT_MS = 10_000;

export function listen(server: Server, config: GatewayConfig): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The metrics port, when one is configured; in a cluster only the primary listens (main.ts). */
export async function listenForMetrics(
  config: GatewayConfig,
  observe: GatewayObservability,
): Promise<ScrapeListener | undefined> {
  if (config.metricsPort == null || cluster.isWorker) return undefined;
  return listenForScrapes(() => observe.metrics.render(), { port: config.metricsPort, host: config.host });
}

/** Where clients reach the gateway and its metrics: a wildcard host is reached on 127.0.0.1. */
export function addresses(server: Server, config: GatewayConfig, scrapes: ScrapeListener | undefined) {
  const { port } = server.address() as AddressInfo;
  const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const metricsUrl = scrapes
    ? `http://${host.includes(':') ? `[${host}]` : host}:${scrapes.port}/metrics`
    : undefined;
  return { port, origin, metricsUrl };
}

/** Stops accepting connections and waits for in-flight requests, cutting them after DRAIN_TIMEOUT_MS. */
export async function drain(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
  force.unref();
  await closed;
  clearTimeout(force);
}
