import { describe, expect, it } from 'vitest';
import { loadRulePacks, parseRulePack, periodRules, ruleAmount } from './rule-pack.js';

const source = { title: 'Handboek Loonheffingen', url: 'https://www.belastingdienst.nl/example' };
const rule = (value: string, validFrom: string, validTo: string | null) => ({
  rule: 'homeWorkingAllowance.taxFreePerDay',
  kind: 'amount',
  value,
  validFrom,
  validTo,
  source,
});

describe('country rule packs', () => {
  it('ships the NL pack for 2025 and 2026, every rule with a public source', () => {
    const nl = loadRulePacks().get('NL');
    expect(nl?.country).toBe('NL');
    for (const r of nl?.rules ?? [])
      expect(r.source.url).toMatch(
        /^https:\/\/(www\.|download\.)?(belastingdienst|wetten\.overheid|svb)\.nl\//,
      );
    const packs = loadRulePacks();
    expect(
      ruleAmount(periodRules(packs, 'NL', '2025-06')!, 'homeWorkingAllowance.taxFreePerDay').toFixed(2),
    ).toBe('2.40');
    expect(
      ruleAmount(periodRules(packs, 'NL', '2026-06')!, 'homeWorkingAllowance.taxFreePerDay').toFixed(2),
    ).toBe('2.45');
    expect(
      ruleAmount(periodRules(packs, 'NL', '2026-06')!, 'commutingAllowance.taxFreePerKm').toFixed(2),
    ).toBe('0.23');
    expect(ruleAmount(periodRules(packs, 'NL', '2026-06')!, 'holidayAllowance.minimumRate').toFixed(2)).toBe(
      '0.08',
    );
  });

  it('applies a rule changing on 1 January by the payroll period', () => {
    const packs = loadRulePacks();
    const december = periodRules(packs, 'NL', '2025-12')!;
    const january = periodRules(packs, 'NL', '2026-01')!;
    expect(ruleAmount(december, 'homeWorkingAllowance.taxFreePerDay').toFixed(2)).toBe('2.40');
    expect(ruleAmount(january, 'homeWorkingAllowance.taxFreePerDay').toFixed(2)).toBe('2.45');
    expect(january.get('homeWorkingAllowance.taxFreePerDay')?.validFrom).toBe('2026-01-01');
  });

  it('refuses a payroll period without rules for its year, naming the period and country', () => {
    const packs = loadRulePacks();
    expect(() => periodRules(packs, 'NL', '2027-01')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/2027-01.*NL/) }),
    );
    expect(() => periodRules(packs, 'NL', '2024-12')).toThrow(/payroll period 2024-12 has no NL rules/);
    // A country without a pack keeps the generic rules.
    expect(periodRules(packs, 'DE', '2027-01')).toBeNull();
  });

  it('refuses overlapping validity, naming the rule', () => {
    const pack = {
      country: 'NL',
      version: 't',
      rules: [rule('2.40', '2025-01-01', null), rule('2.45', '2026-01-01', '2026-12-31')],
    };
    expect(() => parseRulePack(pack)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('rule homeWorkingAllowance.taxFreePerDay'),
      }),
    );
    expect(() =>
      parseRulePack({
        ...pack,
        rules: [rule('2.40', '2025-01-01', '2025-12-31'), rule('2.45', '2025-12-31', null)],
      }),
    ).toThrow(/overlapping validity/);
    expect(
      parseRulePack({
        ...pack,
        rules: [rule('2.40', '2025-01-01', '2025-12-31'), rule('2.45', '2026-01-01', null)],
      }).rules,
    ).toHaveLength(2);
  });

  it('refuses rules without a source, with a bad rate or with malformed brackets', () => {
    const base = { country: 'NL', version: 't' };
    expect(() =>
      parseRulePack({ ...base, rules: [{ ...rule('2.40', '2025-01-01', null), source: {} }] }),
    ).toThrow(/source/);
    expect(() =>
      parseRulePack({
        ...base,
        rules: [{ ...rule('8', '2025-01-01', null), rule: 'holidayAllowance.minimumRate', kind: 'rate' }],
      }),
    ).toThrow(/within \[0, 1\]/);
    const brackets = {
      ...rule('', '2025-01-01', null),
      rule: 'incomeTax.box1',
      kind: 'brackets',
      value: [
        { from: '0', to: '38441', rate: '0.3582' },
        { from: '38441', to: null, rate: '0.4950' },
      ],
    };
    expect(parseRulePack({ ...base, rules: [brackets] }).rules[0].kind).toBe('brackets');
    expect(() =>
      parseRulePack({ ...base, rules: [{ ...brackets, value: [{ from: '1', to: null, rate: '0.1' }] }] }),
    ).toThrow(/incomeTax.box1/);
  });
});
