import { describe, expect, it } from 'vitest';
import { lastWeeks, weekOf, weeklyCounts } from '../../apps/console/src/ticket-trend.js';

/** The service desk's weekly trend as the console counts it from the tickets (no browser needed). */
describe('the service desk trend', () => {
  it('puts a time in the week of its Monday (UTC), Sunday night included', () => {
    expect(weekOf('2026-11-30T00:00:00Z')).toBe('2026-11-30');
    expect(weekOf('2026-12-06T23:59:59Z')).toBe('2026-11-30');
    expect(weekOf('2026-12-07T00:00:00Z')).toBe('2026-12-07');
    expect(weekOf('2027-01-01T12:00:00Z')).toBe('2026-12-28');
  });

  it('names the last weeks oldest first, this week last', () => {
    expect(lastWeeks(3, new Date('2026-12-04T22:00:00Z'))).toEqual([
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
  });

  it('counts a ticket opened in its creation week, resolved in its resolution week, breached in its due week', () => {
    const weeks = lastWeeks(3, new Date('2026-12-04T22:00:00Z'));
    const counts = weeklyCounts(
      [
        // Opened in the first week, resolved late in the last: breached where it was due.
        {
          createdAt: '2026-11-17T09:00:00Z',
          resolvedAt: '2026-12-01T10:00:00Z',
          sla: { resolutionBreached: true, resolutionDueAt: '2026-11-20T09:00:00Z' },
        },
        // Opened and resolved in time in the second week.
        {
          createdAt: '2026-11-24T09:00:00Z',
          resolvedAt: '2026-11-24T11:00:00Z',
          sla: { resolutionBreached: false, resolutionDueAt: '2026-11-27T09:00:00Z' },
        },
        // Open and late this week.
        {
          createdAt: '2026-12-01T09:00:00Z',
          resolvedAt: null,
          sla: { resolutionBreached: true, resolutionDueAt: '2026-12-01T13:00:00Z' },
        },
        // Before the weeks shown: nothing of it is counted.
        {
          createdAt: '2026-10-01T09:00:00Z',
          resolvedAt: '2026-10-02T09:00:00Z',
          sla: { resolutionBreached: false, resolutionDueAt: '2026-10-06T09:00:00Z' },
        },
      ],
      weeks,
    );
    expect(counts).toEqual([
      { week: '2026-11-16', values: [1, 0, 1] },
      { week: '2026-11-23', values: [1, 1, 0] },
      { week: '2026-11-30', values: [1, 1, 1] },
    ]);
  });
});
