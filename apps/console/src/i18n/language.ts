import { type Messages, SCREEN_TEXTS } from './catalogue.js';
import { en } from './en.js';
import { nl } from './nl.js';

/** The console's languages, the locale each formats dates and amounts in, and which one a user sees. */
export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

export const CATALOGUES: Record<Language, Messages> = {
  nl: { ...nl, ...SCREEN_TEXTS.nl },
  en: { ...en, ...SCREEN_TEXTS.en },
};
/** Dutch as written in the Netherlands; English with day-month dates (en-GB), as Dutch colleagues read it. */
export const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
/** Each language named in itself, so a user who cannot read the current one still finds their own. */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

/** localStorage key of the user's own choice (the switch in the header). */
export const LANGUAGE_KEY = 'backoffice.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

/** Countries whose companies get the console in Dutch unless a user chooses otherwise. */
const DUTCH_COUNTRIES = new Set(['NL']);

/** The user's remembered choice wins; otherwise Dutch for a Dutch company, English for everyone else. */
export function initialLanguage(stored: string | null, country: string | null): Language {
  if (isLanguage(stored)) return stored;
  return country && DUTCH_COUNTRIES.has(country.toUpperCase()) ? 'nl' : 'en';
}
