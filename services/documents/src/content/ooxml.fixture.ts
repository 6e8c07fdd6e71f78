import { deflateRawSync } from 'node:zlib';

/** Test fixture: ZIP archives and Office files built in the test, honest or not about their parts. */
export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** What the directory claims the part inflates to (a lie, for a bomb that hides its size). */
  declaredSize?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP of deflated parts, local headers then the central directory, as Office writes them. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data);
    const packed = deflateRawSync(data, { level: 9 });
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
};

const contentTypes = (kind: 'docx' | 'xlsx', main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${MAIN[kind]}"/></Types>`;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A Word document of these paragraphs (`document` replaces the body XML, e.g. for a bomb). */
export function docx(paragraphs: string[], extra: ZipPart[] = [], document?: ZipPart): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`);
  return zip([
    { name: '[Content_Types].xml', data: contentTypes('docx', 'word/document.xml') },
    document ?? {
      name: 'word/document.xml',
      data: `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}</w:body></w:document>`,
    },
    ...extra,
  ]);
}

/** A workbook whose cells hold these strings (shared strings, as Excel writes them). */
export function xlsx(strings: string[]): Buffer {
  const shared = strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('');
  const cells = strings.map((_, i) => `<c r="A${i + 1}" t="s"><v>${i}</v></c>`).join('');
  return zip([
    { name: '[Content_Types].xml', data: contentTypes('xlsx', 'xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data: '<workbook><sheets><sheet name="Blad1" sheetId="1"/></sheets></workbook>',
    },
    { name: 'xl/sharedStrings.xml', data: `<sst count="${strings.length}">${shared}</sst>` },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
    },
  ]);
}
