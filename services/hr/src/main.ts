import { runSubgraph } from '@backoffice/kit';
import { hrSubgraph } from './hr.subgraph.js';

await runSubgraph(hrSubgraph);
