import type { ApprovalDecidedData } from '@backoffice/events';
import { Decimal } from 'decimal.js';

/** The role whose holder approves a journal entry's first step; the second step is always an admin's. */
export const ENTRY_APPROVER_ROLE = 'controller';

/** What accounting asked compliance for when an entry started waiting: the only approval it will act on. */
export interface ApprovalAsked {
  requestEventId: string;
  requiredRole: string;
  stepsRequired: number;
  /** The entry's author as accounting recorded it: never one of its approvers. */
  author: string;
}

export type Verdict = { apply: 'POST' | 'REJECT' } | { ignore: string };

/** Four eyes above the threshold; above the second threshold a second step by an admin as well. */
export function stepsFor(total: string, secondThreshold: string): 1 | 2 {
  return new Decimal(total).abs().greaterThan(secondThreshold) ? 2 : 1;
}

/** The role a step needs: the asked role first, an admin for the second. */
export const roleForStep = (asked: Pick<ApprovalAsked, 'requiredRole'>, step: number) =>
  step === 1 ? asked.requiredRole : 'admin';

/**
 * Whether a decision from compliance settles what accounting asked: the same request, and for an approval
 * the asked role, every asked step approved by a different person in the role that step needs, none of them
 * the author. Anything else is someone else's decision about this subject and changes nothing here.
 */
export function judgeDecision(asked: ApprovalAsked, decision: ApprovalDecidedData): Verdict {
  if (!decision.requestEventId || decision.requestEventId !== asked.requestEventId)
    return { ignore: 'not the approval this entry asked for' };
  if (decision.status === 'REJECTED' || decision.status === 'EXPIRED') return { apply: 'REJECT' };
  if (decision.status !== 'APPROVED') return { ignore: `unknown decision ${String(decision.status)}` };
  if (decision.requiredRole !== asked.requiredRole)
    return { ignore: `approved in the role ${decision.requiredRole}, asked for ${asked.requiredRole}` };
  const approved = (decision.steps ?? []).filter((s) => s.approve);
  if (approved.length < asked.stepsRequired)
    return { ignore: `${approved.length} of ${asked.stepsRequired} steps approved` };
  const deciders = new Set<string>();
  for (let step = 1; step <= asked.stepsRequired; step++) {
    const s = approved.find((a) => a.step === step);
    if (!s) return { ignore: `step ${step} was not approved` };
    if (s.role !== roleForStep(asked, step))
      return { ignore: `step ${step} needed ${roleForStep(asked, step)}, was decided as ${s.role}` };
    if (s.decidedBy === asked.author) return { ignore: 'the author may not approve their own entry' };
    if (deciders.has(s.decidedBy)) return { ignore: 'one person approved two steps' };
    deciders.add(s.decidedBy);
  }
  if (!decision.decidedBy || decision.decidedBy === asked.author)
    return { ignore: 'the final approver is missing or is the author' };
  return { apply: 'POST' };
}
