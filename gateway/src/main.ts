import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { startTracingFromEnv } from '@backoffice/kit/tracing';

/**
 * The gateway on several cores: GATEWAY_WORKERS processes share the listening port (Node's cluster
 * hands connections round-robin). Default 1: measured on a 2-core host that also runs the subgraphs
 * and the load, a second worker added CPU per request and no throughput (shared/notes/gateway.md,
 * bench/gateway.ts). On a host with cores to spare, set it to the number of free cores.
 * A worker that dies is replaced; SIGTERM/SIGINT stop every worker (each drains its requests).
 */
const raw = process.env.GATEWAY_WORKERS?.trim();
const workers = raw === 'auto' ? availableParallelism() : raw ? Number(raw) : 1;
if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
  process.stderr.write(`GATEWAY_WORKERS: expected an integer 1..64 or "auto", got "${raw}"\n`);
  process.exit(1);
}

if (workers === 1 || !cluster.isPrimary) {
  // Tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) before the gateway's code loads: the
  // instrumentations patch graphql as it is required, and a module loaded before stays unpatched.
  startTracingFromEnv('gateway');
  await import('./serve.js');
} else {
  const { clusterExposition, listenForScrapes } = await import('@backoffice/kit');
  const { loadGatewayConfig } = await import('./config.js');
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  // Scrapes go to the primary, which asks every worker and sums (server.ts skips its own listener).
  const { metricsPort, host } = loadGatewayConfig(process.env);
  const scrapes =
    metricsPort == null
      ? undefined
      : await listenForScrapes(clusterExposition(), { port: metricsPort, host });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(
      `gateway worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`,
    );
    setTimeout(fork, 500).unref();
  });
  const shutdown = (signal: NodeJS.Signals) => {
    stopping = true;
    void scrapes?.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // Workers drain for up to 10 s (server.ts); do not wait forever for one that hangs.
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
