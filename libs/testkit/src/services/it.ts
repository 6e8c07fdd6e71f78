/** The it service as benchmarks drive it: its subgraph. */
export { itSubgraph } from '../../../../services/it/src/it.subgraph.js';
