import { describe, expect, it } from 'vitest';
import { minimalPdf } from './minimal-pdf.fixture.js';
import { contentStreamText, extractPdfText } from './pdf-text.js';
import { extractText, htmlText } from './text-extraction.js';

const PAGE =
  'BT /F1 12 Tf 72 720 Td (Arbeidsovereenkomst voor onbepaalde tijd) Tj 0 -14 Td [(Sala) 20 (ris) -400 (EUR 5000)] TJ T* (Line \\(three\\)) Tj ET';

describe('PDF text extraction', () => {
  it('reads Tj and TJ text from an uncompressed content stream', () => {
    const text = extractPdfText(minimalPdf(PAGE));
    expect(text).toContain('Arbeidsovereenkomst voor onbepaalde tijd');
    expect(text).toContain('Salaris EUR 5000');
    expect(text).toContain('Line (three)');
  });

  it('reads the same text from a FlateDecode stream', () => {
    const pdf = minimalPdf(PAGE, true);
    expect(pdf.includes(Buffer.from('Arbeidsovereenkomst'))).toBe(false);
    expect(extractPdfText(pdf)).toBe(extractPdfText(minimalPdf(PAGE)));
  });

  it('decodes octal escapes, hex and UTF-16 strings', () => {
    expect(contentStreamText('BT (caf\\351) Tj ET')).toBe('café\n');
    expect(contentStreamText('BT <48656c6c6f> Tj ET')).toBe('Hello\n');
    expect(contentStreamText('BT <FEFF00E9006C00E8007600650020> Tj ET').trim()).toBe('élève');
  });

  it('yields nothing (not an error) for a PDF whose streams it cannot read', () => {
    const broken = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Length 4 /Filter /FlateDecode >>\nstream\nxxxx\nendstream\nendobj\n',
    );
    expect(extractPdfText(broken)).toBe('');
    expect(extractText('application/pdf', Buffer.from('%PDF-garbage'))).toBe('');
  });
});

describe('HTML and plain text', () => {
  it('drops scripts, styles and tags, and decodes entities', () => {
    const html =
      '<html><style>p{}</style><script>alert("x")</script><p>Beleid &amp; regels</p><p>caf&#233; &lt;ok&gt;</p></html>';
    const text = htmlText(html);
    expect(text).toBe('Beleid & regels\ncafé <ok>');
    expect(text).not.toContain('alert');
  });

  it('strips control characters that would break search headlines', () => {
    expect(extractText('text/plain', Buffer.from('a\u0001b\u0002c'))).toBe('a b c');
  });
});
