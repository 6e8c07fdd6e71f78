import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { type MarkupRules, markupText } from './markup-text.js';
import { TooComplex } from './plain-text.js';

/**
 * What an Office file may hold before its text is not extracted. Real documents stay far below:
 * a 300-page report has a few hundred parts and its XML compresses about 10:1.
 */
export const ZIP_LIMITS = {
  /** Parts in the archive, read from its directory before anything is inflated. */
  maxEntries: 2_000,
  /** The parts' uncompressed sizes together, as the directory declares them. */
  maxTotalBytes: 256 * 1024 * 1024,
  /** Uncompressed to compressed, for any part over `ratioFrom` bytes. */
  maxRatio: 200,
  ratioFrom: 1024 * 1024,
};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Which parts hold a document's words, and how their XML shows text. */
const PARTS: Record<string, { wanted: RegExp; rules: MarkupRules }> = {
  [DOCX]: {
    wanted: /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/,
    rules: { xml: true, textIn: new Set(['w:t']), breaks: new Set(['w:p', 'w:br', 'w:tab', 'w:tr']) },
  },
  // Shared strings hold a workbook's words; sheets hold numbers, and inline strings in `<is><t>`.
  [XLSX]: {
    wanted: /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/,
    rules: { xml: true, textIn: new Set(['t']), breaks: new Set(['si', 'row']) },
  },
};

export const isOoxml = (type: string) => type in PARTS;

/**
 * Text of a .docx or .xlsx, read with yauzl from the bytes in hand. The directory is checked against
 * ZIP_LIMITS before a byte is inflated; yauzl then stops any part that inflates to more than its
 * declared size, so the limits hold for what is actually read, not only for what is claimed.
 */
export async function ooxmlText(type: string, bytes: Buffer, maxChars: number): Promise<string> {
  const kind = PARTS[type];
  if (!kind) return '';
  const zip = await open(bytes);
  try {
    if (zip.entryCount > ZIP_LIMITS.maxEntries)
      throw new TooComplex(`more than ${ZIP_LIMITS.maxEntries} parts`);
    const markup = markupText(kind.rules, maxChars);
    let total = 0;
    for (let entry = await next(zip); entry; entry = await next(zip)) {
      total += entry.uncompressedSize;
      if (total > ZIP_LIMITS.maxTotalBytes)
        throw new TooComplex(`more than ${ZIP_LIMITS.maxTotalBytes} bytes uncompressed`);
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > ZIP_LIMITS.ratioFrom && ratio > ZIP_LIMITS.maxRatio)
        throw new TooComplex(`a part compressed more than ${ZIP_LIMITS.maxRatio}:1`);
      if (!kind.wanted.test(entry.fileName)) continue;
      const decoder = new TextDecoder('utf-8');
      const stream = await read(zip, entry);
      try {
        for await (const chunk of stream)
          if (!markup.write(decoder.decode(chunk as Buffer, { stream: true }))) break;
      } finally {
        stream.destroy();
      }
      if (!markup.write('\n')) break;
    }
    return markup.end();
  } finally {
    zip.close();
  }
}

const open = (bytes: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (e, zip) => (e ? reject(e) : resolve(zip)),
    ),
  );

/** The next entry of the directory, or null at its end. */
const next = (zip: ZipFile) =>
  new Promise<Entry | null>((resolve, reject) => {
    const done = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => {
      done();
      resolve(entry);
    };
    const onEnd = () => {
      done();
      resolve(null);
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });

const read = (zip: ZipFile, entry: Entry) =>
  new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve(stream))),
  );
