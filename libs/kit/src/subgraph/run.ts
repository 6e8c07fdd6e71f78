import type { ServiceName } from '../config.js';
import { startTracingFromEnv, stopTracing } from '../observability/tracing.js';
import type { SubgraphDefinition } from './definition.js';

/**
 * A subgraph process's `main.ts` (`@backoffice/kit/run`): tracing first, when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, and only then the service's code and the kit (`load`, a dynamic
 * import), because the instrumentations patch pg and graphql through require hooks as they load: a
 * module loaded before would stay unpatched. Stops cleanly on SIGTERM/SIGINT: drains the consumers,
 * flushes the outbox, then the spans still buffered.
 */
export async function runSubgraph<S>(
  name: ServiceName,
  load: () => Promise<SubgraphDefinition<S>>,
): Promise<void> {
  startTracingFromEnv(name);
  try {
    const definition = await load();
    const { startSubgraph } = await import('./start.js');
    const running = await startSubgraph(definition);
    const shutdown = async () => {
      await running.stop();
      await stopTracing();
      process.exit(0);
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (e) {
    console.error(
      JSON.stringify({ level: 'fatal', service: name, msg: 'failed to start', err: (e as Error).message }),
    );
    process.exit(1);
  }
}
