import type { SubgraphDefinition } from '@backoffice/kit';
import { Allowance } from './allowances/allowance.entity.js';
import { allowanceResolvers } from './allowances/allowance.resolvers.js';
import { ContractVersionRow } from './contracts/contract.entity.js';
import { Department } from './departments/department.entity.js';
import { departmentResolvers } from './departments/department.resolvers.js';
import { Employee, EmployeeStatusChange } from './employees/employee.entity.js';
import { employeeResolvers } from './employees/employee.resolvers.js';
import { LeaveRequest } from './leave/leave.entity.js';
import { leaveResolvers } from './leave/leave.resolvers.js';
import { People1764201700000 } from './migrations/1764201700000-people.js';
import { PayAndLeave1764201750000 } from './migrations/1764201750000-pay-and-leave.js';
import { CountryRules1764202100000 } from './migrations/1764202100000-country-rules.js';
import { Positions1764202300000 } from './migrations/1764202300000-positions.js';
import { SegregationOfDuties1764202400000 } from './migrations/1764202400000-segregation-of-duties.js';
import { WageTaxCredit1764202500000 } from './migrations/1764202500000-wage-tax-credit.js';
import { WageTaxTable1764202600000 } from './migrations/1764202600000-wage-tax-table.js';
import { PayrollRun, PayslipRow } from './payroll/payroll.entity.js';
import { payrollResolvers } from './payroll/payroll.resolvers.js';
import { type HrServices, hrServices } from './services.js';
import { Workday } from './workdays/workday.entity.js';
import { workdayResolvers } from './workdays/workday.resolvers.js';
import { workplaceCostResolvers } from './workplace-cost/workplace-cost.resolvers.js';

/** Everything the hr subgraph is made of, registered explicitly. */
export const hrSubgraph: SubgraphDefinition<HrServices> = {
  name: 'hr',
  schemaDir: import.meta.dirname,
  entities: [
    Department,
    Employee,
    EmployeeStatusChange,
    ContractVersionRow,
    Allowance,
    LeaveRequest,
    PayrollRun,
    PayslipRow,
    Workday,
  ],
  migrations: [
    People1764201700000,
    PayAndLeave1764201750000,
    CountryRules1764202100000,
    Positions1764202300000,
    SegregationOfDuties1764202400000,
    WageTaxCredit1764202500000,
    WageTaxTable1764202600000,
  ],
  services: hrServices,
  resolvers: [
    departmentResolvers,
    employeeResolvers,
    allowanceResolvers,
    leaveResolvers,
    payrollResolvers,
    workplaceCostResolvers,
    workdayResolvers,
  ],
};
