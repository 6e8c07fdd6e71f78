import { describe, expect, it } from 'vitest';
import { quarterRange, vatBoxes } from './vat-return.rules.js';

describe('VAT return', () => {
  it('sorts turnover into the Dutch boxes and nets output against input VAT', () => {
    const boxes = vatBoxes([
      { kind: 'CUSTOMER', vatRate: '21', turnover: '1000.00', vat: '210.00' },
      { kind: 'CUSTOMER', vatRate: '9', turnover: '100.00', vat: '9.00' },
      { kind: 'CUSTOMER', vatRate: '0', turnover: '50.00', vat: '0.00' },
      { kind: 'SUPPLIER', vatRate: '21', turnover: '200.00', vat: '42.00' },
    ]);
    const byCode = Object.fromEntries(boxes.map((b) => [b.code, [b.turnover, b.vat]]));
    expect(byCode).toEqual({
      '1a': ['1000.00', '210.00'],
      '1b': ['100.00', '9.00'],
      '1c': ['0.00', '0.00'],
      '1e': ['50.00', '0.00'],
      '5a': ['0.00', '219.00'],
      '5b': ['200.00', '42.00'],
      '5c': ['0.00', '177.00'],
      '5g': ['0.00', '177.00'],
    });
  });
  it('knows the quarters, leap years included', () => {
    expect(quarterRange(2028, 1)).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterRange(2026, 2)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterRange(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
});
