import { createHash } from 'node:crypto';
import { DUTCH_LINE_NAMES, NET_NAME } from './payslip-names.js';
import type { PayslipLine } from './payroll.rules.js';

/**
 * The payslip as a one-page PDF in Dutch (loonstrook), written by hand: text in the standard Helvetica
 * font, so no font is embedded and nothing is downloaded. PDF 1.4 with a correct cross-reference table,
 * so viewers and text extraction (documents' unpdf) read it.
 */
export interface PayslipPdfInput {
  employeeName: string;
  period: string;
  currency: string;
  lines: readonly PayslipLine[];
  gross: string;
  net: string;
  employerContributions: string;
  /** "ja"/"nee": whether the loonheffingskorting was applied; the table, "wit". */
  wageTaxCredit: boolean;
  wageTaxTable: string;
}

/** "1234.5" -> "1.234,50": amounts the Dutch way. */
export function dutchAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped},${fraction.padEnd(2, '0').slice(0, 2)}`;
}

// Helvetica's WinAnsi encoding covers Dutch text; anything else becomes "?" rather than breaking the file.
function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 63;
    const byte = code === 0x20ac ? 0x80 : code < 0x20 || code > 0xff ? 63 : code;
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return out;
}

interface Row {
  left: string;
  right?: string;
  size?: number;
  bold?: boolean;
}

function rowsOf(p: PayslipPdfInput): Row[] {
  const rows: Row[] = [
    { left: `Loonstrook ${p.period}`, size: 16, bold: true },
    { left: p.employeeName, size: 12 },
    {
      left: `Loonbelastingtabel: ${p.wageTaxTable.toLowerCase() === 'white' ? 'wit' : p.wageTaxTable.toLowerCase()}; loonheffingskorting: ${p.wageTaxCredit ? 'ja' : 'nee'}; bedragen in ${p.currency}`,
      size: 9,
    },
    { left: '' },
  ];
  const paid = p.lines.filter((l) => !l.informational);
  const info = p.lines.filter((l) => l.informational);
  for (const l of paid) rows.push({ left: DUTCH_LINE_NAMES[l.code] ?? l.code, right: dutchAmount(l.amount) });
  rows.push({ left: NET_NAME, right: dutchAmount(p.net), bold: true });
  rows.push({ left: '' });
  rows.push({ left: 'Ter informatie (niet uitbetaald of niet ingehouden)', size: 9, bold: true });
  for (const l of info)
    rows.push({ left: DUTCH_LINE_NAMES[l.code] ?? l.code, right: dutchAmount(l.amount), size: 9 });
  rows.push({ left: 'Werkgeverslasten totaal', right: dutchAmount(p.employerContributions), size: 9 });
  rows.push({ left: `Brutoloon ${dutchAmount(p.gross)}`, size: 9 });
  return rows;
}

export function payslipPdf(p: PayslipPdfInput): Buffer {
  let y = 800;
  const ops: string[] = [];
  for (const row of rowsOf(p)) {
    const size = row.size ?? 11;
    const font = row.bold ? 'F2' : 'F1';
    if (row.left) ops.push(`BT /${font} ${size} Tf 50 ${y} Td (${pdfText(row.left)}) Tj ET`);
    // Amounts right-aligned by their length (Helvetica digits are 0.556 em wide).
    if (row.right) {
      const x = (545 - pdfText(row.right).length * size * 0.556).toFixed(1);
      ops.push(`BT /${font} ${size} Tf ${x} ${y} Td (${pdfText(row.right)}) Tj ET`);
    }
    y -= Math.round(size * 1.6);
  }
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title (${pdfText(`Loonstrook ${p.period}`)}) /Producer (Backoffice) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
