import type { ServiceDeps } from '@backoffice/kit';
import { AllowanceService } from './allowances/allowance.service.js';
import { config } from './config.js';
import { DepartmentService } from './departments/department.service.js';
import { EmployeeService } from './employees/employee.service.js';
import { LeaveService } from './leave/leave.service.js';
import { PayrollService, loadPayrollRules } from './payroll/payroll.service.js';
import { WorkplaceCostService } from './workplace-cost/workplace-cost.service.js';

export interface HrServices {
  departments: DepartmentService;
  employees: EmployeeService;
  allowances: AllowanceService;
  leave: LeaveService;
  payroll: PayrollService;
  workplaceCost: WorkplaceCostService;
}

export function hrServices({ db }: ServiceDeps): HrServices {
  const employees = new EmployeeService(db, config.COUNTRY);
  return {
    departments: new DepartmentService(db),
    employees,
    allowances: new AllowanceService(db, employees),
    leave: new LeaveService(db, config.ANNUAL_LEAVE_DAYS),
    payroll: new PayrollService(
      db,
      loadPayrollRules(config.WITHHOLDING_TABLE_PATH, config.PENSION_EMPLOYEE_RATE),
    ),
    workplaceCost: new WorkplaceCostService(db),
  };
}
