import { runSubgraph } from '@backoffice/kit';
import { catalogSubgraph } from './catalog.subgraph.js';

await runSubgraph(catalogSubgraph);
