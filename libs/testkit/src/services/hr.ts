/** The hr service as benchmarks drive it: its subgraph, and payroll's rules and calculation on their own. */
export { config } from '../../../../services/hr/src/config.js';
export { hrSubgraph } from '../../../../services/hr/src/hr.subgraph.js';
export { calculatePayslip } from '../../../../services/hr/src/payroll/payroll.rules.js';
export { loadPayrollRules } from '../../../../services/hr/src/payroll/payroll.service.js';
