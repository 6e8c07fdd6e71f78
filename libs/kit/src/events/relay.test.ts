import { describe, expect, it } from 'vitest';
import { kitEvents } from './contracts.fixture.js';
import { withSourceSeq } from './relay.js';

describe('the relay’s message body', () => {
  it('is the stored event with its sequence number added', () => {
    const type = kitEvents.itemMade.type;
    const stored = `{"id": "e1", "data": {"note": "a } in text"}, "type": "${type}"}`;
    expect(JSON.parse(withSourceSeq(stored, '42'))).toEqual({
      id: 'e1',
      data: { note: 'a } in text' },
      type,
      sourceseq: 42,
    });
  });

  it('overrides a sequence number the stored event already carries', () => {
    expect(JSON.parse(withSourceSeq('{"id": "e1", "sourceseq": 7}', '8')).sourceseq).toBe(8);
  });

  it('refuses a payload that is not an object', () => {
    expect(() => withSourceSeq('[1, 2]', '1')).toThrow(/not a JSON object/);
  });
});
