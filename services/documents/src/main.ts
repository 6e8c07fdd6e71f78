import { runSubgraph } from '@backoffice/kit';
import { documentsSubgraph } from './documents.subgraph.js';

await runSubgraph(documentsSubgraph);
