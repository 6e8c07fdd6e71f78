import { runSubgraph } from '@backoffice/kit/run';

// The service's code loads after tracing has started (run.ts says why).
await runSubgraph('catalog', async () => (await import('./catalog.subgraph.js')).catalogSubgraph);
