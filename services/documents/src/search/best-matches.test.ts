import { describe, expect, it } from 'vitest';
import { allWordsOfAny, orOfWords, wordsToFetch } from './best-matches.js';

describe('orOfWords', () => {
  it('takes the words of a query that is only words joined by OR, once each', () => {
    expect(orOfWords("'contract' | 'contract'")).toEqual(['contract']);
    expect(orOfWords("'salari' | 'salaris'")).toEqual(['salari', 'salaris']);
    expect(orOfWords("'leveranci' | 'supplier' | 'leverancier' | 'supplier'")).toEqual([
      'leveranci',
      'leverancier',
      'supplier',
    ]);
  });

  it('reads quotes and backslashes as Postgres prints them', () => {
    expect(orOfWords("'it''s' | 'a\\\\b'")).toEqual(['a\\b', "it's"]);
  });

  it('refuses anything else: AND, NOT, phrases, groups, prefixes, weights, nothing', () => {
    for (const q of [
      "'invoic' & 'approv'",
      "'invoic' & 'approv' | 'invoic' & 'approval'",
      "!'contract'",
      "'contract' | !'memo'",
      "'travel' <-> 'expens'",
      "'travel' <2> 'expens'",
      "( 'a' | 'b' ) & 'c'",
      "'contract':*",
      "'contract':AB",
      '',
      '   ',
    ])
      expect(orOfWords(q), q).toBeNull();
  });
});

describe('wordsToFetch', () => {
  const cuts = (o: Record<string, number>) => new Map(Object.entries(o));

  it('fetches nothing for one word, or a pair whose cuts stay under the bar', () => {
    expect(wordsToFetch(cuts({ contract: 4.8 }), 4.8)).toEqual([]);
    expect(wordsToFetch(cuts({ salari: 2.4, salaris: 2.4 }), 5)).toEqual([]);
  });

  it('fetches the smallest sets of words whose cuts add up past the bar, never their supersets', () => {
    // 1.2 + 1.2 + 2.4 = 4.8 > 4: only documents with all three could pass the bar unkept.
    expect(wordsToFetch(cuts({ leveranci: 1.2, leverancier: 1.2, supplier: 2.4 }), 4)).toEqual([
      ['leveranci', 'leverancier', 'supplier'],
    ]);
    // Pairs pass 2.5 and the triple holds them: the pairs alone.
    expect(wordsToFetch(cuts({ a: 1.5, b: 1.5, c: 1.5 }), 2.5)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });

  it('counts a sum equal to the bar as passing for several words (float4 rounding), not for one', () => {
    expect(wordsToFetch(cuts({ a: 2, b: 2 }), 4)).toEqual([['a', 'b']]);
    expect(wordsToFetch(cuts({ a: 4 }), 4)).toEqual([]);
  });

  it('gives up when one word alone could pass the bar: too few readable kept documents', () => {
    expect(wordsToFetch(cuts({ a: 5, b: 1 }), 4)).toBeNull();
  });
});

describe('allWordsOfAny', () => {
  it('quotes words as the tsquery syntax wants', () => {
    expect(allWordsOfAny([['a', "it's"], ['b\\c']])).toBe("( 'a' & 'it''s' ) | ( 'b\\\\c' )");
  });
});
