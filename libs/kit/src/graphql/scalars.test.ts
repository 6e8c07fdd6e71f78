import { describe, expect, it } from 'vitest';
import { DateScalar, DecimalScalar, isValidDate, parseDecimal } from './scalars.js';

describe('scalars', () => {
  it('keeps money as exact decimal strings and refuses floats', () => {
    expect(parseDecimal('1234.50')).toBe('1234.5');
    expect(parseDecimal(' -0.01 ')).toBe('-0.01');
    expect(() => parseDecimal(12.5)).toThrow(/decimal string/);
    expect(() => parseDecimal('1e3')).toThrow(/not a decimal/);
    expect(() => parseDecimal('12,50')).toThrow(/not a decimal/);
    expect(DecimalScalar.serialize('100.00')).toBe('100.00');
  });

  it('accepts real calendar dates only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(() => DateScalar.parseValue('01-02-2025')).toThrow(/YYYY-MM-DD/);
  });
});
