import { runSubgraph } from '@backoffice/kit/run';

// The service's code loads after tracing has started (run.ts says why).
await runSubgraph('documents', async () => (await import('./documents.subgraph.js')).documentsSubgraph);
