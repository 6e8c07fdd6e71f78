import { type ApprovalDecidedData, compliance } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Approval, ApprovalStep } from './approval.entity.js';
import { roleForStep } from './approval.rules.js';

export const approvalRequested = (a: Approval, actor: Pick<Identity, 'userId'> | null) =>
  domainEvent(
    compliance.approvalRequested,
    a.id,
    {
      approvalId: a.id,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      requiredRole: a.requiredRole,
      amount: a.amount,
      currency: a.currency,
      requestedBy: a.requestedBy,
      expiresAt: a.expiresAt.toISOString(),
    },
    actor,
  );

/**
 * The final word on an approval, which the subject's owner acts on (accounting posts or rejects). It names
 * the request it answers and every step with the role it needed, so the owner can check it got what it asked.
 */
export const approvalDecided = (
  a: Approval,
  steps: readonly Pick<ApprovalStep, 'step' | 'decidedBy' | 'approve'>[],
  actor: Pick<Identity, 'userId'> | null,
) =>
  domainEvent(
    compliance.approvalDecided,
    a.id,
    {
      approvalId: a.id,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      status: a.status as ApprovalDecidedData['status'],
      decidedBy: a.decidedBy,
      comment: a.comment,
      requestEventId: a.sourceEventId,
      requiredRole: a.requiredRole,
      stepsRequired: a.stepsRequired,
      steps: steps.map((s) => ({
        step: s.step,
        role: roleForStep(a, s.step),
        decidedBy: s.decidedBy,
        approve: s.approve,
      })),
    },
    actor,
  );

/** A first step approved; the approval waits for its second. */
export const approvalStepApproved = (a: Approval, step: number, actor: Pick<Identity, 'userId'>) =>
  domainEvent(
    compliance.approvalStepApproved,
    a.id,
    { approvalId: a.id, subjectType: a.subjectType, subjectId: a.subjectId, step },
    actor,
  );
