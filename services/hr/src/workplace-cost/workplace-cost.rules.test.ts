import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { type WorkplaceCostEmployee, workplaceCostReport } from './workplace-cost.rules.js';

const remoteAllowances = (months: number[], amount = '50.00') =>
  months.map((m) => ({ period: `2024-${String(m).padStart(2, '0')}`, kind: 'REMOTE_WORK', amount }));

const employees: WorkplaceCostEmployee[] = [
  {
    // Remote all year, with a remote work allowance every month and a travel allowance that is not counted.
    employeeId: 'remote',
    workLocations: [{ location: 'REMOTE', from: '2022-01-01', to: null }],
    allowancePayments: [
      ...remoteAllowances([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
      { period: '2024-03', kind: 'TRAVEL', amount: '80.00' },
    ],
  },
  {
    // Office until 16 April, remote from 17 April: April does not count (office on the 15th), May-December do.
    employeeId: 'mover',
    workLocations: [
      { location: 'OFFICE', from: '2020-01-01', to: '2024-04-16' },
      { location: 'REMOTE', from: '2024-04-17', to: '2024-09-14' },
      { location: 'HYBRID', from: '2024-09-15', to: null },
    ],
    // Paid from April, and still paid while HYBRID: only May to August were remote months.
    allowancePayments: remoteAllowances([4, 5, 6, 7, 8, 9, 10], '30.00'),
  },
  {
    employeeId: 'office',
    workLocations: [{ location: 'OFFICE', from: '2020-01-01', to: null }],
    allowancePayments: [],
  },
  {
    // Hybrid is not remote: a hybrid employee still needs a seat.
    employeeId: 'hybrid',
    workLocations: [{ location: 'HYBRID', from: '2020-01-01', to: null }],
    allowancePayments: remoteAllowances([1, 2]),
  },
  {
    // Left on 20 March: January to March were remote, nothing after.
    employeeId: 'leaver',
    workLocations: [{ location: 'REMOTE', from: '2023-06-01', to: '2024-03-20' }],
    allowancePayments: remoteAllowances([1, 2, 3], '600.00'),
  },
];

describe('workplaceCostReport', () => {
  it('counts a month as remote when the employee is REMOTE on the 15th, and totals the rows', () => {
    const report = workplaceCostReport({ year: 2024, officeSeatMonthlyCost: '450.00', employees });
    expect(report.rows).toEqual([
      {
        employeeId: 'remote',
        monthsRemote: 12,
        remoteMonths: Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`),
        seatCostAvoided: '5400.00',
        allowancesPaid: '600.00',
        netSaving: '4800.00',
      },
      {
        employeeId: 'mover',
        monthsRemote: 4,
        remoteMonths: ['2024-05', '2024-06', '2024-07', '2024-08'],
        seatCostAvoided: '1800.00',
        allowancesPaid: '120.00',
        netSaving: '1680.00',
      },
      {
        employeeId: 'leaver',
        monthsRemote: 3,
        remoteMonths: ['2024-01', '2024-02', '2024-03'],
        seatCostAvoided: '1350.00',
        allowancesPaid: '1800.00',
        netSaving: '-450.00',
      },
    ]);
    expect(report).toMatchObject({
      year: 2024,
      officeSeatMonthlyCost: '450.00',
      totalSeatCostAvoided: '8550.00',
      totalAllowancesPaid: '2520.00',
      totalNetSaving: '6030.00',
    });
  });

  it('does not count months outside the employment when its dates are given', () => {
    const rehired: WorkplaceCostEmployee = {
      ...employees[0],
      startDate: '2024-03-16',
      endDate: '2024-10-14',
    };
    const report = workplaceCostReport({ year: 2024, officeSeatMonthlyCost: '100', employees: [rehired] });
    expect(report.rows[0]).toMatchObject({
      monthsRemote: 6,
      seatCostAvoided: '600.00',
      allowancesPaid: '300.00',
    });
    expect(report.officeSeatMonthlyCost).toBe('100.00');
  });

  it('answers an empty report with zero totals', () => {
    const report = workplaceCostReport({
      year: 2024,
      officeSeatMonthlyCost: '450.00',
      employees: [employees[2]],
    });
    expect(report).toMatchObject({
      rows: [],
      totalSeatCostAvoided: '0.00',
      totalAllowancesPaid: '0.00',
      totalNetSaving: '0.00',
    });
  });

  it('refuses a bad seat cost, year, location or overlapping location history', () => {
    expect(() => workplaceCostReport({ year: 2024, officeSeatMonthlyCost: '-1', employees })).toThrow(
      DomainError,
    );
    expect(() => workplaceCostReport({ year: 2024, officeSeatMonthlyCost: 450 as never, employees })).toThrow(
      /decimal string/,
    );
    expect(() => workplaceCostReport({ year: 24.5, officeSeatMonthlyCost: '450', employees })).toThrow(
      /year/,
    );
    const overlapping: WorkplaceCostEmployee = {
      employeeId: 'x',
      workLocations: [
        { location: 'REMOTE', from: '2024-01-01', to: null },
        { location: 'OFFICE', from: '2024-06-01', to: null },
      ],
      allowancePayments: [],
    };
    expect(() =>
      workplaceCostReport({ year: 2024, officeSeatMonthlyCost: '450', employees: [overlapping] }),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const moon = {
      ...overlapping,
      workLocations: [{ location: 'MOON' as never, from: '2024-01-01', to: null }],
    };
    expect(() =>
      workplaceCostReport({ year: 2024, officeSeatMonthlyCost: '450', employees: [moon] }),
    ).toThrow(/OFFICE, REMOTE or HYBRID/);
  });
});
