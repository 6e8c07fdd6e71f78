import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { formatMoney, formatPercent, Money, parseAmount, parseRate, toCents } from './money.js';

describe('money', () => {
  it('formats to two decimals, rounding half up when there are more', () => {
    const cases: [string, string][] = [
      ['0', '0.00'],
      ['5', '5.00'],
      ['5.5', '5.50'],
      ['5.55', '5.55'],
      ['-12.3', '-12.30'],
      ['1234567890.1', '1234567890.10'],
      ['0.005', '0.01'],
      ['2.345', '2.35'],
      ['-2.345', '-2.35'],
      ['0.001', '0.00'],
    ];
    for (const [value, text] of cases) expect(formatMoney(new Money(value))).toBe(text);
    expect(formatMoney(new Money(0).negated())).toBe('0.00');
    expect(formatMoney(new Money('1e21'))).toBe('1000000000000000000000.00');
  });

  it('rounds to cents half up, not to even', () => {
    expect(toCents(new Money('500.005')).toFixed()).toBe('500.01');
    expect(toCents(new Money('500.015')).toFixed()).toBe('500.02');
    expect(toCents(new Money('-500.005')).toFixed()).toBe('-500.01');
  });

  it('parses decimal strings only, and rates from strings or the graph floats', () => {
    expect(parseAmount(' 12.50 ', 'amount').toFixed()).toBe('12.5');
    expect(() => parseAmount(12.5, 'amount')).toThrow(DomainError);
    expect(() => parseAmount('1e3', 'amount')).toThrow(/decimal string/);
    expect(() => parseAmount('-1', 'amount')).toThrow(/negative/);
    expect(parseAmount('-1', 'amount', { allowNegative: true }).toFixed()).toBe('-1');
    expect(parseRate(0.8, 'fte').toFixed()).toBe('0.8');
    expect(parseRate('0.125', 'rate').toFixed()).toBe('0.125');
    expect(() => parseRate(Number.NaN, 'fte')).toThrow(DomainError);
    expect(formatPercent(new Money('0.125'))).toBe('12.5%');
  });
});
