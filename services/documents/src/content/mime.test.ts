import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ContentInspector, checkContent, looksExecutable, normaliseMimeType } from './mime.js';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

describe('MIME types', () => {
  it('normalises parameters and case, and refuses types we do not keep', () => {
    expect(normaliseMimeType('Text/HTML; charset=UTF-8')).toBe('text/html');
    expect(codeOf(() => normaliseMimeType('application/x-msdownload'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => normaliseMimeType('image/svg+xml'))).toBe('BAD_USER_INPUT');
  });

  it('accepts bytes that match their declared type', () => {
    expect(codeOf(() => checkContent('application/pdf', PDF))).toBe('ok');
    expect(codeOf(() => checkContent('image/png', PNG))).toBe('ok');
    expect(codeOf(() => checkContent('image/jpeg', JPEG))).toBe('ok');
    expect(codeOf(() => checkContent(DOCX, ZIP))).toBe('ok');
    expect(
      codeOf(() => checkContent('text/markdown', Buffer.from('# Beleid\n\nWerk op afstand — €50'))),
    ).toBe('ok');
  });

  it('refuses a mismatch between the declared type and the bytes', () => {
    expect(codeOf(() => checkContent('application/pdf', PNG))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkContent('image/png', JPEG))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkContent(DOCX, PDF))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkContent('text/plain', Buffer.from([0x61, 0x00, 0x62])))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkContent('text/plain', Buffer.from([0x61, 0xc3, 0x28])))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkContent('text/plain', Buffer.alloc(0)))).toBe('BAD_USER_INPUT');
  });

  it('refuses executables whatever is declared', () => {
    for (const head of [
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      Buffer.from('#!/bin/sh\nrm -rf /\n'),
      Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
    ]) {
      expect(looksExecutable(head)).toBe(true);
      expect(codeOf(() => checkContent('text/plain', head))).toBe('BAD_USER_INPUT');
    }
    expect(looksExecutable(PDF)).toBe(false);
  });

  it('checks a stream chunk by chunk, including a UTF-8 character split across chunks', async () => {
    const run = (chunks: Buffer[], type: Parameters<typeof normaliseMimeType>[0]) =>
      pipeline(
        Readable.from(chunks),
        new ContentInspector(normaliseMimeType(type)),
        new Writable({ write: (_c, _e, cb) => cb() }),
      ).then(
        () => 'ok',
        (e) => (e as { code?: string }).code ?? String(e),
      );
    const euro = Buffer.from('prijs €', 'utf8');
    expect(await run([euro.subarray(0, euro.length - 1), euro.subarray(euro.length - 1)], 'text/plain')).toBe(
      'ok',
    );
    expect(await run([Buffer.from('%P'), Buffer.from('DF-1.7 rest')], 'application/pdf')).toBe('ok');
    expect(await run([Buffer.from('MZ'), Buffer.from('\x90\x00\x03\x00\x00\x00')], 'application/pdf')).toBe(
      'BAD_USER_INPUT',
    );
    expect(await run([Buffer.from('abc'), Buffer.from([0xff])], 'text/plain')).toBe('BAD_USER_INPUT');
    expect(await run([], 'text/plain')).toBe('BAD_USER_INPUT');
  });
});
