import { inflateSync } from 'node:zlib';

/**
 * A small PDF text extractor, written because no PDF library is installed: it finds content streams
 * (uncompressed or FlateDecode, inflated with node:zlib) and collects the strings shown by the text
 * operators Tj, TJ, ' and ". It does not apply font encodings (CID fonts, custom /Differences), so
 * PDFs from some producers yield little text; callers then index the title and tags alone.
 */
export function extractPdfText(pdf: Buffer, maxChars = 200_000): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  let total = 0;
  const streamRe = /stream\r?\n/g;
  for (let m = streamRe.exec(raw); m; m = streamRe.exec(raw)) {
    const dictStart = raw.lastIndexOf('<<', m.index);
    const dict = dictStart >= 0 ? raw.slice(dictStart, m.index) : '';
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    streamRe.lastIndex = end + 'endstream'.length;
    if (/\/Subtype\s*\/Image|\/Type\s*\/(XRef|ObjStm|XObject)/.test(dict)) continue;
    const body = decodeStream(pdf.subarray(start, end), dict);
    if (!body) continue;
    const text = contentStreamText(body.toString('latin1'));
    if (text.trim()) {
      parts.push(text);
      total += text.length;
      if (total >= maxChars) break;
    }
  }
  return normaliseWhitespace(parts.join('\n')).slice(0, maxChars);
}

function decodeStream(bytes: Buffer, dict: string): Buffer | undefined {
  const filters = [...dict.matchAll(/\/(\w+Decode)\b/g)].map((f) => f[1]);
  if (filters.length === 0) return bytes;
  if (filters.length === 1 && filters[0] === 'FlateDecode') {
    try {
      return inflateSync(trimEol(bytes));
    } catch {
      return undefined;
    }
  }
  return undefined; // DCT, LZW, ASCII85 ...: not text we can read
}

function trimEol(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return bytes.subarray(0, end);
}

type Operand = string | number | Operand[] | { name: string };

/** Walks a content stream's tokens, keeping the operands of each operator, and gathers shown text. */
export function contentStreamText(src: string): string {
  let out = '';
  const stack: Operand[] = [];
  const arrays: Operand[][] = [];
  const push = (v: Operand) => (arrays.length ? arrays[arrays.length - 1].push(v) : stack.push(v));
  const newline = () => {
    if (out && !out.endsWith('\n')) out += '\n';
  };
  const space = () => {
    if (out && !/\s$/.test(out)) out += ' ';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '(') {
      const [text, next] = literalString(src, i + 1);
      push(text);
      i = next;
    } else if (c === '<' && src[i + 1] !== '<') {
      const close = src.indexOf('>', i);
      push(hexString(src.slice(i + 1, close < 0 ? src.length : close)));
      i = close < 0 ? src.length : close + 1;
    } else if (c === '<' || c === '>') {
      i += 2; // dictionaries (inline image parameters, marked content): skipped
    } else if (c === '[') {
      arrays.push([]);
      i++;
    } else if (c === ']') {
      const arr = arrays.pop() ?? [];
      push(arr);
      i++;
    } else if (c === '/') {
      const m = /^\/[^\s/<>[\]()%{}]*/.exec(src.slice(i, i + 128));
      push({ name: m ? m[0].slice(1) : '' });
      i += m ? m[0].length : 1;
    } else if (/[0-9+\-.]/.test(c)) {
      const m = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(src.slice(i, i + 32));
      push(m ? Number(m[0]) : 0);
      i += m ? m[0].length : 1;
    } else {
      const m = /^[A-Za-z'"*]+/.exec(src.slice(i, i + 16));
      const op = m ? m[0] : c;
      i += op.length;
      if (op === 'BI') {
        // Inline image data is binary until EI: skip it.
        const ei = src.indexOf('EI', i);
        i = ei < 0 ? src.length : ei + 2;
      } else if (op === 'Tj') {
        out += stringOf(stack.at(-1));
      } else if (op === 'TJ') {
        const arr = stack.at(-1);
        if (Array.isArray(arr)) {
          for (const part of arr) {
            if (typeof part === 'number') {
              if (part < -200) space(); // a wide negative kern is a word gap
            } else out += stringOf(part);
          }
        }
      } else if (op === "'" || op === '"') {
        newline();
        out += stringOf(stack.at(-1));
      } else if (op === 'T*' || op === 'ET') {
        newline();
      } else if (op === 'Td' || op === 'TD') {
        const ty = stack.at(-1);
        if (typeof ty === 'number' && ty !== 0) newline();
        else space();
      } else if (op === 'Tm') {
        space();
      }
      stack.length = 0;
    }
  }
  return out;
}

function stringOf(v: Operand | undefined): string {
  return typeof v === 'string' ? v : '';
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function literalString(src: string, from: number): [string, number] {
  let depth = 1;
  let out = '';
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) break;
      if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4)) as RegExpExecArray;
        out += String.fromCharCode(Number.parseInt(m[0], 8) & 0xff);
        i += 1 + m[0].length;
      } else if (n === '\r' || n === '\n') {
        i += n === '\r' && src[i + 2] === '\n' ? 3 : 2; // line continuation
      } else {
        out += ESCAPES[n] ?? n;
        i += 2;
      }
    } else if (c === '(') {
      depth++;
      out += c;
      i++;
    } else if (c === ')') {
      depth--;
      i++;
      if (depth === 0) break;
      out += c;
    } else {
      out += c;
      i++;
    }
  }
  return [decodePdfString(out), i];
}

function hexString(hex: string): string {
  const digits = hex.replace(/[^0-9a-fA-F]/g, '');
  const even = digits.length % 2 ? `${digits}0` : digits;
  return decodePdfString(Buffer.from(even, 'hex').toString('latin1'));
}

/** UTF-16BE strings carry a byte-order mark; the rest are taken as Latin-1 (close to PDFDocEncoding). */
function decodePdfString(latin1: string): string {
  if (latin1.startsWith('\u00fe\u00ff')) {
    const bytes = Buffer.from(latin1.slice(2), 'latin1');
    const chars: string[] = [];
    for (let i = 0; i + 1 < bytes.length; i += 2) chars.push(String.fromCharCode(bytes.readUInt16BE(i)));
    return chars.join('');
  }
  return latin1;
}

function normaliseWhitespace(text: string): string {
  return text
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
