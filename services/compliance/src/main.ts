import { runSubgraph } from '@backoffice/kit';
import { complianceSubgraph } from './compliance.subgraph.js';

await runSubgraph(complianceSubgraph);
