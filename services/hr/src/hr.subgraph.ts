import type { SubgraphDefinition } from '@backoffice/kit';
import { ContractVersionRow } from './contracts/contract.entity.js';
import { Department } from './departments/department.entity.js';
import { departmentResolvers } from './departments/department.resolvers.js';
import { Employee, EmployeeStatusChange } from './employees/employee.entity.js';
import { employeeResolvers } from './employees/employee.resolvers.js';
import { People1764201700000 } from './migrations/1764201700000-people.js';
import { type HrServices, hrServices } from './services.js';

/** Everything the hr subgraph is made of, registered explicitly. */
export const hrSubgraph: SubgraphDefinition<HrServices> = {
  name: 'hr',
  schemaDir: import.meta.dirname,
  entities: [Department, Employee, EmployeeStatusChange, ContractVersionRow],
  migrations: [People1764201700000],
  services: hrServices,
  resolvers: [departmentResolvers, employeeResolvers] as never,
};
