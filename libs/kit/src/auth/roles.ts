/**
 * The roles of the contract, in one place for the services, the gateway and the console. No imports:
 * the console's browser bundle takes this file as it is (`@backoffice/kit/roles`).
 */
export const ROLES = [
  'admin',
  'hr',
  'payroll',
  'accountant',
  'controller',
  'compliance_officer',
  'it_agent',
  'analyst',
  'employee',
  'sales',
  'warehouse',
] as const;
export type Role = (typeof ROLES)[number];

/** A token naming any other role is refused at the gateway. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
