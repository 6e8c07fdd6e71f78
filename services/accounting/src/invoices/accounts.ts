/** The chart's accounts that invoices, payments and settlements post to (installed by the migration). */
export const POSTING_ACCOUNTS = {
  bank: '1100',
  receivable: '1300',
  unappliedPaymentsMade: '1350',
  vatReceivable: '1500',
  payable: '2000',
  vatPayable: '2100',
  unappliedReceipts: '2300',
  defaultExpense: '4500',
  exchangeDifferences: '4900',
  defaultRevenue: '8000',
} as const;
