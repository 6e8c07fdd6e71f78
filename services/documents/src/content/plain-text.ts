/** A file beyond what extraction takes on: its document is kept, searchable by title and tags. */
export class TooComplex extends Error {
  constructor(readonly limit: string) {
    super(`too complex to extract: ${limit}`);
  }
}

/** Bound on what is indexed per document: Postgres refuses tsvectors over 1 MB. */
export const MAX_INDEXED_CHARS = 100_000;

// The headline markers (\u0001, \u0002) must never occur in indexed text; nor may NUL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Text as the index keeps it: no control characters, at most MAX_INDEXED_CHARS. */
export function indexable(text: string, maxChars = MAX_INDEXED_CHARS): string {
  return text.slice(0, maxChars).replace(CONTROLS, ' ');
}

const isSpace = (c: number) =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;

/**
 * Each run of whitespace as one space, or one newline when the run holds a line break; trimmed.
 * One pass over the text: a regular expression such as `\s*\n\s*` backtracks over every long run of
 * spaces without a newline, quadratic in its length.
 */
export function collapseWhitespace(text: string): string {
  let out = '';
  let from = 0;
  let inRun = false;
  let line = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (!inRun) {
        out += text.slice(from, i);
        inRun = true;
        line = false;
      }
      if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) line = true;
    } else if (inRun) {
      if (out.length > 0) out += line ? '\n' : ' ';
      inRun = false;
      from = i;
    }
  }
  return inRun ? out : out + text.slice(from);
}

/**
 * Collects text up to a bound; past it, `full` is true and more is ignored. Twice the bound is kept
 * before whitespace is collapsed, so indentation does not eat into what is indexed.
 */
export interface TextSink {
  push(text: string): void;
  readonly full: boolean;
  /** The collected text, whitespace collapsed, at most the bound. */
  text(): string;
}

export function textSink(maxChars: number): TextSink {
  const parts: string[] = [];
  const kept = 2 * maxChars;
  let length = 0;
  let endsIn: 'line' | 'space' | 'text' = 'line';
  return {
    push(pushed) {
      if (length >= kept || pushed.length === 0) return;
      let text = pushed;
      // Runs of breaks (200,000 nested <div>) collapse to one anyway: they must not fill the sink.
      if (text.trim() === '') {
        const line = text.includes('\n');
        if (endsIn === 'line' || (endsIn === 'space' && !line)) return;
        text = line ? '\n' : ' ';
        endsIn = line ? 'line' : 'space';
      } else endsIn = isSpace(text.charCodeAt(text.length - 1)) ? 'space' : 'text';
      const part = text.length > kept - length ? text.slice(0, kept - length) : text;
      parts.push(part);
      length += part.length;
    },
    get full() {
      return length >= kept;
    },
    text: () => collapseWhitespace(parts.join('')).slice(0, maxChars),
  };
}
