import { describe, expect, it } from 'vitest';
import { normaliseBsn, normaliseEmail, normaliseIban, normalisePostcode } from './employee.rules.js';

describe('identifiers', () => {
  it('accepts a valid BSN and refuses one that fails the eleven-test', () => {
    expect(normaliseBsn('111222333')).toBe('111222333');
    expect(() => normaliseBsn('111222334')).toThrow(/eleven-test/);
    expect(() => normaliseBsn('12345')).toThrow(/eleven-test|9 digits/);
  });
  it('checks IBAN mod 97', () => {
    expect(normaliseIban('NL91 ABNA 0417 1643 00')).toBe('NL91ABNA0417164300');
    expect(() => normaliseIban('NL92ABNA0417164300')).toThrow(/mod 97/);
  });
  it('formats Dutch postcodes', () => {
    expect(normalisePostcode('1234ab', 'NL')).toBe('1234 AB');
    expect(() => normalisePostcode('0123 AB', 'NL')).toThrow(/1234 AB/);
  });
  it('refuses malformed email', () => {
    expect(normaliseEmail(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(() => normaliseEmail('ada@')).toThrow(/email/);
  });
});
