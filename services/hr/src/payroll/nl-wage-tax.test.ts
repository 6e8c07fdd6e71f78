import { describe, expect, it } from 'vitest';
import { loadRulePacks, periodRules, rulesOn } from '../rule-packs/rule-pack.js';
import { Money } from './money.js';
import { annualTableWage, nlSpecialRewardTax, nlWageTax } from './nl-wage-tax.js';

/*
 * Test vectors: rows of the Belastingdienst's white monthly table 2026, "Witte Maandloon-tabel
 * loonbelasting/premie volksverzekeringen, Nederland, Standaard" (uitgave januari 2026),
 * https://download.belastingdienst.nl/belastingdienst/dl/rekenhulpen/loonheffing/2026/v01/pdf/wit_mnd_nl_std_20260101.pdf,
 * column "jonger dan de AOW-leeftijd": the row's wage, "zonder loonheffingskorting", "met
 * loonheffingskorting" and "verrekende arbeidskorting". The table itself was not in the sources we could
 * read; these rows are as transcribed, with that URL, in the public specification NL.md of a take-home-pay
 * calculator ("Further official rows for regression testing"), and rows 4000.50 and 6502.50 also in its
 * worked examples A and B. The code computes them from the Rekenvoorschriften' formulas and the pack's
 * figures; nothing below is an output of this code.
 *
 * Rounding: where the formulas leave a choice, the published table wins, since the Rekenvoorschriften say
 * an automated payroll must give what the tables give ("de bedragen in de tabellen [zijn] bindend",
 * Inleiding). So the period amount is the annual one divided by 12 (13) to the NEAREST cent: the row
 * 4000.50 prints 9851 / 12 = 820.9166... as 820.92 (rounding down would give 820.91) and 17326 / 12 =
 * 1443.8333... as 1443.83 (rounding up would give 1443.84). Not checked by any published row: wages
 * above the highest table wage (133,110 a year), and the general credit just below its end (78,426),
 * where the tables may phase the last euro out earlier than the formula.
 */
const MONTHLY_WHITE_2026: readonly [wage: string, without: string, withCredit: string, employment: string][] =
  [
    ['2700.00', '965.25', '267.50', '452.33'], // low wage: the employment tax credit still builds up
    ['3001.50', '1073.00', '388.58', '458.25'],
    ['4000.50', '1443.83', '820.92', '460.67'], // middle: general credit phasing out, employment credit at its top
    ['6502.50', '2383.58', '2083.58', '297.83'],
    ['8001.00', '3121.42', '2921.17', '200.25'], // high: third bracket, general credit gone
    ['11002.50', '4607.08', '4602.25', '4.83'], // employment credit almost phased out
  ];

const packs = loadRulePacks();
const rules2026 = periodRules(packs, 'NL', '2026-01')!;

describe('NL loonheffing 2026, white monthly table, below AOW age', () => {
  it.each(MONTHLY_WHITE_2026)(
    'table wage %s matches the published row to the cent',
    (wage, without, withCredit, employment) => {
      const withLhk = nlWageTax(rules2026, new Money(wage), 12, true);
      const withoutLhk = nlWageTax(rules2026, new Money(wage), 12, false);
      expect(withoutLhk.periodTax.toFixed(2)).toBe(without);
      expect(withLhk.periodTaxWithoutCredit.toFixed(2)).toBe(without);
      expect(withLhk.periodTax.toFixed(2)).toBe(withCredit);
      expect(withLhk.periodEmploymentTaxCredit.toFixed(2)).toBe(employment);
    },
  );

  it('reproduces worked example A step by step (4000.50 a month: L 48006, 17326 - 1947 - 5528)', () => {
    const t = nlWageTax(rules2026, new Money('4000.50'), 12, true);
    expect(t.annualTableWage.toString()).toBe('48006');
    expect(t.annualTaxBeforeCredits.toString()).toBe('17326');
    expect(t.generalTaxCredit.toString()).toBe('1947');
    expect(t.employmentTaxCredit.toString()).toBe('5528');
    expect(t.annualTax.toString()).toBe('9851');
  });

  it('taxes a wage inside a table row as the row: 4004.99 is the 4000.50 row, 4005.00 the next', () => {
    expect(nlWageTax(rules2026, new Money('4004.99'), 12, true).periodTax.toFixed(2)).toBe('820.92');
    expect(annualTableWage(rules2026, new Money('4005.00'), 12).toString()).toBe('48060');
  });

  it('divides by 13 for a four-weekly period, on the same annual formula', () => {
    // 3692.77 x 13 = 48006.01, the 48006 table wage of the monthly row 4000.50; the annual tax 9851 / 13.
    const t = nlWageTax(rules2026, new Money('3692.77'), 13, true);
    expect(t.annualTableWage.toString()).toBe('48006');
    expect(t.periodTax.toFixed(2)).toBe('757.77');
  });

  it('never withholds below zero when the credits exceed the tax', () => {
    expect(nlWageTax(rules2026, new Money('500.00'), 12, true).periodTax.toFixed(2)).toBe('0.00');
    expect(nlWageTax(rules2026, new Money('0'), 12, true).periodTax.toFixed(2)).toBe('0.00');
  });

  it('taxes a special reward at the white special-reward table rate for the annual wage', () => {
    // Witte tabel bijzondere beloningen 2026 (wit_bb_nl_std_20260101.pdf), below AOW age, annual wage
    // 45,593 up to 78,426: 37.56% without, 37.56% + 12.91% = 50.47% with the loonheffingskorting.
    const reward = new Money('3840.00');
    expect(nlSpecialRewardTax(rules2026, reward, new Money('51840'), true).tax.toFixed(2)).toBe('1938.05');
    expect(nlSpecialRewardTax(rules2026, reward, new Money('51840'), false).tax.toFixed(2)).toBe('1442.30');
    // Below 11,358 the credits exceed the tax: 0% with the loonheffingskorting, 35.75% without.
    expect(nlSpecialRewardTax(rules2026, reward, new Money('11357'), true).tax.toFixed(2)).toBe('0.00');
    expect(nlSpecialRewardTax(rules2026, reward, new Money('11358'), true).rate.toString()).toBe('0.2743');
  });

  it('refuses January 2027 naming each figure that has no public 2027 source', () => {
    const refusal = (() => {
      try {
        periodRules(packs, 'NL', '2027-01');
      } catch (error) {
        return (error as Error).message;
      }
      return 'not refused';
    })();
    expect(refusal).toMatch(/^payroll period 2027-01 has no NL rules/);
    expect(refusal).toContain('wageTax.bracket1Rate (no final 2027 figure found in a public source');
    expect(refusal).toContain('commutingAllowance.taxFreePerKm (no 2027 tax-free amount');
    expect(refusal).toContain('specialReward.rateWithCredit (no 2027 white special-reward table');
    expect(refusal).not.toContain('holidayAllowance.minimumRate');
    // The statutory holiday allowance and leave are law in force, not yearly figures: they carry on.
    expect(
      rulesOn(packs.get('NL')!, '2027-01-31').get('holidayAllowance.minimumRate')?.value.toString(),
    ).toBe('0.08');
  });
});
