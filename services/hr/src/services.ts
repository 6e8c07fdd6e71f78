import type { ServiceDeps } from '@backoffice/kit';
import { config } from './config.js';
import { DepartmentService } from './departments/department.service.js';
import { EmployeeService } from './employees/employee.service.js';

export interface HrServices {
  departments: DepartmentService;
  employees: EmployeeService;
}

export function hrServices({ db }: ServiceDeps): HrServices {
  return {
    departments: new DepartmentService(db),
    employees: new EmployeeService(db, config.COUNTRY),
  };
}
