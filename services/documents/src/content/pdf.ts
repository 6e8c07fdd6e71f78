import { getDocumentProxy } from 'unpdf';
import { textSink } from './plain-text.js';

/**
 * A PDF's text through PDF.js (the build unpdf bundles for servers), page by page until `maxChars`
 * are collected. Fonts' encodings and CMaps are PDF.js's business; it never evaluates code from the
 * file (`isEvalSupported: false`) nor loads system fonts. Only ever called inside an extraction
 * worker: the budgets of time and memory are the pool's.
 */
export async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string> {
  const pdf = await getDocumentProxy(bytes, {
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const sink = textSink(maxChars);
    for (let number = 1; number <= pdf.numPages && !sink.full; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) {
        // PDF.js emits the gaps between words as items of their own: joined as they come.
        if ('str' in item) sink.push(item.hasEOL ? `${item.str}\n` : item.str);
      }
      sink.push('\n');
      page.cleanup();
    }
    return sink.text();
  } finally {
    await pdf.destroy();
  }
}
