/** The contract error codes a business rule of hr may answer; the lead maps them to GraphQL errors. */
export type DomainRuleCode = 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN';

/**
 * A broken business rule of hr: thrown by the pure rules (payroll, leave, contracts, workplace cost),
 * which know nothing of GraphQL or the database. `field` names the offending input where there is one
 * (e.g. `endDate`, `contracts[1].fte`). The name is `DomainRuleError` because the kit recognises
 * errors by that name and turns them into GraphQL errors with the same code.
 */
export class DomainRuleError extends Error {
  constructor(
    readonly code: DomainRuleCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

export const badUserInput = (message: string, field?: string): DomainRuleError =>
  new DomainRuleError('BAD_USER_INPUT', message, field);
export const ruleConflict = (message: string, field?: string): DomainRuleError =>
  new DomainRuleError('CONFLICT', message, field);
export const ruleForbidden = (message: string, field?: string): DomainRuleError =>
  new DomainRuleError('FORBIDDEN', message, field);
