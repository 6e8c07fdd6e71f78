import { type Role, conflict, forbidden } from '@backoffice/kit';
import { Decimal } from 'decimal.js';

export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** What the rules need to know of an approval; the entity satisfies it. */
export interface ApprovalFacts {
  id: string;
  status: ApprovalStatus;
  requiredRole: string;
  stepsRequired: number;
  requestedBy: string;
  requestedByEmployeeId: string | null;
  subjectAuthor: string | null;
  expiresAt: Date;
  /** Steps decided so far, in order. */
  steps: { step: number; decidedBy: string; approve: boolean }[];
}

export interface Decider {
  userId: string | null;
  roles: readonly Role[];
  employeeId: string | null;
}

/** Roles an approval may require: the ones whose holders take decisions on money, people or risk. */
export const APPROVER_ROLES: readonly Role[] = [
  'admin',
  'controller',
  'accountant',
  'hr',
  'payroll',
  'compliance_officer',
  'it_agent',
];

/**
 * Subject types whose approvals the owning service asks for itself (over the bus, from the subject's own
 * amount and author) and acts on only when the decision is on its own request. Asking for one through the
 * graph would let a requester pick the role and the amount, so it is refused.
 */
export const GOVERNED_SUBJECT_TYPES: Readonly<Record<string, string>> = {
  journalentry:
    'accounting asks for it itself when a journal entry above the four-eyes threshold is posted or reversed',
  price: 'catalog asks for it itself when a price changes by more than its set percentage',
};

/** The owner's explanation when `subjectType` (in any spelling: JournalEntry, journal_entry) is governed. */
export function governedBy(subjectType: string): string | null {
  return GOVERNED_SUBJECT_TYPES[subjectType.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A subject id as compared everywhere: trimmed, and a UUID in lower case (the same id in any case is one). */
export function normaliseSubjectId(id: string): string {
  const trimmed = id.trim();
  return UUID.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/** A second step, by an admin, above the second threshold; the amount is in the base currency. */
export function stepsRequiredFor(amount: string | null | undefined, secondThreshold: string): 1 | 2 {
  if (amount === null || amount === undefined) return 1;
  return new Decimal(amount).abs().greaterThan(secondThreshold) ? 2 : 1;
}

export function expiryFrom(requestedAt: Date, ttlHours: number): Date {
  return new Date(requestedAt.getTime() + ttlHours * 3_600_000);
}

export function isExpired(approval: Pick<ApprovalFacts, 'status' | 'expiresAt'>, now: Date): boolean {
  return approval.status === 'PENDING' && approval.expiresAt.getTime() <= now.getTime();
}

/** The role the next step needs: the requested role first, an admin for the second step. */
export function roleForStep(approval: Pick<ApprovalFacts, 'requiredRole'>, step: number): Role {
  return (step === 1 ? approval.requiredRole : 'admin') as Role;
}

/** The step a decision now would take; for a finished approval, its last one (whose approvers may ask). */
const nextStep = (a: Pick<ApprovalFacts, 'steps' | 'stepsRequired'>): number =>
  Math.min(a.steps.length + 1, a.stepsRequired);

/** May this person decide what the approval waits for now? Segregation of duties holds for every request. */
export function mayDecide(approval: ApprovalFacts, decider: Decider): boolean {
  const step = nextStep(approval);
  const role = roleForStep(approval, step);
  const holdsRole = decider.roles.includes('admin') || decider.roles.includes(role);
  return holdsRole && !isConflictOfInterest(approval, decider);
}

function isConflictOfInterest(approval: ApprovalFacts, decider: Decider): boolean {
  return (
    decider.userId === approval.requestedBy ||
    (approval.subjectAuthor !== null && decider.userId === approval.subjectAuthor) ||
    (decider.employeeId !== null && decider.employeeId === approval.requestedByEmployeeId)
  );
}

/**
 * Checks a decision before it is recorded and returns the step it decides. Order matters: who the
 * caller is (role, then conflict of interest: FORBIDDEN) before what state the approval is in
 * (CONFLICT), so a person without standing learns nothing about the approval's state.
 */
export function assertMayDecide(approval: ApprovalFacts, decider: Decider, now: Date): number {
  const step = nextStep(approval);
  const role = roleForStep(approval, step);
  if (!decider.userId) throw forbidden('sign in to decide approvals');
  if (!(decider.roles.includes('admin') || decider.roles.includes(role))) {
    throw forbidden(
      step === 1
        ? `this approval needs a decision by someone with the role ${role}`
        : 'the second step of this approval needs an admin',
    );
  }
  if (isConflictOfInterest(approval, decider)) {
    throw forbidden('four eyes: the requester or author of the subject may not decide its approval');
  }
  if (approval.status !== 'PENDING') {
    throw conflict(`approval ${approval.id} was already decided: ${approval.status}`);
  }
  if (isExpired(approval, now))
    throw conflict(`approval ${approval.id} expired and can no longer be decided`);
  if (approval.steps.some((s) => s.decidedBy === decider.userId)) {
    throw conflict('you already decided a step of this approval; the next step needs another person');
  }
  return step;
}

/** The approval's status after a decision on `step`: a rejection ends it, the last approval approves it. */
export function statusAfter(
  approval: Pick<ApprovalFacts, 'stepsRequired'>,
  step: number,
  approve: boolean,
): ApprovalStatus {
  if (!approve) return 'REJECTED';
  return step >= approval.stepsRequired ? 'APPROVED' : 'PENDING';
}
