/**
 * Event subjects written as literals outside libs/events, where they can drift from the contracts. A
 * subject is `backoffice.` followed by a wildcard or by at least two more tokens (`backoffice.>`,
 * `backoffice.hr.employee.hired`, `backoffice.documents.legal_hold.*`), or by an interpolation
 * (`backoffice.${service}.>`). One token (`backoffice.token`, a storage key; `backoffice.service`, a
 * span attribute), an underscore-prefixed control subject (`_backoffice.replay.hr`), a host name
 * (`@backoffice.example`) or a metric (`backoffice_events_refused`) is not one. Comments may name
 * events as examples.
 */
const SUBJECT = /(?<![\w@/.$-])backoffice\.(?:[>*]|\$\{|[a-z_*]+\.(?:[a-z_*>]|\$\{))/g;

/** Where the contracts live: the one place literal subjects belong. */
export const CONTRACTS_DIR = 'libs/events/';

/**
 * Kept on purpose, each with its reason: text a user sees (an example in the console, which does not
 * load the contracts), and the checker's own test, which plants literals to be found.
 */
export const ALLOWED: Readonly<Record<string, string>> = {
  'apps/console/src/screens/Compliance.tsx':
    "the audit trail filter's placeholder shows an event type as an example (the console does not bundle the contracts)",
  'scripts/check-events.test.ts': 'plants literal subjects for the checker to find',
};

export interface LiteralSubject {
  file: string;
  line: number;
  text: string;
}

export function literalSubjects(file: string, source: string): LiteralSubject[] {
  if (file.startsWith(CONTRACTS_DIR) || file in ALLOWED) return [];
  if (!/\.(ts|tsx|mjs)$/.test(file)) return [];
  const found: LiteralSubject[] = [];
  for (const [i, text] of source.split('\n').entries()) {
    // Prose may name an event (a comment's example); code may not.
    const code = /^\s*(\*|\/\*|\/\/)/.test(text) ? '' : text.replace(/\s\/\/\s.*$/, '');
    SUBJECT.lastIndex = 0;
    if (SUBJECT.test(code)) found.push({ file, line: i + 1, text: text.trim() });
  }
  return found;
}
