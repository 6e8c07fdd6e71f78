import { describe, expect, it } from 'vitest';
import { checkPeriod, currencyCode, dayBefore, priceChange, priceView, withVat } from './price.rules.js';

describe('price rules', () => {
  it('adds VAT half up at the precision of the net amount, at least cents', () => {
    expect(withVat('100', '21')).toBe('121.00');
    expect(withVat('0.125', '21')).toBe('0.151');
    expect(withVat('0.0125', '21')).toBe('0.0151');
    expect(withVat('10.05', '9')).toBe('10.95');
    expect(withVat('19.99', '0')).toBe('19.99');
  });

  it('shows a stored period as the graph answers it', () => {
    const row = {
      id: 'p',
      priceListId: 'l',
      amount: '12.5000',
      minQuantity: '10.000',
      validFrom: '2030-01-01',
      validTo: null,
    };
    expect(priceView(row, '21.00', 'EUR')).toEqual({
      id: 'p',
      priceListId: 'l',
      amount: '12.50',
      amountWithVat: '15.13',
      vatRate: '21',
      currency: 'EUR',
      minQuantity: '10',
      validFrom: '2030-01-01',
      validTo: null,
      status: 'ACTIVE',
    });
  });

  it('checks currencies and periods, and finds the day before across months and leap days', () => {
    expect(currencyCode(' eur ')).toBe('EUR');
    expect(() => currencyCode('EURO')).toThrow(expect.objectContaining({ field: 'currency' }));
    expect(() => checkPeriod('2030-02-01', '2030-01-31')).toThrow(
      expect.objectContaining({ field: 'validTo' }),
    );
    expect(() => checkPeriod('2030-02-01', '2030-02-01')).not.toThrow();
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2030-01-01')).toBe('2029-12-31');
  });

  it('asks for a second person when a price moves by more than the percentage, either way', () => {
    expect(priceChange('100', '110', 10)).toEqual({ percent: '10', needsApproval: false });
    expect(priceChange('100', '110.01', 10)).toEqual({ percent: '10.01', needsApproval: true });
    expect(priceChange('100', '85', 10)).toEqual({ percent: '-15', needsApproval: true });
    expect(priceChange('0', '5', 10).needsApproval).toBe(true);
  });
});
