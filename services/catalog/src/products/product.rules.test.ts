import { describe, expect, it } from 'vitest';
import { amount, decimalText, normalizeSku, quantity, resolveVat } from './product.rules.js';

describe('product rules', () => {
  it('normalizes SKUs and refuses what is not one', () => {
    expect(normalizeSku(' pmp-100/a ')).toBe('PMP-100/A');
    for (const bad of ['', '-LEADING', 'with space', 'X'.repeat(41), 'ä1'])
      expect(() => normalizeSku(bad)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'sku' }),
      );
  });

  it("takes a VAT rate only as one of accounting's codes", () => {
    expect(resolveVat(null, '21.00')).toEqual({ vatCode: 'HIGH', vatRate: '21' });
    expect(resolveVat(null, '9')).toEqual({ vatCode: 'LOW', vatRate: '9' });
    expect(resolveVat('EU_REVERSE_CHARGED', '0')).toEqual({ vatCode: 'EU_REVERSE_CHARGED', vatRate: '0' });
    expect(() => resolveVat(null, '19')).toThrow(expect.objectContaining({ field: 'vatRate' }));
    expect(() => resolveVat('LOW', '21')).toThrow(expect.objectContaining({ field: 'vatRate' }));
    expect(() => resolveVat('BOGUS' as never, null)).toThrow(expect.objectContaining({ field: 'vatCode' }));
  });

  it('keeps quantities and amounts within their scale and sign', () => {
    expect(quantity('1.500', 'q')).toBe('1.5');
    expect(() => quantity('0', 'q')).toThrow(/not be zero/);
    expect(quantity('0', 'q', { zero: true })).toBe('0');
    expect(() => quantity('-1', 'q')).toThrow(/positive/);
    expect(quantity('-1', 'q', { negative: true })).toBe('-1');
    expect(() => quantity('0.0001', 'q')).toThrow(/3 decimals/);
    expect(() => amount('1.00001', 'amount')).toThrow(/4 decimals/);
    expect(() => amount('-0.01', 'amount')).toThrow(/negative/);
    expect(decimalText('21.00')).toBe('21');
    expect(decimalText('12.5000', 2)).toBe('12.50');
  });
});
