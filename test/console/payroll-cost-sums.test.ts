import { describe, expect, it } from 'vitest';
import { type CostRun, lastMonths, monthlyCost } from '../../apps/console/src/payroll-cost.js';

/** The payroll cost per month as the console adds it up from the runs (no browser needed). */
const run = (
  period: string,
  status: string,
  gross: string,
  allowances: string,
  employer: string,
): CostRun => ({
  period,
  status,
  currency: 'EUR',
  totalGross: gross,
  totalAllowances: allowances,
  totalEmployerContributions: employer,
});

describe('the payroll cost per month', () => {
  it('names the twelve months up to one, oldest first, across a year', () => {
    const months = lastMonths(12, '2026-02');
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-03');
    expect(months.slice(-3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('adds up finalized runs exactly, in cents, and leaves out months without one', () => {
    const months = lastMonths(3, '2026-11');
    const costs = monthlyCost(
      [
        run('2026-11', 'FINALIZED', '0.10', '0.20', '1234567890.05'),
        run('2026-11', 'FINALIZED', '0.20', '0.00', '0.01'),
        run('2026-10', 'CALCULATED', '5400.00', '0.00', '600.00'),
        run('2025-11', 'FINALIZED', '5400.00', '0.00', '600.00'),
      ],
      months,
    );
    // 0.1 + 0.2 is 0.30000000000000004 in floats; a float would also lose the cent of the large sum.
    expect(costs).toEqual([
      {
        period: '2026-11',
        currency: 'EUR',
        gross: '0.30',
        allowances: '0.20',
        employerContributions: '1234567890.06',
        total: '1234567890.56',
      },
    ]);
  });

  it('has nothing to draw for a year without finalized runs', () => {
    expect(
      monthlyCost([run('2026-01', 'FINALIZED', '1.00', '0.00', '0.00')], lastMonths(12, '2019-12')),
    ).toEqual([]);
  });
});
