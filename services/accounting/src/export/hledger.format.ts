import { Decimal } from 'decimal.js';

/** hledger's and ledger's top-level account for each account type. */
const ROOT: Record<string, string> = {
  ASSET: 'Assets',
  LIABILITY: 'Liabilities',
  EQUITY: 'Equity',
  REVENUE: 'Revenue',
  EXPENSE: 'Expenses',
};

export interface ExportLine {
  accountType: string;
  accountName: string;
  accountCode: string;
  debit: string;
  credit: string;
  costCenter: string | null;
  description: string | null;
}

export interface ExportEntry {
  id: string;
  number: string;
  date: string;
  description: string;
  reference: string | null;
  currency: string;
  lines: ExportLine[];
}

/** Text that stays on one line and cannot start a comment, a tag list or a payee/note split. */
function clean(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[;|]/g, ',')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A tag value ends at a comma in hledger. */
const tagValue = (text: string) => clean(text).replace(/,/g, ' ').replace(/ {2,}/g, ' ');

/** `Assets:Bank`: the type's root and the account's name (two spaces would end an account name). */
export function accountName(type: string, name: string): string {
  const root = ROOT[type];
  if (!root) throw new Error(`unknown account type ${type}`);
  return `${root}:${clean(name.replace(/:/g, ' '))}`;
}

/** Debits positive, credits negative, with the commodity after the number: `-1210.00 EUR`. */
export function amount(line: Pick<ExportLine, 'debit' | 'credit'>, currency: string): string {
  const value = new Decimal(line.debit).minus(line.credit);
  return `${value.toFixed(2)} ${currency}`;
}

/**
 * One entry in the plain-text journal format hledger and ledger both read:
 *
 *   2026-01-31 * (2026-000001) Payroll 2026-01  ; entry: <id>
 *       Expenses:Salaries expense  4000.00 EUR  ; costCenter: BO-100
 *       Liabilities:Net pay payable  -3000.00 EUR
 */
export function formatEntry(entry: ExportEntry): string {
  const header = [`${entry.date} * (${entry.number}) ${clean(entry.description) || '(no description)'}`];
  const tags = [`entry: ${entry.id}`];
  if (entry.reference) tags.push(`reference: ${tagValue(entry.reference)}`);
  const out = [`${header[0]}  ; ${tags.join(', ')}`];
  for (const line of entry.lines) {
    const notes: string[] = [`code: ${line.accountCode}`];
    if (line.costCenter) notes.push(`costCenter: ${tagValue(line.costCenter)}`);
    if (line.description) notes.push(`note: ${tagValue(line.description)}`);
    out.push(
      `    ${accountName(line.accountType, line.accountName)}  ${amount(line, entry.currency)}  ; ${notes.join(', ')}`,
    );
  }
  return `${out.join('\n')}\n\n`;
}

export function journalHeader(from: string, to: string, currency: string): string {
  return `; Posted journal entries ${from} to ${to}, base currency ${currency}, from the Backoffice books.\n\n`;
}
