import { runSubgraph } from '@backoffice/kit/run';

// The service's code loads after tracing has started (run.ts says why).
await runSubgraph('hr', async () => (await import('./hr.subgraph.js')).hrSubgraph);
