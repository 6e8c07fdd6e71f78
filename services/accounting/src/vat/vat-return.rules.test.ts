import { describe, expect, it } from 'vitest';
import { resolveVatCode, selfAssessedVat } from './vat-codes.js';
import { quarterRange, vatBoxes } from './vat-return.rules.js';

describe('VAT return', () => {
  it('sorts turnover into the Dutch boxes and nets output against input VAT', () => {
    const boxes = vatBoxes([
      { kind: 'CUSTOMER', vatRate: '21', turnover: '1000.00', vat: '210.00' },
      { kind: 'CUSTOMER', vatRate: '9', turnover: '100.00', vat: '9.00' },
      { kind: 'CUSTOMER', vatRate: '0', turnover: '50.00', vat: '0.00' },
      { kind: 'SUPPLIER', vatRate: '21', turnover: '200.00', vat: '42.00' },
    ]);
    const byCode = Object.fromEntries(
      boxes
        .filter((b) => b.turnover !== '0.00' || b.vat !== '0.00')
        .map((b) => [b.code, [b.turnover, b.vat]]),
    );
    expect(byCode).toEqual({
      '1a': ['1000.00', '210.00'],
      '1b': ['100.00', '9.00'],
      '1e': ['50.00', '0.00'],
      '5a': ['0.00', '219.00'],
      '5b': ['200.00', '42.00'],
      '5c': ['0.00', '177.00'],
      '5g': ['0.00', '177.00'],
    });
    expect(boxes.map((b) => b.code)).toEqual([
      '1a',
      '1b',
      '1c',
      '1d',
      '1e',
      '2a',
      '3a',
      '3b',
      '4a',
      '4b',
      '5a',
      '5b',
      '5c',
      '5g',
    ]);
  });

  it('puts reverse charges in 1e/2a/3a/3b/4a/4b, owes the self-assessed VAT and deducts it', () => {
    const boxes = vatBoxes([
      { kind: 'CUSTOMER', vatCode: 'REVERSE_CHARGED', vatRate: '0', turnover: '300.00', vat: '0.00' },
      { kind: 'CUSTOMER', vatCode: 'EU_REVERSE_CHARGED', vatRate: '0', turnover: '400.00', vat: '0.00' },
      { kind: 'CUSTOMER', vatCode: 'NON_EU', vatRate: '0', turnover: '500.00', vat: '0.00' },
      {
        kind: 'SUPPLIER',
        vatCode: 'REVERSE_CHARGED',
        vatRate: '0',
        turnover: '100.00',
        vat: '0.00',
        selfAssessedVat: '21.00',
      },
      {
        kind: 'SUPPLIER',
        vatCode: 'NON_EU',
        vatRate: '0',
        turnover: '200.00',
        vat: '0.00',
        selfAssessedVat: '42.00',
      },
      {
        kind: 'SUPPLIER',
        vatCode: 'EU_REVERSE_CHARGED',
        vatRate: '0',
        turnover: '1000.00',
        vat: '0.00',
        selfAssessedVat: '210.00',
      },
    ]);
    const byCode = Object.fromEntries(boxes.map((b) => [b.code, [b.turnover, b.vat]]));
    expect(byCode['1e']).toEqual(['300.00', '0.00']);
    expect(byCode['3b']).toEqual(['400.00', '0.00']);
    expect(byCode['3a']).toEqual(['500.00', '0.00']);
    expect(byCode['2a']).toEqual(['100.00', '21.00']);
    expect(byCode['4a']).toEqual(['200.00', '42.00']);
    expect(byCode['4b']).toEqual(['1000.00', '210.00']);
    expect(byCode['5a']).toEqual(['0.00', '273.00']);
    expect(byCode['5b']).toEqual(['0.00', '273.00']);
    expect(byCode['5g']).toEqual(['0.00', '0.00']);
  });

  it('resolves VAT codes and rates, refusing a code with another rate', () => {
    expect(resolveVatCode('LOW', null, 'lines[0]')).toEqual({ vatCode: 'LOW', vatRate: '9' });
    expect(resolveVatCode(null, '21', 'lines[0]')).toEqual({ vatCode: 'HIGH', vatRate: '21' });
    expect(resolveVatCode(null, '6', 'lines[0]')).toEqual({ vatCode: null, vatRate: '6' });
    expect(() => resolveVatCode('HIGH', '9', 'lines[0]')).toThrow(/HIGH has rate 21/);
    expect(() => resolveVatCode('REVERSE_CHARGED', '21', 'lines[0]')).toThrow(/rate 0/);
    expect(selfAssessedVat('SUPPLIER', 'EU_REVERSE_CHARGED', '123.45')).toBe('25.92');
    expect(selfAssessedVat('CUSTOMER', 'EU_REVERSE_CHARGED', '123.45')).toBe('0.00');
    expect(selfAssessedVat('SUPPLIER', 'HIGH', '123.45')).toBe('0.00');
  });
  it('knows the quarters, leap years included', () => {
    expect(quarterRange(2028, 1)).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterRange(2026, 2)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterRange(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
});
