import { badInput } from '@backoffice/kit/errors';
import { type Amount, formatMoney, formatPercent, parseAmount, ZERO } from './money.js';

/** One slice of monthly taxable income, [from, to), taxed at `rate`; `to` null is open-ended. */
export interface WithholdingBracket {
  from: Amount;
  to: Amount | null;
  rate: Amount;
}

/**
 * A validated, progressive monthly wage withholding table (data, loaded from JSON, not code). The tax of
 * all slices below each bracket and their descriptions are worked out once when the table is parsed, so
 * that each payslip costs one multiplication whatever the number of brackets.
 */
export interface WithholdingTable {
  brackets: readonly WithholdingBracket[];
  /** Tax on the whole of the brackets below bracket i (0 for the first). */
  taxBelow: readonly Amount[];
  /** Description of the whole slices below bracket i, e.g. "2000.00 at 10% (0-2000) + ". */
  describedBelow: readonly string[];
}

function parseBracketValue(value: unknown, field: string): Amount {
  if (typeof value === 'number') {
    throw badInput(`${field} must be a decimal string such as "2000.00", not the number ${value}`, field);
  }
  return parseAmount(value, field);
}

/**
 * Validates a bracket table, given as JSON text or as the parsed value: either an array of
 * `{ from, to, rate }` or an object with such a `brackets` array (other keys, such as a description,
 * are ignored). Amounts and rates are decimal strings. The brackets must start at 0, be ascending and
 * contiguous (each `from` is the previous `to`), only the last is open-ended (`to: null`), and every
 * rate is within [0, 1]. Throws DomainError BAD_USER_INPUT naming the offending bracket.
 */
export function parseBracketTable(json: unknown): WithholdingTable {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw badInput(`the withholding table is not valid JSON: ${(e as Error).message}`, 'brackets');
    }
  }
  const raw = Array.isArray(value) ? value : (value as { brackets?: unknown } | null)?.brackets;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw badInput('the withholding table needs a non-empty list of brackets { from, to, rate }', 'brackets');
  }
  const brackets: WithholdingBracket[] = [];
  raw.forEach((entry: unknown, i: number) => {
    const at = `brackets[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw badInput(`${at} must be { from, to, rate }`, at);
    const { from, to, rate } = entry as Record<string, unknown>;
    const bracket: WithholdingBracket = {
      from: parseBracketValue(from, `${at}.from`),
      to: to === null ? null : parseBracketValue(to, `${at}.to`),
      rate: parseBracketValue(rate, `${at}.rate`),
    };
    if (bracket.rate.greaterThan(1))
      throw badInput(`${at}.rate must be within [0, 1], got ${rate}`, `${at}.rate`);
    const previous = brackets[i - 1];
    if (!previous && !bracket.from.isZero())
      throw badInput(`${at}.from must be 0, got ${from}`, `${at}.from`);
    if (previous) {
      if (previous.to === null) {
        throw badInput(
          `only the last bracket may be open-ended, brackets[${i - 1}].to is null`,
          `brackets[${i - 1}].to`,
        );
      }
      if (!bracket.from.equals(previous.to)) {
        throw badInput(
          `brackets must be contiguous: ${at}.from is ${from} but the previous bracket ends at ${formatMoney(previous.to)}`,
          `${at}.from`,
        );
      }
    }
    if (bracket.to !== null && !bracket.to.greaterThan(bracket.from)) {
      throw badInput(`${at}.to (${to}) must be above its from (${from})`, `${at}.to`);
    }
    brackets.push(bracket);
  });
  if (brackets[brackets.length - 1].to !== null) {
    throw badInput('the last bracket must be open-ended (to: null)', `brackets[${brackets.length - 1}].to`);
  }
  const taxBelow: Amount[] = [];
  const describedBelow: string[] = [];
  let tax = ZERO;
  let described = '';
  for (const bracket of brackets) {
    taxBelow.push(tax);
    describedBelow.push(described);
    if (bracket.to === null) break;
    const width = bracket.to.minus(bracket.from);
    tax = tax.plus(width.times(bracket.rate));
    described += `${describeSlice(bracket, width)} + `;
  }
  return { brackets, taxBelow, describedBelow };
}

const describeSlice = (bracket: WithholdingBracket, taxed: Amount): string =>
  `${formatMoney(taxed)} at ${formatPercent(bracket.rate)} (${bracket.from.toString()}-${bracket.to?.toString() ?? ''})`;

/** Where a taxable income falls in the table: its bracket (-1 when there is no taxable income). */
export interface Withholding {
  /** Unrounded; the payslip line rounds it once. */
  tax: Amount;
  bracketIndex: number;
}

/**
 * Progressive withholding: each slice of the taxable income is taxed at its own bracket's rate, i.e. the
 * tax of the brackets below plus the part inside its own bracket at that bracket's rate.
 */
export function progressiveWithholding(taxableIncome: Amount, table: WithholdingTable): Withholding {
  if (!taxableIncome.greaterThan(0)) return { tax: ZERO, bracketIndex: -1 };
  const { brackets } = table;
  let i = 0;
  while (brackets[i].to !== null && taxableIncome.greaterThan(brackets[i].to as Amount)) i++;
  const bracket = brackets[i];
  return {
    tax: table.taxBelow[i].plus(taxableIncome.minus(bracket.from).times(bracket.rate)),
    bracketIndex: i,
  };
}

/** "2000.00 at 10% (0-2000) + 1230.00 at 25% (2000-5000)": the brackets a withholding used. */
export function describeWithholding(
  taxableIncome: Amount,
  bracketIndex: number,
  table: WithholdingTable,
): string {
  if (bracketIndex < 0) return 'no taxable income';
  const bracket = table.brackets[bracketIndex];
  return table.describedBelow[bracketIndex] + describeSlice(bracket, taxableIncome.minus(bracket.from));
}
