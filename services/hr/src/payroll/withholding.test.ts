import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { Money } from './money.js';
import { describeWithholding, parseBracketTable, progressiveWithholding } from './withholding.js';

const sample = readFileSync(new URL('./withholding-brackets.sample.json', import.meta.url), 'utf8');

function ruleError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('parseBracketTable', () => {
  it('loads the shipped sample, as text or parsed, as an object or a bare array', () => {
    const table = parseBracketTable(sample);
    expect(
      table.brackets.map((b) => [b.from.toString(), b.to?.toString() ?? null, b.rate.toString()]),
    ).toEqual([
      ['0', '2000', '0.1'],
      ['2000', '5000', '0.25'],
      ['5000', null, '0.4'],
    ]);
    expect(parseBracketTable(JSON.parse(sample)).brackets).toHaveLength(3);
    expect(parseBracketTable(JSON.parse(sample).brackets).brackets).toHaveLength(3);
    expect(parseBracketTable([{ from: '0', to: null, rate: '0' }]).brackets).toHaveLength(1);
  });

  const cases: [string, unknown, RegExp, string][] = [
    ['invalid JSON', '{"brackets": [', /not valid JSON/, 'brackets'],
    ['no brackets', { brackets: [] }, /non-empty/, 'brackets'],
    ['not starting at 0', [{ from: '100', to: null, rate: '0.1' }], /must be 0/, 'brackets[0].from'],
    [
      'a gap',
      [
        { from: '0', to: '2000', rate: '0.1' },
        { from: '2500', to: null, rate: '0.2' },
      ],
      /contiguous/,
      'brackets[1].from',
    ],
    [
      'an overlap',
      [
        { from: '0', to: '2000', rate: '0.1' },
        { from: '1500', to: null, rate: '0.2' },
      ],
      /contiguous/,
      'brackets[1].from',
    ],
    [
      'descending bounds',
      [
        { from: '0', to: '2000', rate: '0.1' },
        { from: '2000', to: '1000', rate: '0.2' },
        { from: '1000', to: null, rate: '0.3' },
      ],
      /must be above/,
      'brackets[1].to',
    ],
    ['a closed last bracket', [{ from: '0', to: '2000', rate: '0.1' }], /open-ended/, 'brackets[0].to'],
    [
      'an open bracket before the last',
      [
        { from: '0', to: null, rate: '0.1' },
        { from: '2000', to: null, rate: '0.2' },
      ],
      /only the last/,
      'brackets[0].to',
    ],
    ['a rate above 1', [{ from: '0', to: null, rate: '1.5' }], /within \[0, 1\]/, 'brackets[0].rate'],
    ['a negative rate', [{ from: '0', to: null, rate: '-0.1' }], /negative/, 'brackets[0].rate'],
    [
      'a number instead of a string',
      [{ from: 0, to: null, rate: '0.1' }],
      /decimal string/,
      'brackets[0].from',
    ],
    ['a missing rate', [{ from: '0', to: null }], /decimal string/, 'brackets[0].rate'],
  ];
  it.each(cases)('refuses %s with a clear BAD_USER_INPUT', (_name, json, message, field) => {
    const e = ruleError(() => parseBracketTable(json));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(message);
    expect(e.field).toBe(field);
  });
});

describe('progressiveWithholding', () => {
  const table = parseBracketTable(sample);
  const tax = (income: string) => progressiveWithholding(new Money(income), table).tax.toFixed(2);

  it('taxes each slice at its own rate', () => {
    expect(tax('0')).toBe('0.00');
    expect(tax('-50')).toBe('0.00');
    expect(tax('1500')).toBe('150.00');
    expect(tax('2000')).toBe('200.00');
    expect(tax('3230')).toBe('507.50'); // 2000 x 10% + 1230 x 25%
    expect(tax('5000')).toBe('950.00');
    expect(tax('6000')).toBe('1350.00'); // 200 + 750 + 1000 x 40%
  });

  it('names the brackets it used', () => {
    const describe = (income: string) => {
      const taxable = new Money(income);
      return describeWithholding(taxable, progressiveWithholding(taxable, table).bracketIndex, table);
    };
    expect(describe('1500')).toBe('1500.00 at 10% (0-2000)');
    expect(describe('2000')).toBe('2000.00 at 10% (0-2000)');
    expect(describe('3230')).toBe('2000.00 at 10% (0-2000) + 1230.00 at 25% (2000-5000)');
    expect(describe('6000')).toBe(
      '2000.00 at 10% (0-2000) + 3000.00 at 25% (2000-5000) + 1000.00 at 40% (5000-)',
    );
    expect(describe('0')).toBe('no taxable income');
  });

  it('agrees with taxing slice by slice for many incomes and a longer table', () => {
    const long = parseBracketTable([
      { from: '0', to: '1000', rate: '0' },
      { from: '1000', to: '1500.50', rate: '0.085' },
      { from: '1500.50', to: '4000', rate: '0.2' },
      { from: '4000', to: '9000', rate: '0.375' },
      { from: '9000', to: null, rate: '0.495' },
    ]);
    for (let cents = 0; cents < 1_200_000; cents += 7_919) {
      const income = new Money(cents).dividedBy(100);
      let expected = new Money(0);
      for (const b of long.brackets) {
        const top = b.to === null || b.to.greaterThan(income) ? income : b.to;
        if (top.greaterThan(b.from)) expected = expected.plus(top.minus(b.from).times(b.rate));
      }
      expect(progressiveWithholding(income, long).tax.toFixed()).toBe(expected.toFixed());
    }
  });
});
