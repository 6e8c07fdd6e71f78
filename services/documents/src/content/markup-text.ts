import { Tokenizer } from 'htmlparser2';
import { type TextSink, textSink } from './plain-text.js';

/** What a kind of markup shows as text: which elements hide their content, which break lines. */
export interface MarkupRules {
  xml: boolean;
  /** Elements whose content is never text (scripts, styles). */
  hidden?: ReadonlySet<string>;
  /** When set, only text inside these elements counts (e.g. `w:t` in a Word document). */
  textIn?: ReadonlySet<string>;
  /** Elements that end a line where they open or close. */
  breaks: ReadonlySet<string>;
}

export const HTML: MarkupRules = {
  xml: false,
  hidden: new Set(['script', 'style', 'noscript', 'template']),
  breaks: new Set([
    'p',
    'div',
    'br',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'tr',
    'td',
    'th',
    'section',
    'article',
  ]),
};

/**
 * Text of HTML or XML through htmlparser2's tokenizer, fed chunk by chunk. The tokenizer alone, not
 * its Parser: the Parser keeps open elements with `Array.unshift`, quadratic in the nesting depth
 * (200,000 nested `<div>` took 37 s), where this keeps one counter. Linear in the input; `write`
 * answers false once the sink is full, and the caller stops feeding.
 */
export function markupText(rules: MarkupRules, maxChars: number) {
  const sink: TextSink = textSink(maxChars);
  // The tokenizer reports positions in everything written so far; chunks are kept until passed.
  const chunks: string[] = [];
  let dropped = 0; // characters in chunks already let go
  const release = (start: number) => {
    while (chunks.length > 1 && start - dropped >= chunks[0].length) dropped += chunks.shift()?.length ?? 0;
  };
  const slice = (start: number, end: number): string => {
    release(start);
    let out = '';
    let at = dropped;
    for (const chunk of chunks) {
      const from = Math.max(start - at, 0);
      const to = Math.min(end - at, chunk.length);
      if (from < to) out += chunk.slice(from, to);
      at += chunk.length;
      if (at >= end) break;
    }
    return out;
  };
  let opened = '';
  let hidden = 0; // depth inside hidden elements
  let inside = 0; // depth inside `textIn` elements
  const nameOf = (start: number, end: number) =>
    // A name longer than any element we know is none of them; never lower-case megabytes.
    end - start > 40 ? '' : rules.xml ? slice(start, end) : slice(start, end).toLowerCase();
  const visible = () => hidden === 0 && (!rules.textIn || inside > 0);
  const tokenizer = new Tokenizer(
    { xmlMode: rules.xml, decodeEntities: true },
    {
      onopentagname: (start, end) => {
        opened = nameOf(start, end);
      },
      onopentagend: () => {
        if (rules.hidden?.has(opened)) hidden++;
        if (rules.textIn?.has(opened)) inside++;
        if (rules.breaks.has(opened)) sink.push('\n');
      },
      onselfclosingtag: () => {
        if (rules.breaks.has(opened)) sink.push('\n');
      },
      onclosetag: (start, end) => {
        const name = nameOf(start, end);
        if (hidden > 0 && rules.hidden?.has(name)) hidden--;
        if (inside > 0 && rules.textIn?.has(name)) inside--;
        if (rules.breaks.has(name)) sink.push('\n');
        else if (rules.textIn?.has(name)) sink.push(' ');
      },
      ontext: (start, end) => (visible() ? sink.push(slice(start, end)) : release(end)),
      ontextentity: (codepoint) => {
        if (visible()) sink.push(String.fromCodePoint(codepoint));
      },
      oncdata: (start, end, offset) => (visible() ? sink.push(slice(start, end - offset)) : release(end)),
      onattribdata: (_start, end) => release(end),
      onattribentity: () => undefined,
      onattribend: (_quote, end) => release(end),
      onattribname: (_start, end) => release(end),
      oncomment: (_start, end) => release(end),
      ondeclaration: (_start, end) => release(end),
      onprocessinginstruction: (_start, end) => release(end),
      onend: () => undefined,
    },
  );
  return {
    write(chunk: string): boolean {
      if (sink.full) return false;
      chunks.push(chunk);
      tokenizer.write(chunk);
      return !sink.full;
    },
    end(): string {
      if (!sink.full) tokenizer.end();
      return sink.text();
    },
  };
}

/** Visible text of an HTML page: scripts, styles and templates dropped, entities decoded. */
export function htmlText(html: string, maxChars: number): string {
  const markup = markupText(HTML, maxChars);
  const STEP = 64 * 1024;
  for (let i = 0; i < html.length; i += STEP) if (!markup.write(html.slice(i, i + STEP))) break;
  return markup.end();
}
