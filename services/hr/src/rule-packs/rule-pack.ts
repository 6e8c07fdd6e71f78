import fs from 'node:fs';
import path from 'node:path';
import { type DayNumber, fromDay, OPEN_END, parsePeriod, toDay, toEndDay } from '../contracts/calendar.js';
import { type Amount, parseAmount, ZERO } from '../payroll/money.js';
import { parseBracketTable, type WithholdingTable } from '../payroll/withholding.js';
import { badInput } from '@backoffice/kit/errors';

/**
 * Country rule packs: the amounts, rates and brackets a country's law sets, as data with the date each
 * applies from and the public page it comes from, so that a payslip line can be traced to its source and
 * next year's amounts are a reviewed data change, not a code change. A pack is switched on per company
 * (COUNTRY) and per employee (workCountry); a country without a pack keeps the generic rules.
 */
export type RuleKind = 'amount' | 'rate' | 'brackets';

export interface RuleSource {
  title: string;
  url: string;
}

/**
 * One version of one rule, valid from `validFrom` to `validTo` inclusive (null: until replaced). A version
 * may instead say what is `missing` (no public source for that year yet): a period that needs it is
 * refused with that text, so a year is never paid with last year's figure.
 */
export interface PackRule {
  rule: string;
  kind: RuleKind;
  missing?: string;
  /** Amounts and rates (decimal strings); for brackets, the table. */
  value: Amount | WithholdingTable;
  validFrom: string;
  validTo: string | null;
  source: RuleSource;
  from: DayNumber;
  to: DayNumber;
}

export interface RulePack {
  country: string;
  version: string;
  /** Every rule version, sorted by rule name and then validity. */
  rules: readonly PackRule[];
  /** The names of the rules the pack defines: each must have a version in force on any date it is used. */
  ruleNames: readonly string[];
}

const RULE_NAME = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/;

function text(value: unknown, field: string, max = 300): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max)
    throw badInput(`${field} must be a non-empty text of at most ${max} characters`, field);
  return value.trim();
}

function parseRule(raw: unknown, i: number): PackRule {
  const at = `rules[${i}]`;
  if (typeof raw !== 'object' || raw === null)
    throw badInput(`${at} must be { rule, kind, value, validFrom, validTo, source }`, at);
  const r = raw as Record<string, unknown>;
  const rule = text(r.rule, `${at}.rule`, 100);
  if (!RULE_NAME.test(rule))
    throw badInput(
      `${at}.rule "${rule}" must be a dotted name such as homeWorkingAllowance.taxFreePerDay`,
      `${at}.rule`,
    );
  const kind = r.kind as RuleKind;
  let value: Amount | WithholdingTable;
  const missing = r.missing === undefined ? undefined : text(r.missing, `${at}.missing`, 500);
  if (missing !== undefined) {
    if (r.value !== undefined)
      throw badInput(`rule ${rule}: a version is either a value or missing, not both`, `${at}.value`);
    if (!['amount', 'rate', 'brackets'].includes(kind))
      throw badInput(`rule ${rule}: kind must be amount, rate or brackets`, `${at}.kind`);
    value = ZERO;
  } else if (kind === 'amount' || kind === 'rate') {
    value = parseAmount(r.value, `${at}.value`);
    if (kind === 'rate' && value.greaterThan(1))
      throw badInput(`rule ${rule}: a rate is within [0, 1], got ${String(r.value)}`, `${at}.value`);
  } else if (kind === 'brackets') {
    try {
      value = parseBracketTable(r.value);
    } catch (error) {
      throw badInput(`rule ${rule}: ${(error as Error).message}`, `${at}.value`);
    }
  } else {
    throw badInput(`rule ${rule}: kind must be amount, rate or brackets`, `${at}.kind`);
  }
  const validFrom = r.validFrom as string;
  const validTo = (r.validTo ?? null) as string | null;
  const from = toDay(validFrom, `${at}.validFrom`);
  const to = toEndDay(validTo, `${at}.validTo`);
  if (to < from)
    throw badInput(`rule ${rule}: validTo ${validTo} is before validFrom ${validFrom}`, `${at}.validTo`);
  const source = (r.source ?? {}) as Record<string, unknown>;
  const url = text(source.url, `${at}.source.url`, 500);
  if (!/^https:\/\/\S+$/.test(url))
    throw badInput(
      `rule ${rule}: source.url must be the https address of the public source`,
      `${at}.source.url`,
    );
  return {
    rule,
    kind,
    ...(missing !== undefined ? { missing } : {}),
    value,
    validFrom,
    validTo,
    source: { title: text(source.title, `${at}.source.title`), url },
    from,
    to,
  };
}

/**
 * Validates a pack (JSON text or parsed): a country code, a version, and rules each with a kind, a value,
 * a validity and a source. Two versions of the same rule valid on the same day are BAD_USER_INPUT naming
 * the rule, since a payroll could not tell which applies.
 */
export function parseRulePack(json: unknown): RulePack {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw badInput(`the rule pack is not valid JSON: ${(e as Error).message}`, 'rulePack');
    }
  }
  const pack = (value ?? {}) as Record<string, unknown>;
  const country = typeof pack.country === 'string' ? pack.country : '';
  if (!/^[A-Z]{2}$/.test(country))
    throw badInput('a rule pack names its country as an ISO 3166 alpha-2 code such as NL', 'country');
  const version = text(pack.version, 'version', 50);
  if (!Array.isArray(pack.rules) || pack.rules.length === 0)
    throw badInput(`the ${country} rule pack has no rules`, 'rules');
  const rules = pack.rules
    .map((r, i) => ({ parsed: parseRule(r, i), index: i }))
    .sort((a, b) =>
      a.parsed.rule < b.parsed.rule ? -1 : a.parsed.rule > b.parsed.rule ? 1 : a.parsed.from - b.parsed.from,
    );
  for (let i = 1; i < rules.length; i++) {
    const previous = rules[i - 1].parsed;
    const next = rules[i].parsed;
    if (previous.rule !== next.rule) continue;
    if (previous.kind !== next.kind)
      throw badInput(
        `rule ${next.rule} is a ${previous.kind} in one version and a ${next.kind} in another`,
        `rules[${rules[i].index}].kind`,
      );
    if (previous.to >= next.from) {
      const until = previous.to === OPEN_END ? 'open-ended' : `until ${previous.validTo}`;
      throw badInput(
        `rule ${next.rule} of the ${country} rule pack has overlapping validity: the version from ${previous.validFrom} (${until}) is still valid when the one from ${next.validFrom} starts`,
        `rules[${rules[i].index}].validFrom`,
      );
    }
  }
  const sorted = rules.map((r) => r.parsed);
  return { country, version, rules: sorted, ruleNames: [...new Set(sorted.map((r) => r.rule))] };
}

/** The packs shipped with the project (one `xx.json` per country beside this file), by country. */
export function loadRulePacks(dir = import.meta.dirname): ReadonlyMap<string, RulePack> {
  const packs = new Map<string, RulePack>();
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => /^[a-z]{2}\.json$/.test(f))
    .sort()) {
    const pack = parseRulePack(fs.readFileSync(path.join(dir, file), 'utf8'));
    packs.set(pack.country, pack);
  }
  return packs;
}

/** The versions of a pack's rules in force on one day, with the day and pack they came from. */
export interface RulesOn {
  country: string;
  version: string;
  date: string;
  get(rule: string): PackRule | undefined;
  /** Why a rule has no value on this day, when its pack says so (no public source yet). */
  missing(rule: string): string | undefined;
}

export function rulesOn(pack: RulePack, date: string): RulesOn {
  const day = toDay(date);
  const inForce = new Map<string, PackRule>();
  const missing = new Map<string, string>();
  for (const rule of pack.rules) {
    if (rule.from > day || day > rule.to) continue;
    if (rule.missing !== undefined) missing.set(rule.rule, rule.missing);
    else inForce.set(rule.rule, rule);
  }
  return {
    country: pack.country,
    version: pack.version,
    date,
    get: (name) => inForce.get(name),
    missing: (name) => missing.get(name),
  };
}

/**
 * The rules of a payroll period 'YYYY-MM' for a country: those in force on the period's last day (when
 * the wage is paid), so a rate changing on 1 January applies from the January payroll on. Null when the
 * country has no pack (generic rules). A pack without a version of one of its rules for that date is
 * BAD_USER_INPUT naming the period and country: last year's tax-free amounts are never used silently.
 */
export function periodRules(
  packs: ReadonlyMap<string, RulePack>,
  country: string,
  period: string,
): RulesOn | null {
  const pack = packs.get(country);
  if (!pack) return null;
  const date = fromDay(parsePeriod(period).lastDay);
  const rules = rulesOn(pack, date);
  // A rule the pack took up later than its start (the NL wage tax, from 2026) is needed from its first
  // version on: earlier periods keep the generic rules; any later year without a figure is refused.
  const day = toDay(date);
  const start = Math.min(...pack.rules.map((v) => v.from));
  const firstOf = (name: string) => Math.min(...pack.rules.filter((v) => v.rule === name).map((v) => v.from));
  const missing = pack.ruleNames.filter((name) => {
    if (rules.get(name)) return false;
    const first = firstOf(name);
    return first === start || first <= day;
  });
  if (missing.length > 0) {
    const why = missing.map((name) => {
      const reason = rules.missing(name);
      return reason ? `${name} (${reason})` : name;
    });
    throw badInput(
      `payroll period ${period} has no ${country} rules (rule pack ${pack.version} lacks ${why.join('; ')} on ${date}); add the ${period.slice(0, 4)} rules to the ${country} pack`,
      'period',
    );
  }
  return rules;
}

/** An amount or rate rule's value; a missing rule is BAD_USER_INPUT naming it. */
export function ruleAmount(rules: RulesOn, name: string): Amount {
  const rule = rules.get(name);
  if (!rule || rule.kind === 'brackets')
    throw badInput(`the ${rules.country} rules on ${rules.date} have no amount ${name}`, 'period');
  return rule.value as Amount;
}

/** "2.45 (Belastingdienst, Handboek Loonheffingen 2026 ...)": a value with its source, for payslip lines. */
export function cite(rules: RulesOn, name: string): string {
  const rule = rules.get(name);
  return rule ? `${rule.source.title}, ${rule.source.url}` : name;
}
