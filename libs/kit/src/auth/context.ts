import { type Identity, type Role, isRole } from './identity.js';
import { forbidden, unauthenticated } from '../errors.js';

/** What every resolver and service method receives first: who is asking. */
export interface Caller {
  identity: Identity;
}

export function isAuthenticated(caller: Caller): boolean {
  return caller.identity.userId !== null;
}

/** `admin` may do what any role may. */
export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.identity.roles.includes('admin') || roles.some((r) => caller.identity.roles.includes(r));
}

export function requireAuthenticated(caller: Caller): void {
  if (!isAuthenticated(caller)) throw unauthenticated();
}

/** The one-liner for a role check in a resolver: `requireRole(ctx, 'hr', 'payroll')`. */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  requireAuthenticated(caller);
  if (!hasRole(caller, ...roles))
    throw forbidden(`needs one of the roles: ${['admin', ...roles].join(', ')}`);
}

/** True when the caller is the employee `employeeId` (their own record). */
export function isSelf(caller: Caller, employeeId: string | null | undefined): boolean {
  return !!employeeId && caller.identity.employeeId === employeeId;
}

export function parseRoles(values: readonly string[]): Role[] {
  for (const v of values) if (!isRole(v)) throw new Error(`unknown role in @requiresRole: ${v}`);
  return values as Role[];
}
