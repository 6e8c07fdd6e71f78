import { describe, expect, it } from 'vitest';
import { decodeEntities, snippetParts } from '../../apps/console/src/snippet.js';

describe('search snippets', () => {
  it('keeps only <mark> as markup; everything else stays text', () => {
    const html =
      '&lt;img src=x onerror=alert(1)&gt; the <mark>zebra</mark> <script>alert(2)</script> &amp; co';
    expect(snippetParts(html)).toEqual([
      { text: '<img src=x onerror=alert(1)> the ', marked: false },
      { text: 'zebra', marked: true },
      { text: ' <script>alert(2)</script> & co', marked: false },
    ]);
  });

  it('decodes numeric and named entities, and leaves unknown ones alone', () => {
    expect(decodeEntities('&#39;a&#x27; &quot;b&quot; &bogus; &#0;')).toBe('\'a\' "b" &bogus; &#0;');
  });
});
