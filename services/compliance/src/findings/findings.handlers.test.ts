import { describe, expect, it } from 'vitest';
import { reversalParts } from './findings.handlers.js';

describe('reading reversal events defensively', () => {
  it('reads accounting’s payload: the original as journalEntryId, the reversal as reversalId', () => {
    expect(reversalParts({ journalEntryId: 'A', reversalId: 'B' }, 'A')).toEqual({
      reversed: 'A',
      reversal: 'B',
    });
  });

  it('reads a payload naming the original as reversalOf, the reversal as journalEntryId', () => {
    expect(reversalParts({ journalEntryId: 'B', reversalOf: 'A' }, 'B')).toEqual({
      reversed: 'A',
      reversal: 'B',
    });
  });

  it('falls back to the subject when the payload names nothing', () => {
    expect(reversalParts(null, 'A')).toEqual({ reversed: 'A', reversal: null });
    expect(reversalParts({ journalEntryId: 42 } as never, 'A')).toEqual({ reversed: 'A', reversal: null });
  });
});
