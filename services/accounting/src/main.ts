import { runSubgraph } from '@backoffice/kit';
import { accountingSubgraph } from './accounting.subgraph.js';

await runSubgraph(accountingSubgraph);
