import { describe, expect, it } from 'vitest';
import { minimalPdf } from './minimal-pdf.fixture.js';
import { docx, xlsx, zip } from './ooxml.fixture.js';
import { collapseWhitespace } from './plain-text.js';
import { TooComplex, extractText } from './text-extraction.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PAGE =
  'BT /F1 12 Tf 72 720 Td (Arbeidsovereenkomst voor onbepaalde tijd) Tj 0 -14 Td [(Sala) 20 (ris) -400 (EUR 5000)] TJ ET';

const tooComplex = (p: Promise<unknown>) =>
  p.then(
    () => 'extracted',
    (e) => (e instanceof TooComplex ? 'TOO_COMPLEX' : `failed: ${(e as Error).message}`),
  );

describe('PDF text, through PDF.js', () => {
  it('reads shown text from plain and FlateDecode content streams alike', async () => {
    const plain = await extractText('application/pdf', minimalPdf(PAGE));
    expect(plain).toContain('Arbeidsovereenkomst voor onbepaalde tijd');
    expect(plain).toContain('Salaris');
    const flate = minimalPdf(PAGE, true);
    expect(flate.includes(Buffer.from('Arbeidsovereenkomst'))).toBe(false);
    expect(await extractText('application/pdf', flate)).toBe(plain);
  });

  it('throws for a file that is no PDF, and keeps at most maxChars', async () => {
    await expect(extractText('application/pdf', Buffer.from('%PDF-garbage'))).rejects.toThrow();
    expect(await extractText('application/pdf', minimalPdf(PAGE), 10)).toHaveLength(10);
  });
});

describe('HTML text, through the tokenizer', () => {
  it('drops scripts, styles and templates, breaks lines at blocks, decodes entities', async () => {
    const html =
      '<html><style>p{}</style><script>alert("x")</script><p>Beleid &amp; regels</p><template>t</template><p>caf&#233; &lt;ok&gt;</p></html>';
    expect(await extractText('text/html', Buffer.from(html))).toBe('Beleid & regels\ncafé <ok>');
  });

  it('reads 200,000 nested elements and 80,000 unclosed <script in linear time', async () => {
    const nested = `${'<div>'.repeat(200_000)}diep${'</div>'.repeat(200_000)}`;
    expect(await extractText('text/html', Buffer.from(nested))).toBe('diep');
    expect(await extractText('text/html', Buffer.from(`zichtbaar${'<script'.repeat(80_000)}`))).toBe(
      'zichtbaar',
    );
    expect(await extractText('text/html', Buffer.from(`<p>x</p>${'<script>'.repeat(80_000)}y`))).toBe('x');
  });
});

describe('Office files, through yauzl', () => {
  it('reads a Word document and a workbook', async () => {
    expect(await extractText(DOCX, docx(['Thuiswerkbeleid', 'Vergoeding & reiskosten']))).toBe(
      'Thuiswerkbeleid\nVergoeding & reiskosten',
    );
    expect(await extractText(XLSX, xlsx(['Kostenplaats', 'Travel expenses 2026']))).toBe(
      'Kostenplaats\nTravel expenses 2026',
    );
  });

  it('refuses archives past the limits before inflating them: ratio, total size, parts', async () => {
    const bomb = { name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) };
    expect(await tooComplex(extractText(DOCX, docx([], [], bomb)))).toBe('TOO_COMPLEX');
    const many = Array.from({ length: 2_500 }, (_, i) => ({ name: `word/media/${i}.xml`, data: '' }));
    expect(await tooComplex(extractText(DOCX, docx(['x'], many)))).toBe('TOO_COMPLEX');
    const big = Array.from({ length: 3 }, (_, i) => ({
      name: `word/media/${i}.bin`,
      data: Buffer.alloc(1),
      declaredSize: 100 * 1024 * 1024,
    }));
    expect(await tooComplex(extractText(DOCX, docx(['x'], big)))).toBe('TOO_COMPLEX');
  });

  it('stops a part that inflates beyond the size its directory declares', async () => {
    const liar = {
      name: 'word/document.xml',
      data: Buffer.alloc(20 * 1024 * 1024, 0x20),
      declaredSize: 1000,
    };
    const outcome = await tooComplex(extractText(DOCX, docx([], [], liar)));
    expect(outcome).toMatch(/^failed: .*too many bytes/);
  });

  it('fails on a ZIP that is not an Office file at all', async () => {
    expect(await extractText(DOCX, zip([{ name: 'notes.txt', data: 'geen document' }]))).toBe('');
    await expect(extractText(DOCX, Buffer.from('PK\u0003\u0004 broken'))).rejects.toThrow();
  });
});

describe('plain text', () => {
  it('keeps lines, strips control characters, bounds the length', async () => {
    expect(await extractText('text/plain', Buffer.from('a\u0001b\u0002c\nd'))).toBe('a b c\nd');
    expect(await extractText('text/csv', Buffer.from('x'.repeat(50)), 20)).toHaveLength(20);
    expect(await extractText('image/png', Buffer.from('whatever'))).toBe('');
  });

  it('collapses whitespace in one pass, however long the run', () => {
    expect(collapseWhitespace('  a \t b \n\n c  ')).toBe('a b\nc');
    const run = `a${' \u00a0'.repeat(500_000)}b`;
    expect(collapseWhitespace(run)).toBe('a b');
  });
});
