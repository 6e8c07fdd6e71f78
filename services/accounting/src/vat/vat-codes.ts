import { badInput } from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { InvoiceKind } from '../invoices/invoice.rules.js';

/**
 * VAT codes on invoice lines (Dutch return first). The rate printed on the invoice, and where the line's
 * turnover and VAT land in the quarterly return for a sale (customer invoice) and a purchase (supplier
 * invoice). Reverse-charged lines carry no VAT on the invoice: for a purchase we owe the VAT ourselves
 * (self-assessed at the high rate) and deduct it as input VAT in the same return.
 * Sources: Belastingdienst, "Btw-tarieven" (21 % / 9 % / 0 %) and "Aangifte omzetbelasting: rubrieken"
 * (https://www.belastingdienst.nl/wps/wcm/connect/nl/btw/content/btw-tarief-berekenen and
 * https://www.belastingdienst.nl/wps/wcm/connect/nl/btw/content/hoe-vul-ik-mijn-btw-aangifte-in).
 */
export type VatCode = 'HIGH' | 'LOW' | 'ZERO' | 'REVERSE_CHARGED' | 'EU_REVERSE_CHARGED' | 'NON_EU';

interface VatCodeRule {
  /** The rate on the invoice, in percent. */
  rate: string;
  /** The return's box for a sale. */
  saleBox: string;
  /** The box of a purchase's self-assessed VAT (reverse charge), or null when the supplier charged VAT. */
  selfAssessedBox: string | null;
}

export const VAT_CODES: Readonly<Record<VatCode, VatCodeRule>> = {
  HIGH: { rate: '21', saleBox: '1a', selfAssessedBox: null },
  LOW: { rate: '9', saleBox: '1b', selfAssessedBox: null },
  ZERO: { rate: '0', saleBox: '1e', selfAssessedBox: null },
  /** Domestic reverse charge (btw verlegd): a sale goes to 1e, a purchase to 2a. */
  REVERSE_CHARGED: { rate: '0', saleBox: '1e', selfAssessedBox: '2a' },
  /** Within the EU: a sale goes to 3b (intra-community supply), a purchase to 4b. */
  EU_REVERSE_CHARGED: { rate: '0', saleBox: '3b', selfAssessedBox: '4b' },
  /** Outside the EU: a sale goes to 3a (export), a purchase to 4a. */
  NON_EU: { rate: '0', saleBox: '3a', selfAssessedBox: '4a' },
};

/** The rate at which reverse-charged purchases are self-assessed, in percent. */
export const SELF_ASSESSED_RATE = '21';

/**
 * A line's code and rate from what was given: a code sets the rate (a different rate given with it is
 * BAD_USER_INPUT); a rate alone gets its code where one fits (21 HIGH, 9 LOW, 0 ZERO), else none (box 1c).
 */
export function resolveVatCode(
  code: VatCode | null | undefined,
  rate: string | null | undefined,
  field: string,
): { vatCode: VatCode | null; vatRate: string } {
  if (code) {
    const rule = VAT_CODES[code];
    if (!rule)
      throw badInput(`vatCode must be one of ${Object.keys(VAT_CODES).join(', ')}`, `${field}.vatCode`);
    if (rate != null && !new Decimal(rate).equals(rule.rate))
      throw badInput(`vatCode ${code} has rate ${rule.rate} %, not ${rate}`, `${field}.vatRate`);
    return { vatCode: code, vatRate: rule.rate };
  }
  if (rate == null) throw badInput('give vatCode or vatRate', `${field}.vatRate`);
  const d = new Decimal(rate);
  const inferred = d.equals(21) ? 'HIGH' : d.equals(9) ? 'LOW' : d.isZero() ? 'ZERO' : null;
  return { vatCode: inferred, vatRate: rate };
}

/** The VAT we owe ourselves on a reverse-charged purchase line (base currency, rounded per line). */
export function selfAssessedVat(kind: InvoiceKind, code: VatCode | null, baseNet: string): string {
  if (kind !== 'SUPPLIER' || !code || !VAT_CODES[code].selfAssessedBox) return '0.00';
  return new Decimal(baseNet)
    .times(SELF_ASSESSED_RATE)
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}
