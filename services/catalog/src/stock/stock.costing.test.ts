import { describe, expect, it } from 'vitest';
import { nextAverage, movementValue } from './stock.costing.js';

describe('average cost', () => {
  it('weighs what is on hand with what comes in', () => {
    expect(nextAverage('0', '0', '10', '5')).toBe('5.0000');
    expect(nextAverage('10', '5', '10', '7')).toBe('6.0000');
    expect(nextAverage('3', '1', '0.5', '2.25')).toBe('1.1786');
    // Nothing on hand (or less, never): the receipt's cost is the average.
    expect(nextAverage('-1', '9', '2', '4')).toBe('4.0000');
  });

  it('values a movement in cents, half up', () => {
    expect(movementValue('4', '6.0000')).toBe('24.00');
    expect(movementValue('3', '1.1786')).toBe('3.54');
    expect(movementValue('0.5', '0.005')).toBe('0.00');
  });
});
