import { stopTracing } from '@backoffice/kit';
import { startGateway } from './server.js';

// One gateway process, configured from the environment (main.ts runs it once, or once per cluster worker).
try {
  const gateway = await startGateway();
  process.stdout.write(`gateway ready at ${gateway.url}\n`);
  const shutdown = (signal: NodeJS.Signals) => {
    process.stdout.write(`${signal}: stopping the gateway\n`);
    gateway
      .stop()
      .then(stopTracing) // the spans still buffered; main.ts started tracing, so the gateway's stop does not own it
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`gateway stop failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  process.stderr.write(`gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
