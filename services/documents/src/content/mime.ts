import { Transform, type TransformCallback } from 'node:stream';
import { badInput } from '@backoffice/kit';

/** The file types the back office keeps, by MIME type, and how their bytes must begin. */
export const ACCEPTED_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'text/plain': 'text',
  'text/markdown': 'text',
  'text/html': 'text',
  'text/csv': 'text',
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;
type Family = (typeof ACCEPTED_TYPES)[AcceptedType];

/** `Text/HTML; charset=utf-8` -> `text/html`, or BAD_USER_INPUT for a type we do not keep. */
export function normaliseMimeType(declared: string, field = 'mimeType'): AcceptedType {
  const type = declared.split(';')[0].trim().toLowerCase();
  if (!(type in ACCEPTED_TYPES)) {
    throw badInput(
      `files of type "${type.slice(0, 100)}" are not accepted; use one of: ${Object.keys(ACCEPTED_TYPES).join(', ')}`,
      field,
    );
  }
  return type as AcceptedType;
}

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** Programs are refused whatever they are declared as: Windows PE, ELF, Mach-O and scripts. */
export function looksExecutable(head: Buffer): boolean {
  return (
    startsWith(head, [0x4d, 0x5a]) || // MZ
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(head, [0x23, 0x21]) || // #!
    startsWith(head, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(head, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xca, 0xfe, 0xba, 0xbe])
  );
}

function signatureMatches(family: Family, head: Buffer): boolean {
  switch (family) {
    case 'pdf':
      return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'zip':
      return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
    case 'text':
      return true; // checked over every byte by TextCheck
  }
}

/** Bytes needed to judge a signature. */
export const HEAD_BYTES = 8;

/** Checks the first bytes against the declared type; BAD_USER_INPUT when they disagree. */
export function checkSignature(type: AcceptedType, head: Buffer, field = 'mimeType'): void {
  if (looksExecutable(head)) throw badInput('executable files are not accepted', field);
  if (!signatureMatches(ACCEPTED_TYPES[type], head)) {
    throw badInput(`the file's content is not ${type}`, field);
  }
}

/** Text must be UTF-8 without NUL bytes, checked incrementally so a stream is never held whole. */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly field = 'mimeType') {}

  push(chunk: Buffer, final = false): void {
    if (chunk.includes(0)) throw badInput('a text file may not contain NUL bytes', this.field);
    try {
      this.decoder.decode(chunk, { stream: !final });
    } catch {
      throw badInput('a text file must be valid UTF-8', this.field);
    }
  }
}

/** The whole check on bytes in hand (the base64 path). */
export function checkContent(type: AcceptedType, bytes: Buffer, field = 'contentBase64'): void {
  if (bytes.length === 0) throw badInput('the file is empty', field);
  checkSignature(type, bytes.subarray(0, HEAD_BYTES), field);
  if (ACCEPTED_TYPES[type] === 'text') new TextCheck(field).push(bytes, true);
}

/** The same check on a stream as it passes, for uploads that are never held in memory. */
export class ContentInspector extends Transform {
  private head = Buffer.alloc(0);
  private checkedHead = false;
  private readonly text: TextCheck | undefined;
  size = 0;

  constructor(
    private readonly type: AcceptedType,
    private readonly field = 'content-type',
  ) {
    super();
    if (ACCEPTED_TYPES[type] === 'text') this.text = new TextCheck(field);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.size += chunk.length;
      if (!this.checkedHead) {
        this.head = Buffer.concat([this.head, chunk]).subarray(0, HEAD_BYTES);
        if (this.head.length >= HEAD_BYTES) {
          checkSignature(this.type, this.head, this.field);
          this.checkedHead = true;
        }
      }
      this.text?.push(chunk);
      done(null, chunk);
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.size === 0) throw badInput('the file is empty', this.field);
      if (!this.checkedHead) checkSignature(this.type, this.head, this.field);
      this.text?.push(Buffer.alloc(0), true);
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}
