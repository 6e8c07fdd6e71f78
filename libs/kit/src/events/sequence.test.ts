import { allEvents, hr } from '@backoffice/events';
import { describe, expect, it } from 'vitest';
import { advance, gaps } from './sequence.js';

describe('per-source sequences', () => {
  it('advances through contiguous numbers and remembers those above a hole', () => {
    let p = { contiguous: 0, above: [] as number[] };
    p = advance(p, 1);
    p = advance(p, 2);
    expect(p).toEqual({ contiguous: 2, above: [] });
    p = advance(p, 5);
    p = advance(p, 4);
    expect(p).toEqual({ contiguous: 2, above: [4, 5] });
    expect(gaps(p)).toEqual([{ from: 3, to: 3 }]);
    p = advance(p, 3);
    expect(p).toEqual({ contiguous: 5, above: [] });
    expect(gaps(p)).toEqual([]);
  });

  it('ignores duplicates and old numbers, and lists several holes', () => {
    let p = { contiguous: 10, above: [] as number[] };
    p = advance(p, 9);
    p = advance(p, 14);
    p = advance(p, 14);
    p = advance(p, 20);
    expect(p).toEqual({ contiguous: 10, above: [14, 20] });
    expect(gaps(p)).toEqual([
      { from: 11, to: 13 },
      { from: 15, to: 19 },
    ]);
  });
});

describe('watermarks', () => {
  it('turn an unseen tail into a hole', async () => {
    const { holes, subjectMatches } = await import('./sequence.js');
    expect(holes({ contiguous: 3, above: [] }, 5)).toEqual([{ from: 4, to: 5, tail: true }]);
    expect(holes({ contiguous: 3, above: [6] }, 6)).toEqual([{ from: 4, to: 5, tail: false }]);
    expect(holes({ contiguous: 3, above: [] }, 3)).toEqual([]);
    const hired = hr.employeeHired.type;
    expect(subjectMatches(allEvents.subject, hired)).toBe(true);
    expect(subjectMatches(hired, hired)).toBe(true);
    expect(subjectMatches(hired, hr.employeeTerminated.type)).toBe(false);
    expect(subjectMatches(hired.replace('.hr.', '.*.'), hired)).toBe(true);
  });
});
