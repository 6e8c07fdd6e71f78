import type { Readable } from 'node:stream';
import { badInput } from '@backoffice/kit';
import { fileTypeFromBuffer, fileTypeFromStream } from 'file-type';
import { ACCEPTED_TYPES, type AcceptedType } from './mime.js';

/** What file-type may call each binary type we keep: an Illustrator file is a PDF, an APNG a PNG. */
const DETECTED_AS: Partial<Record<AcceptedType, readonly string[]>> = {
  'application/pdf': ['application/pdf', 'application/postscript'],
  'image/png': ['image/png', 'image/apng'],
  'image/jpeg': ['image/jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
};

/**
 * The declared type, confirmed by the magic numbers and structure file-type reads: a ZIP is a .docx
 * only if its parts say so. file-type bounds its own work (it inflates at most one small part), so
 * this runs on the request. Text types are checked byte by byte elsewhere (UTF-8, no NUL).
 */
export async function confirmType(
  type: AcceptedType,
  content: Uint8Array | NodeJS.ReadableStream,
  field = 'mimeType',
): Promise<void> {
  if (ACCEPTED_TYPES[type] === 'text') return;
  let detected: string | undefined;
  try {
    const found =
      content instanceof Uint8Array
        ? await fileTypeFromBuffer(content)
        : await fileTypeFromStream(content as Readable);
    detected = found?.mime;
  } catch {
    detected = undefined;
  } finally {
    if (!(content instanceof Uint8Array)) (content as Readable).destroy();
  }
  if (!detected || !DETECTED_AS[type]?.includes(detected)) {
    throw badInput(`the file's content is not ${type} (it reads as ${detected ?? 'nothing we know'})`, field);
  }
}
