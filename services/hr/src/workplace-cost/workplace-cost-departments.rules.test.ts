import { describe, expect, it } from 'vitest';
import { workplaceCostByDepartment } from './workplace-cost-departments.rules.js';
import type { WorkplaceCostReport } from './workplace-cost.rules.js';

const row = (employeeId: string, allowancesPaid: string) => ({
  employeeId,
  monthsRemote: 2,
  remoteMonths: ['2026-01', '2026-02'],
  seatCostAvoided: '800.00',
  allowancesPaid,
  netSaving: (800 - Number(allowancesPaid)).toFixed(2),
});

const report: WorkplaceCostReport = {
  year: 2026,
  officeSeatMonthlyCost: '400.00',
  rows: [row('a', '60.00'), row('b', '40.00'), row('c', '20.00'), row('d', '99.00')],
  totalSeatCostAvoided: '3200.00',
  totalAllowancesPaid: '219.00',
  totalNetSaving: '2981.00',
};
const departmentOf = new Map([
  ['a', 'sales'],
  ['b', 'sales'],
  ['c', 'sales'],
  ['d', 'legal'],
]);

describe('workplace cost per department', () => {
  it('gives an aggregate-only viewer departments and no people', () => {
    const r = workplaceCostByDepartment(report, departmentOf, false);
    expect(r.rows).toEqual([]);
    expect(r.departments).toEqual([
      // One person behind it: their allowance would be readable, so it is withheld.
      {
        departmentId: 'legal',
        remoteEmployees: 1,
        monthsRemote: 2,
        seatCostAvoided: '800.00',
        allowancesPaid: null,
        netSaving: null,
      },
      {
        departmentId: 'sales',
        remoteEmployees: 3,
        monthsRemote: 6,
        seatCostAvoided: '2400.00',
        allowancesPaid: '120.00',
        netSaving: '2280.00',
      },
    ]);
    // The totals cover sales only: 219.00 - 120.00 would be legal's one person's allowance.
    expect(r.totalAllowancesPaid).toBe('120.00');
    expect(r.totalNetSaving).toBe('2280.00');
    expect(r.totalSeatCostAvoided).toBe('3200.00');
  });
  it('gives hr and payroll the people and every department in full', () => {
    const r = workplaceCostByDepartment(report, departmentOf, true);
    expect(r.rows).toHaveLength(4);
    expect(r.totalAllowancesPaid).toBe('219.00');
    expect(r.departments[0]).toMatchObject({
      departmentId: 'legal',
      allowancesPaid: '99.00',
      netSaving: '701.00',
    });
  });
  it('refuses a row whose employee has no department', () => {
    expect(() => workplaceCostByDepartment(report, new Map(), true)).toThrow(/no department/);
  });
});
