import type { ServiceDeps } from '@backoffice/kit';
import { AllowanceService } from './allowances/allowance.service.js';
import { config } from './config.js';
import { ContractService } from './contracts/contract.service.js';
import { DepartmentService } from './departments/department.service.js';
import { EmployeeService } from './employees/employee.service.js';
import { LeaveService } from './leave/leave.service.js';
import { PayrollService, loadPayrollRules, optionalAmount } from './payroll/payroll.service.js';
import { PayrollCostService } from './payroll/payroll-cost.service.js';
import { loadRulePacks } from './rule-packs/rule-pack.js';
import { WorkdayService } from './workdays/workday.service.js';
import { WorkplaceCostService } from './workplace-cost/workplace-cost.service.js';

export interface HrServices {
  departments: DepartmentService;
  employees: EmployeeService;
  contracts: ContractService;
  allowances: AllowanceService;
  leave: LeaveService;
  payroll: PayrollService;
  payrollCosts: PayrollCostService;
  workplaceCost: WorkplaceCostService;
  workdays: WorkdayService;
}

export function hrServices({ db }: ServiceDeps): HrServices {
  const employees = new EmployeeService(db, config.COUNTRY);
  const packs = loadRulePacks(config.RULE_PACKS_DIR);
  return {
    departments: new DepartmentService(db),
    employees,
    contracts: new ContractService(db),
    allowances: new AllowanceService(db, employees),
    leave: new LeaveService(db, config.ANNUAL_LEAVE_DAYS, packs),
    payroll: new PayrollService(
      db,
      loadPayrollRules(config.WITHHOLDING_TABLE_PATH, config.PENSION_EMPLOYEE_RATE, {
        packs,
        pay: {
          holidayAllowanceRate: optionalAmount(config.HOLIDAY_ALLOWANCE_RATE),
          holidayAllowancePayoutMonth: config.HOLIDAY_ALLOWANCE_MONTH,
          homeWorkingDailyRate: optionalAmount(config.HOME_WORKING_DAILY_RATE),
          commutingKmRate: optionalAmount(config.COMMUTING_KM_RATE),
        },
        nlPremiums: { awf: config.NL_AWF_PREMIUM, aof: config.NL_AOF_PREMIUM },
      }),
      config.PAYROLL_FOUR_EYES,
    ),
    payrollCosts: new PayrollCostService(db),
    workplaceCost: new WorkplaceCostService(db),
    workdays: new WorkdayService(db, employees),
  };
}
