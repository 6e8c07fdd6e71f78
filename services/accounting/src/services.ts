import type { ServiceDeps } from '@backoffice/kit';
import { AccountService } from './accounts/account.service.js';
import { config } from './config.js';
import { InvoiceService } from './invoices/invoice.service.js';
import { PaymentService } from './invoices/payment.service.js';
import { JournalService } from './journal/journal.service.js';
import { Ledger } from './journal/ledger.js';
import { PeriodService } from './periods/period.service.js';
import { ReportService } from './reports/report.service.js';
import { VatReturnService } from './vat/vat-return.service.js';

export interface AccountingServices {
  ledger: Ledger;
  accounts: AccountService;
  journal: JournalService;
  periods: PeriodService;
  reports: ReportService;
  invoices: InvoiceService;
  payments: PaymentService;
  vatReturns: VatReturnService;
}

export function accountingServices({ db }: ServiceDeps): AccountingServices {
  const ledger = new Ledger({
    baseCurrency: config.BASE_CURRENCY,
    approvalThreshold: config.APPROVAL_THRESHOLD,
    secondApprovalThreshold: config.SECOND_APPROVAL_THRESHOLD,
  });
  return {
    ledger,
    accounts: new AccountService(db),
    journal: new JournalService(db, ledger),
    periods: new PeriodService(db),
    reports: new ReportService(db),
    invoices: new InvoiceService(db, ledger),
    payments: new PaymentService(db, ledger),
    vatReturns: new VatReturnService(db),
  };
}
