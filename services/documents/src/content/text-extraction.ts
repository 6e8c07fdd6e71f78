import type { AcceptedType } from './mime.js';
import { extractPdfText } from './pdf-text.js';

/** Bound on what is indexed per document: Postgres refuses tsvectors over 1 MB. */
export const MAX_INDEXED_CHARS = 100_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML page: scripts, styles and comments dropped, tags removed, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(p|div|br|li|h[1-6]|tr|td|th|section|article)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/**
 * The text a search should find a document by, or '' when there is none we can read (images, Office
 * files, PDFs whose text we cannot decode): the title and tags are indexed in any case.
 */
export function extractText(type: AcceptedType, bytes: Buffer): string {
  let text = '';
  try {
    if (type === 'application/pdf') text = extractPdfText(bytes, MAX_INDEXED_CHARS);
    else if (type === 'text/html') text = htmlText(bytes.toString('utf8'));
    else if (type.startsWith('text/')) text = bytes.toString('utf8');
  } catch {
    text = '';
  }
  // The headline markers (\u0001, \u0002) must never occur in indexed text; nor may NUL.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ').slice(0, MAX_INDEXED_CHARS);
}
