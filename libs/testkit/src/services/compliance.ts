/** The compliance service as benchmarks drive it: its subgraph, and the audit chain's hash to verify it. */
export { entryHash } from '../../../../services/compliance/src/audit/audit.chain.js';
export { complianceSubgraph } from '../../../../services/compliance/src/compliance.subgraph.js';
