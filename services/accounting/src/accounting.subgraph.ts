import type { SubgraphDefinition } from '@backoffice/kit';
import { Account } from './accounts/account.entity.js';
import { accountResolvers } from './accounts/account.resolvers.js';
import { journalExportRoute } from './export/journal-export.route.js';
import { Invoice, InvoiceLine, Payment, Settlement } from './invoices/invoice.entity.js';
import { invoiceResolvers } from './invoices/invoice.resolvers.js';
import { approvalDecidedHandler } from './journal/approval-decided.handler.js';
import { JournalEntry, JournalLine } from './journal/journal.entity.js';
import { journalResolvers } from './journal/journal.resolvers.js';
import { Ledger1764202000000 } from './migrations/1764202000000-ledger.js';
import { NlLocalisation1764202200000 } from './migrations/1764202200000-nl-localisation.js';
import { NumberAtCommit1764202400000 } from './migrations/1764202400000-number-at-commit.js';
import { MonthlyBalances1764202500000 } from './migrations/1764202500000-monthly-balances.js';
import { DailyBalances1764202600000 } from './migrations/1764202600000-daily-balances.js';
import { FourEyesOwned1764202710000 } from './migrations/1764202710000-four-eyes-owned.js';
import { PayrollCostWithHr1764202720000 } from './migrations/1764202720000-payroll-cost-with-hr.js';
import { StockBooking1765000300000 } from './migrations/1765000300000-stock-booking.js';
import { EmployerPayrollContributions1765000400000 } from './migrations/1765000400000-employer-payroll-contributions.js';
import { BatchEnterBooks1766000100000 } from './migrations/1766000100000-batch-enter-books.js';
import { CostCenterBalances1766000200000 } from './migrations/1766000200000-cost-center-balances.js';
import { payrollRunFinalizedHandler } from './payroll/payroll-run-finalized.handler.js';
import { periodResolvers } from './periods/period.resolvers.js';
import { reportResolvers } from './reports/report.resolvers.js';
import { type AccountingServices, accountingServices } from './services.js';
import { stockMovementHandler } from './stock/stock-movement.handler.js';
import { vatReturnResolvers } from './vat/vat-return.resolvers.js';

/** Everything the accounting subgraph is made of, registered explicitly. */
export const accountingSubgraph: SubgraphDefinition<AccountingServices> = {
  name: 'accounting',
  schemaDir: import.meta.dirname,
  entities: [Account, JournalEntry, JournalLine, Invoice, InvoiceLine, Payment, Settlement],
  migrations: [
    Ledger1764202000000,
    NlLocalisation1764202200000,
    NumberAtCommit1764202400000,
    MonthlyBalances1764202500000,
    DailyBalances1764202600000,
    FourEyesOwned1764202710000,
    PayrollCostWithHr1764202720000,
    StockBooking1765000300000,
    EmployerPayrollContributions1765000400000,
    BatchEnterBooks1766000100000,
    CostCenterBalances1766000200000,
  ],
  services: accountingServices,
  resolvers: [
    accountResolvers,
    journalResolvers,
    periodResolvers,
    reportResolvers,
    invoiceResolvers,
    vatReturnResolvers,
  ],
  handlers: (services) => [
    payrollRunFinalizedHandler(services.ledger),
    approvalDecidedHandler(services.ledger),
    stockMovementHandler(services.ledger),
  ],
  routes: () => [journalExportRoute()],
};
