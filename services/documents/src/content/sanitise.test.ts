import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  sanitiseDocumentType,
  sanitiseFileName,
  sanitiseTags,
  sanitiseTitle,
} from './sanitise.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('sanitising what clients send', () => {
  it('cleans titles of controls and bidi overrides, and bounds them', () => {
    expect(sanitiseTitle('  Loonstrook\u0000 maart\n2026  ')).toBe('Loonstrook maart 2026');
    expect(sanitiseTitle('invoice\u202efdp.exe')).toBe('invoice fdp.exe');
    expect(codeOf(() => sanitiseTitle('   '))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => sanitiseTitle('x'.repeat(201)))).toBe('BAD_USER_INPUT');
  });

  it('keeps only the last segment of a file name, never a path', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('..\\..\\windows\\system32\\cmd.exe')).toBe('cmd.exe');
    expect(sanitiseFileName('/abs/.hidden')).toBe('hidden');
    expect(sanitiseFileName('a"b<c>.pdf')).toBe('a_b_c_.pdf');
    expect(sanitiseFileName('..')).toBeNull();
    expect(sanitiseFileName('')).toBeNull();
    expect(sanitiseFileName(`${'n'.repeat(300)}.pdf`)?.length).toBe(120);
  });

  it('normalises tags and document types', () => {
    expect(sanitiseTags([' HR ', 'hr', 'Q1 2026'])).toEqual(['hr', 'q1 2026']);
    expect(codeOf(() => sanitiseTags(['../x']))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => sanitiseTags(Array.from({ length: 21 }, (_, i) => `t${i}`)))).toBe('BAD_USER_INPUT');
    expect(sanitiseDocumentType(' Personnel_File ')).toBe('personnel_file');
    expect(sanitiseDocumentType('')).toBeNull();
    expect(codeOf(() => sanitiseDocumentType('../payslip'))).toBe('BAD_USER_INPUT');
  });

  it('decodes strict base64 only', () => {
    expect(decodeBase64('aGVsbG8=').toString()).toBe('hello');
    expect(decodeBase64('aGVs\nbG8=').toString()).toBe('hello');
    expect(codeOf(() => decodeBase64('not base64!'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeBase64('aGVsbG8'))).toBe('ok');
    expect(codeOf(() => decodeBase64('aGVsb='))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeBase64('a'))).toBe('BAD_USER_INPUT');
  });
});
