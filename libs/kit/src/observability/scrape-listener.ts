import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, type Registry } from 'prom-client';

export interface Exposition {
  contentType: string;
  body: string;
}

export interface ScrapeListener {
  /** The port it listens on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on a port of its own. A public process (the gateway) must not show its request
 * counts, error codes and memory to whoever reaches its public port: Prometheus scrapes this port on
 * the pod network, and the Service and Ingress never expose it.
 */
export async function listenForScrapes(
  render: () => Promise<Exposition>,
  { port, host }: { port: number; host?: string },
): Promise<ScrapeListener> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error: unknown) => {
        res
          .writeHead(503, { 'content-type': 'text/plain' })
          .end(`scrape failed: ${(error as Error).message}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * In a cluster worker: answer the primary's scrape requests with this worker's registry, so one
 * scrape of the primary sums every worker (a scrape of a shared port would hit one worker at random).
 */
export function shareMetricsWithPrimary(registry: Registry): void {
  if (!cluster.isWorker) return;
  AggregatorRegistry.setRegistries([registry]);
  // The constructor installs the worker's message listener (idempotent).
  new AggregatorRegistry();
}

/** In a cluster primary: the exposition of every worker's metrics, counters and histograms summed. */
export function clusterExposition(): () => Promise<Exposition> {
  const aggregator = new AggregatorRegistry();
  return async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() });
}
