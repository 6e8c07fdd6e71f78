import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { type EnumGroup, enumKey, type Translate, translator } from './catalogue';
import { type Described, describeFailure } from './errors';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMoney,
  formatMonth,
  formatShortDate,
  parseAmountInput,
} from './format';
import {
  CATALOGUES,
  initialLanguage,
  LANGUAGE_KEY,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Language,
  LOCALES,
} from './language';

/** What a screen needs to speak the user's language: t() and the formats, all in the active locale. */
export interface I18n {
  language: Language;
  locale: string;
  setLanguage(language: Language): void;
  t: Translate;
  /** A Decimal string as money (EUR unless said otherwise). */
  money(amount: string, currency?: string): string;
  /** A Decimal string or a count with the locale's separators. */
  decimal(value: string | number, minimumFractionDigits?: number): string;
  /** `YYYY-MM-DD` in words, an ISO instant with its time; `—` for none. */
  date(value: string | null | undefined): string;
  /** `YYYY-MM-DD` in figures, for tables. */
  shortDate(value: string): string;
  /** `YYYY-MM` as month and year. */
  month(period: string): string;
  /** A running clock in hours and minutes; null is a stopped clock. */
  minutes(minutes: number | null): string;
  /** A GraphQL enum value's label; a value the catalogue does not know is shown as is. */
  label(group: EnumGroup, value: string | null | undefined): string;
  failure(error: unknown): Described;
  /** What the user typed as an amount, as a Decimal string ('' for empty, null when not an amount). */
  amountInput(text: string): string | null;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function build(language: Language, setLanguage: (language: Language) => void): I18n {
  const locale = LOCALES[language];
  const t = translator(CATALOGUES[language], locale);
  return {
    language,
    locale,
    setLanguage,
    t,
    money: (amount, currency = 'EUR') => formatMoney(amount, currency, locale),
    decimal: (value, minimum) => formatDecimal(String(value), locale, minimum),
    date: (value) =>
      !value ? '—' : value.length <= 10 ? formatDate(value, locale) : formatDateTime(value, locale),
    shortDate: (value) => formatShortDate(value, locale),
    month: (period) => formatMonth(period, locale),
    minutes: (minutes) => {
      if (minutes === null) return t('common.clockStopped');
      const abs = Math.abs(minutes);
      return t('common.hoursMinutes', {
        sign: minutes < 0 ? '-' : '',
        hours: String(Math.floor(abs / 60)),
        minutes: String(abs % 60).padStart(2, '0'),
      });
    },
    label: (group, value) => {
      if (!value) return '—';
      const key = enumKey(group, value);
      return key ? t(key) : value;
    },
    failure: (error) => describeFailure(error, t),
    amountInput: (text) => parseAmountInput(text, locale),
  };
}

/**
 * The active language: the user's own choice (remembered in localStorage) or the company's default,
 * Dutch when the gateway says COUNTRY=NL. The page's `lang` follows it, for screen readers.
 */
export function I18nProvider({ country, children }: { country: string | null; children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => initialLanguage(storedLanguage(), country));
  const value = useMemo(
    () =>
      build(language, (next) => {
        try {
          localStorage.setItem(LANGUAGE_KEY, next);
        } catch {
          // Private mode without storage: the choice lasts for this page only.
        }
        setLanguageState(next);
      }),
    [language],
  );
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = value.t('app.title');
  }, [language, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}

/** The language switch: each language named in itself, so anyone finds their own. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language">
      {t('language.label')}{' '}
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
