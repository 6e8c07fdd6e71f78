import { en } from './en.js';
import { catalog as catalogEn } from './en/catalog.js';
import { leave as leaveEn } from './en/leave.js';
import { desk as deskEn } from './en/desk.js';
import { holds as holdsEn } from './en/holds.js';
import { payroll as payrollEn } from './en/payroll.js';
import { reports as reportsEn } from './en/reports.js';
import { workplace as workplaceEn } from './en/workplace.js';
import { catalog as catalogNl } from './nl/catalog.js';
import { desk as deskNl } from './nl/desk.js';
import { holds as holdsNl } from './nl/holds.js';
import { leave as leaveNl } from './nl/leave.js';
import { payroll as payrollNl } from './nl/payroll.js';
import { reports as reportsNl } from './nl/reports.js';
import { workplace as workplaceNl } from './nl/workplace.js';

/**
 * The message catalogue's types and t(). en.ts is the source of the keys and of each message's
 * parameters, so `t('people.count', { count: 3 })` is checked: an unknown key, a missing parameter or
 * a parameter the message does not use is a type error. Pure code: the tests load it in Node.
 */

/** A message chosen by `count`: the language's plural rule picks `one` or `other`; `zero` when given. */
export interface PluralMessage {
  readonly zero?: string;
  readonly one: string;
  readonly other: string;
}
export type Message = string | PluralMessage;

/**
 * Screens added since en.ts filled up keep their texts in modules of their own (en/<screen>.ts, with
 * nl/<screen>.ts typed by it); these are merged here, so their keys are message keys like any other.
 */
export const SCREEN_TEXTS = {
  en: { ...payrollEn, ...leaveEn, ...reportsEn, ...deskEn, ...holdsEn, ...workplaceEn, ...catalogEn },
  nl: { ...payrollNl, ...leaveNl, ...reportsNl, ...deskNl, ...holdsNl, ...workplaceNl, ...catalogNl },
} as const;

const english = { ...en, ...SCREEN_TEXTS.en };
type English = typeof en &
  typeof payrollEn &
  typeof leaveEn &
  typeof reportsEn &
  typeof deskEn &
  typeof holdsEn &
  typeof workplaceEn &
  typeof catalogEn;
export type MessageKey = keyof English;

/** The texts of an English module's keys, each a plain text or (where English has one) a plural set. */
export type CatalogueOf<E> = {
  readonly [K in keyof E]: E[K] extends string ? string : PluralMessage;
};
/** Every key of en.ts (what nl.ts must have). */
export type Catalogue = CatalogueOf<typeof en>;
/** Every message of a language: en.ts's keys and the screen modules'. */
export type Messages = CatalogueOf<English>;

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type Texts<M> = M extends PluralMessage ? M['one'] | M['other'] : M;
type Params<K extends MessageKey> = {
  [P in
    | Placeholders<Texts<English[K]>>
    | (English[K] extends PluralMessage ? 'count' : never)]: P extends 'count' ? number : string | number;
};
/** No second argument for a message without parameters; the exact parameters otherwise. */
export type ArgsOf<K extends MessageKey> = keyof Params<K> extends never ? [] : [params: Params<K>];

/** The keys of messages without parameters (what a lookup table of codes or enum values may hold). */
export type PlainKey = { [K in MessageKey]: ArgsOf<K> extends [] ? K : never }[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...args: ArgsOf<K>) => string;

/** The placeholders a text uses, for the test that both languages fill in the same ones. */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : [message.one, message.other, message.zero ?? ''];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
}

/**
 * t() over a language's messages. The console passes every message (language.ts: typed `Messages`, so
 * a missing key fails there); en.ts's part alone is accepted for tests of it, and shows a screen
 * module's key as the key itself.
 */
export function translator(catalogue: Catalogue | Messages, locale: string): Translate {
  const plural = new Intl.PluralRules(locale);
  const counts = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (key, ...args) => {
    const params: Record<string, string | number> = args[0] ?? {};
    const message: Message | undefined = (catalogue as Partial<Messages>)[key];
    if (message === undefined) return key;
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = Number(params.count);
      text =
        count === 0 && message.zero !== undefined
          ? message.zero
          : plural.select(count) === 'one'
            ? message.one
            : message.other;
    }
    // Only the count is a number to format (1.234 medewerkers); years, versions and ids stay as given.
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return name === 'count' && typeof value === 'number' ? counts.format(value) : String(value);
    });
  };
}

type GroupOf<K> = K extends `enum.${infer Group}.${string}` ? Group : never;
/** The GraphQL enums (and approval subjects) the catalogue translates. */
export type EnumGroup = GroupOf<MessageKey>;

/** The key of an enum value's label, or null for a value the catalogue does not know (shown as is). */
export function enumKey(group: EnumGroup, value: string): PlainKey | null {
  const key = `enum.${group}.${value}`;
  return key in english ? (key as PlainKey) : null;
}
