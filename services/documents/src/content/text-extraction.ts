import { htmlText } from './markup-text.js';
import { isOoxml, ooxmlText } from './ooxml.js';
import { pdfText } from './pdf.js';
import { MAX_INDEXED_CHARS, indexable } from './plain-text.js';

export { MAX_INDEXED_CHARS, TooComplex } from './plain-text.js';

/** Types whose words we read; the others (images) are found by title and tags alone. */
export const hasReadableText = (type: string): boolean =>
  type === 'application/pdf' || isOoxml(type) || type.startsWith('text/');

/**
 * The text a search should find a document by. Runs in an extraction worker, never on a request:
 * the parsers are bounded in output here and in time and memory by the pool. Throws TooComplex for
 * a file past a limit, and whatever the parser throws for one it cannot read.
 */
export async function extractText(
  type: string,
  bytes: Buffer,
  maxChars = MAX_INDEXED_CHARS,
): Promise<string> {
  let text = '';
  if (type === 'application/pdf') text = await pdfText(new Uint8Array(bytes), maxChars);
  else if (isOoxml(type)) text = await ooxmlText(type, bytes, maxChars);
  else if (type === 'text/html') text = htmlText(bytes.toString('utf8'), maxChars);
  // A character takes at most 4 bytes in UTF-8: what the index keeps is in the first 4 * maxChars.
  else if (type.startsWith('text/')) text = bytes.subarray(0, 4 * maxChars).toString('utf8');
  return indexable(text, maxChars);
}
