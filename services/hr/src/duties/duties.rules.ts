import { forbidden } from '@backoffice/kit/errors';

/**
 * Segregation of duties in hr and payroll, in one place. The services call these before they change
 * anything; each answers FORBIDDEN with what to do instead. Plain data in, no database, so every rule
 * is tested on its own (duties.rules.test.ts) and through the gateway (test/security/insider-duties).
 */

/** Who is asking: the signed-in user and, when their token names one, the employee they are. */
export interface Caller {
  userId: string | null;
  employeeId?: string | null;
}

/** The pay data of a person: what decides what they are paid, or where it goes. */
export type PayData = 'contract' | 'bank account' | 'allowance';

/**
 * Nobody changes their own contract, bank account or allowances, whatever their roles (admin too):
 * a raise, a redirected salary or an allowance granted to oneself needs a second person. Compared on the
 * employee the caller's token names; a caller whose token names no employee is not that employee.
 */
export function assertNotOwnPayData(caller: Caller, targetEmployeeId: string, what: PayData): void {
  if (caller.employeeId && caller.employeeId.toLowerCase() === targetEmployeeId.toLowerCase())
    throw forbidden(
      `nobody changes their own ${what}; ask a colleague in hr${what === 'allowance' ? ' or payroll' : ''} to make this change`,
      what === 'bank account' ? 'iban' : 'employeeId',
    );
}

/** Who had a hand in a payroll run before it is finalized. */
export interface PayrollRunHands {
  /** The user who last calculated the run (its payslips as they are). */
  calculatedBy: string | null;
  /** Every user who changed pay data (contracts, allowances) that went into the calculation. */
  payDataChangedBy: readonly string[];
}

/**
 * Four eyes on pay: the person who calculated a run, or changed pay data that went into it, does not
 * finalize it; a second payroll person checks and releases it. A small company may switch this off
 * explicitly (PAYROLL_FOUR_EYES=false), never by default; the finalizer is still recorded either way.
 */
export function assertMayFinalize(finalizer: Caller, run: PayrollRunHands, fourEyes: boolean): void {
  if (!fourEyes) return;
  if (!finalizer.userId) throw forbidden('finalizing a payroll run needs a signed-in user');
  if (run.calculatedBy === finalizer.userId)
    throw forbidden(
      'you calculated this payroll run, so a second person in payroll must finalize it (four eyes)',
      'id',
    );
  if (run.payDataChangedBy.includes(finalizer.userId))
    throw forbidden(
      'you changed pay data that went into this payroll run, so a second person in payroll must finalize it (four eyes)',
      'id',
    );
}

/** The user of the latest pay data change, and everyone who made one, from changes oldest first. */
export function payDataHands(changes: readonly { changedBy: string | null }[]): {
  lastPayDataChangeBy: string | null;
  payDataChangedBy: string[];
} {
  const users = changes.map((c) => c.changedBy).filter((u): u is string => !!u);
  return { lastPayDataChangeBy: users.at(-1) ?? null, payDataChangedBy: [...new Set(users)].sort() };
}
