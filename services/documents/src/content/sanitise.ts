import { badInput } from '@backoffice/kit';

// C0/C1 controls and the bidirectional overrides that make "invoice‮fdp.exe" read as a PDF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A title as people read it: NFC, no control characters, single spaces, 1 to 200 characters. */
export function sanitiseTitle(raw: string, field = 'title'): string {
  const title = raw.normalize('NFC').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (title.length === 0 || title.length > 200) throw badInput('title must be 1 to 200 characters', field);
  return title;
}

/**
 * A file name kept only as a label for downloads: the last path segment, without controls, quotes,
 * slashes or leading dots, at most 120 characters. It never becomes a path: blobs are named by hash.
 */
export function sanitiseFileName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = last
    .replace(CONTROLS, '')
    .replace(/["*:<>?|;]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return name.length > 0 ? name : null;
}

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

/** Tags: trimmed, lower-cased, unique, at most 20 of up to 40 letters, digits, spaces, `_.-`. */
export function sanitiseTags(raw: readonly string[] | null | undefined, field = 'tags'): string[] {
  const tags = [...new Set((raw ?? []).map((t) => t.normalize('NFC').trim().toLowerCase()))].filter(Boolean);
  if (tags.length > 20) throw badInput('at most 20 tags', field);
  for (const tag of tags) {
    if (!TAG.test(tag))
      throw badInput(`tag "${tag.slice(0, 40)}" may hold only letters, digits, spaces and _.-`, field);
  }
  return tags;
}

const DOCUMENT_TYPE = /^[a-z][a-z0-9_]{0,39}$/;

/** A document type such as `payslip` or `personnel_file`: the key of its retention rule. */
export function sanitiseDocumentType(raw: string | null | undefined, field = 'documentType'): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const type = raw.trim().toLowerCase();
  if (!DOCUMENT_TYPE.test(type))
    throw badInput('documentType must be lower-case letters, digits and _ (e.g. personnel_file)', field);
  return type;
}

/** Strict base64 (standard alphabet, padding optional, whitespace ignored); BAD_USER_INPUT otherwise. */
export function decodeBase64(raw: string, field = 'contentBase64'): Buffer {
  const compact = raw.replace(/\s+/g, '');
  const padded = compact.includes('=');
  if (
    !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) ||
    compact.length % 4 === 1 ||
    (padded && compact.length % 4 !== 0)
  ) {
    throw badInput('contentBase64 is not valid base64', field);
  }
  return Buffer.from(compact, 'base64');
}
