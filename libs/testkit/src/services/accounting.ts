/**
 * The accounting service as benchmarks drive it: its subgraph to start in-process (through
 * startTestSubgraph), the name hledger knows an account by, and the trial balance summed from every
 * line (the statement the monthly balances replaced, the benchmark's yardstick).
 */
export { accountingSubgraph } from '../../../../services/accounting/src/accounting.subgraph.js';
export { accountName } from '../../../../services/accounting/src/export/hledger.format.js';
export type { AccountingServices } from '../../../../services/accounting/src/services.js';
export {
  BALANCE_BY_COST_CENTER_FROM_EVERY_LINE,
  TRIAL_BALANCE_FROM_EVERY_LINE,
} from '../../../../services/accounting/test/support.js';
export { Ledger } from '../../../../services/accounting/src/journal/ledger.js';
export { PostingBatcher } from '../../../../services/accounting/src/journal/posting-batcher.js';
