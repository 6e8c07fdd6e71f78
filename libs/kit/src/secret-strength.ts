/**
 * Whether a secret is fit to guard production: long enough, not a value anyone can read in this
 * repository, its docs or its examples, and not typed by a person. A generated value
 * (`openssl rand -base64 48`) passes; `change-me-...`, the dev keys, a phrase of words, or a
 * keyboard run does not. The checks are crude on purpose: they catch the secrets people actually
 * deploy by mistake, and a random value never trips them.
 */

/** Values published in this repository (examples, docs, tests, the dev keys): known to every reader. */
export const KNOWN_PLACEHOLDER_SECRETS: readonly string[] = [
  'dev-internal-signing-key-not-for-production',
  'dev-jwt-secret-not-for-production',
  'change-me-at-least-32-random-characters',
  'change-me',
  'changeme',
  'the-old-key',
  'secret',
  'password',
];

/**
 * Words that mark a value as written for a document or a test. None of them is likely in a random
 * base64 or hex value (a 4-letter word in 64 random base64 characters: about 1 in 17,000).
 */
const PLACEHOLDER_WORDS = [
  'change',
  'example',
  'placeholder',
  'production',
  'secret',
  'password',
  'passwd',
  'signing-key',
  'test',
  'sample',
  'default',
  'your',
  'todo',
  'fixme',
  'xxxx',
  'backoffice',
];

/** Bits a random value of 32 bytes clears easily, and a short alphabet or a repeated pattern does not. */
const MIN_ESTIMATED_BITS = 128;
const MIN_CHARACTER_CLASSES = 2;
/** Characters in one steady run (aaaa, abcd, 9876): a random value almost never has 8. */
const MAX_STEADY_RUN = 7;

/** Why `value` is too weak for production, or null when it is fit. `name` is for the message. */
export function weakSecretReason(name: string, value: string, minBytes = 32): string | null {
  const advice = `generate one with \`openssl rand -base64 48\``;
  if (Buffer.byteLength(value, 'utf8') < minBytes)
    return `${name}: use at least ${minBytes} bytes in production; ${advice}`;
  const lower = value.toLowerCase();
  if (KNOWN_PLACEHOLDER_SECRETS.includes(lower))
    return `${name}: this value is published in the repository (an example or a dev key); ${advice}`;
  const word = PLACEHOLDER_WORDS.find((w) => containsPlaceholder(lower, w));
  if (word) return `${name}: looks like a placeholder (contains "${word}"); ${advice}`;
  if (characterClasses(value) < MIN_CHARACTER_CLASSES)
    return `${name}: a value of one character class (only letters, only digits) is not random; ${advice}`;
  if (longestSteadyRun(value) > MAX_STEADY_RUN)
    return `${name}: contains a run of repeated or consecutive characters; ${advice}`;
  if (estimatedBits(value) < MIN_ESTIMATED_BITS)
    return `${name}: too few distinct characters to be random (under ${MIN_ESTIMATED_BITS} bits); ${advice}`;
  return null;
}

/**
 * Whether `lower` holds the placeholder word. Words of five letters or more count anywhere; a random
 * value almost never spells one. A shorter word (test, your, todo, xxxx) counts only standing apart
 * (a string edge or a character that is not a letter or digit on each side): about 1 in 4,000
 * generated base64 secrets spells one of them by chance, and refusing those at random was a flaky
 * test and would be a mystery to an operator.
 */
function containsPlaceholder(lower: string, word: string): boolean {
  if (word.length >= 5) return lower.includes(word);
  const alnum = /[a-z0-9]/;
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
    const before = lower[at - 1];
    const after = lower[at + word.length];
    if ((before === undefined || !alnum.test(before)) && (after === undefined || !alnum.test(after)))
      return true;
  }
  return false;
}

/** Lower case, upper case, digits, other. */
export function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value)).length;
}

/** The Shannon entropy of the value's own character frequencies, times its length. */
export function estimatedBits(value: string): number {
  const chars = [...value];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** The longest stretch whose characters step by the same -1, 0 or +1 (aaaa, abcd, 4321). */
export function longestSteadyRun(value: string): number {
  const codes = [...value].map((c) => c.codePointAt(0) as number);
  let longest = codes.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < codes.length; i++) {
    const step = codes[i] - codes[i - 1];
    const steady = Math.abs(step) <= 1 && (run === 1 || step === codes[i - 1] - codes[i - 2]);
    run = steady ? run + 1 : Math.abs(step) <= 1 ? 2 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}
