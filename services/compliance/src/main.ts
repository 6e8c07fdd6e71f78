import { runSubgraph } from '@backoffice/kit/run';

// The service's code loads after tracing has started (run.ts says why).
await runSubgraph('compliance', async () => (await import('./compliance.subgraph.js')).complianceSubgraph);
