import { runSubgraph } from '@backoffice/kit';
import { itSubgraph } from './it.subgraph.js';

await runSubgraph(itSubgraph);
