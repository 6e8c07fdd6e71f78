import { describe, expect, it } from 'vitest';
import { enumKey, placeholdersOf, translator } from '../../apps/console/src/i18n/catalogue.js';
import { en } from '../../apps/console/src/i18n/en.js';
import { describeFailure } from '../../apps/console/src/i18n/errors.js';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMoney,
  formatMonth,
  formatShortDate,
  parseAmountInput,
} from '../../apps/console/src/i18n/format.js';
import { CATALOGUES, initialLanguage, LOCALES } from '../../apps/console/src/i18n/language.js';
import { nl } from '../../apps/console/src/i18n/nl.js';

/**
 * The console's catalogue and formats. The type system already refuses a Dutch catalogue with a key
 * missing or extra (nl.ts is typed by en.ts's keys); these check what types cannot see: the same
 * placeholders and plural forms in both languages, and dates and amounts as each locale writes them.
 */
const NBSP = '\u00a0';
const nlT = translator(nl, LOCALES.nl);
const enT = translator(en, LOCALES.en);

describe('the message catalogue', () => {
  it('has the same keys in Dutch and English, each filled in with the same placeholders', () => {
    // The catalogues as the console runs them: en.ts and nl.ts with every screen's own text modules.
    const [english, dutch] = [
      CATALOGUES.en as Record<string, unknown>,
      CATALOGUES.nl as Record<string, unknown>,
    ];
    expect(Object.keys(dutch).sort()).toEqual(Object.keys(english).sort());
    expect(Object.keys(english).length).toBeGreaterThan(Object.keys(en).length);
    const mismatched = Object.keys(english).filter((key) => {
      const [e, d] = [english[key], dutch[key]] as [
        Parameters<typeof placeholdersOf>[0],
        Parameters<typeof placeholdersOf>[0],
      ];
      return (
        placeholdersOf(e).join() !== placeholdersOf(d).join() ||
        typeof e !== typeof d ||
        (typeof e === 'object' && 'zero' in e) !== (typeof d === 'object' && 'zero' in d)
      );
    });
    expect(mismatched).toEqual([]);
    // No message left empty or untranslated by accident where the words differ.
    expect(Object.entries(dutch).filter(([, m]) => typeof m === 'string' && m.trim() === '')).toEqual([]);
    expect(nl['login.title']).not.toBe(en['login.title']);
  });

  it("interpolates and picks plural forms by the language's rules", () => {
    expect(nlT('people.count', { count: 0 })).toBe('Geen medewerkers');
    expect(nlT('people.count', { count: 1 })).toBe('1 medewerker');
    expect(nlT('people.count', { count: 1234 })).toBe('1.234 medewerkers');
    expect(enT('people.count', { count: 1234 })).toBe('1,234 employees');
    expect(enT('ledger.pendingEntries', { count: 1 })).toBe('1 entry pending approval');
    expect(nlT('ledger.pendingEntries', { count: 2 })).toBe('2 boekingen wachten op goedkeuring');
    expect(nlT('common.days', { count: 1.5 })).toBe('1,5 dagen');
    // Numbers other than the count stay as given: a year is never grouped.
    expect(nlT('employee.entitled', { year: 2026 })).toBe('Recht (2026)');
    expect(enT('employee.since', { date: '3 December 2026' })).toBe('since 3 December 2026');
  });

  it('translates the enum values it knows and leaves others to be shown as they are', () => {
    const key = enumKey('TicketStatus', 'WAITING_ON_REQUESTER');
    expect(key && nlT(key)).toBe('Wacht op aanvrager');
    expect(key && enT(key)).toBe('Waiting on requester');
    expect(enumKey('TicketStatus', 'SOMETHING_NEW')).toBeNull();
  });

  it("defaults to Dutch for a Dutch company, English otherwise, and the user's choice wins", () => {
    expect(initialLanguage(null, 'NL')).toBe('nl');
    expect(initialLanguage(null, 'nl')).toBe('nl');
    expect(initialLanguage(null, 'DE')).toBe('en');
    expect(initialLanguage(null, null)).toBe('en');
    expect(initialLanguage('en', 'NL')).toBe('en');
    expect(initialLanguage('nl', 'GB')).toBe('nl');
    expect(initialLanguage('fr', 'NL')).toBe('nl');
    expect(Object.keys(CATALOGUES).sort()).toEqual(['en', 'nl']);
  });
});

describe('amounts', () => {
  it('writes euros the Dutch way and the English way', () => {
    expect(formatMoney('1234.56', 'EUR', LOCALES.nl)).toBe(`€${NBSP}1.234,56`);
    expect(formatMoney('1234.56', 'EUR', LOCALES.en)).toBe('€1,234.56');
    expect(formatMoney('5400', 'EUR', LOCALES.nl)).toBe(`€${NBSP}5.400,00`);
    expect(formatMoney('-0.50', 'EUR', LOCALES.nl)).toBe(`€${NBSP}-0,50`);
    expect(formatMoney('-0.50', 'EUR', LOCALES.en)).toBe('-€0.50');
    expect(formatMoney('1000000', 'USD', LOCALES.nl)).toBe(`US$${NBSP}1.000.000,00`);
  });

  it('keeps every digit of the Decimal string: no float on the way, no rounding', () => {
    // 2^53 + 1 cents: a float would print ...409.94 (and 0.1 + 0.2 would not be 0.30).
    expect(formatMoney('90071992547409.93', 'EUR', LOCALES.nl)).toBe(`€${NBSP}90.071.992.547.409,93`);
    expect(formatMoney('90071992547409.93', 'EUR', LOCALES.en)).toBe('€90,071,992,547,409.93');
    // More places than the currency has are shown, not rounded away (a unit price, a rate).
    expect(formatMoney('0.125', 'EUR', LOCALES.nl)).toBe(`€${NBSP}0,125`);
    expect(formatDecimal('36.50', LOCALES.nl)).toBe('36,50');
    expect(formatDecimal('1234567.8', LOCALES.en)).toBe('1,234,567.8');
    expect(formatDecimal('0.01', LOCALES.nl, 2)).toBe('0,01');
    // Not a decimal: shown as it came, never as NaN.
    expect(formatMoney('n/a', 'EUR', LOCALES.nl)).toBe('EUR n/a');
  });

  it('reads amounts as users type them in their language', () => {
    expect(parseAmountInput('1.234,56', LOCALES.nl)).toBe('1234.56');
    expect(parseAmountInput('5400,00', LOCALES.nl)).toBe('5400.00');
    expect(parseAmountInput('5400.00', LOCALES.nl)).toBe('5400.00');
    expect(parseAmountInput('1,234.56', LOCALES.en)).toBe('1234.56');
    expect(parseAmountInput('15000.00', LOCALES.en)).toBe('15000.00');
    expect(parseAmountInput(' ', LOCALES.en)).toBe('');
    expect(parseAmountInput('12,5', LOCALES.en)).toBeNull();
    expect(parseAmountInput('twelve', LOCALES.nl)).toBeNull();
  });
});

describe('dates', () => {
  it('writes a calendar date in words and in figures, the same day in every time zone', () => {
    expect(formatDate('2026-12-03', LOCALES.nl)).toBe('3 december 2026');
    expect(formatDate('2026-12-03', LOCALES.en)).toBe('3 December 2026');
    expect(formatShortDate('2026-12-03', LOCALES.nl)).toBe('03-12-2026');
    expect(formatShortDate('2026-12-03', LOCALES.en)).toBe('03/12/2026');
    expect(formatMonth('2026-05', LOCALES.nl)).toBe('mei 2026');
    expect(formatMonth('2026-05', LOCALES.en)).toBe('May 2026');
    expect(formatDate('not a date', LOCALES.nl)).toBe('not a date');
  });

  it('writes an instant in the given time zone', () => {
    // 13:05 UTC is 14:05 in Amsterdam in winter.
    expect(formatDateTime('2026-12-03T13:05:00Z', LOCALES.nl, 'Europe/Amsterdam')).toBe('3 dec 2026, 14:05');
    expect(formatDateTime('2026-12-03T13:05:00Z', LOCALES.en, 'Europe/Amsterdam')).toBe('3 Dec 2026, 14:05');
  });
});

describe('errors shown to users', () => {
  const failure = (message: string, code?: string) => Object.assign(new Error(message), { code });

  it('translates the contract codes and keeps the server message as the detail', () => {
    const bad = failure('monthlySalary: expected a decimal with at most 2 places', 'BAD_USER_INPUT');
    expect(describeFailure(bad, nlT)).toEqual({
      message: 'De invoer is niet geaccepteerd.',
      detail: 'monthlySalary: expected a decimal with at most 2 places',
    });
    expect(describeFailure(bad, enT).message).toBe('The input was not accepted.');
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']) {
      const nlText = describeFailure(failure('x', code), nlT).message;
      const enText = describeFailure(failure('x', code), enT).message;
      expect(nlText).not.toBe(enText);
      expect(nlText).not.toBe(nlT('error.UNKNOWN'));
    }
    // A lost sign-in says what to do; the English server text would add nothing.
    expect(describeFailure(failure('missing or invalid token', 'UNAUTHENTICATED'), nlT)).toEqual({
      message: 'Je aanmelding ontbreekt of is verlopen; meld je opnieuw aan.',
      detail: null,
    });
  });

  it('falls back to a general message with the code for codes it does not know', () => {
    expect(describeFailure(failure('boom', 'INTERNAL_SERVER_ERROR'), nlT)).toEqual({
      message: 'Er is iets misgegaan.',
      detail: 'boom (INTERNAL_SERVER_ERROR)',
    });
    expect(describeFailure('Kies eerst een bestand.', nlT)).toEqual({
      message: 'Kies eerst een bestand.',
      detail: null,
    });
  });
});
