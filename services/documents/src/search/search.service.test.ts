import { describe, expect, it } from 'vitest';
import { parseRange } from '../documents/content.routes.js';
import { snippetHtml } from './search.service.js';

describe('search snippets', () => {
  it('escapes the document text and marks only the matches', () => {
    expect(snippetHtml('a <script>x</script> \u0001match\u0002 & more')).toBe(
      'a &lt;script&gt;x&lt;/script&gt; <mark>match</mark> &amp; more',
    );
    expect(snippetHtml('  ')).toBeNull();
    expect(snippetHtml(null)).toBeNull();
  });
});

describe('HTTP ranges', () => {
  it('reads single byte ranges and refuses what cannot be served', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBe('unsatisfiable');
  });
});
