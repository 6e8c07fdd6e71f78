import { type ApprovalDecidedData, type Identity, domainEvent } from '@backoffice/kit';
import type { Approval } from './approval.entity.js';

export interface ApprovalRequestedData {
  approvalId: string;
  subjectType: string;
  subjectId: string;
  requiredRole: string;
  amount: string | null;
  currency: string | null;
  requestedBy: string;
  expiresAt: string;
}

export const approvalRequested = (a: Approval, actor: Pick<Identity, 'userId'> | null) =>
  domainEvent<ApprovalRequestedData>(
    'compliance',
    'approval.requested',
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

/** The final word on an approval, which the subject's owner acts on (accounting posts or rejects). */
export const approvalDecided = (a: Approval, actor: Pick<Identity, 'userId'> | null) =>
  domainEvent<ApprovalDecidedData>(
    'compliance',
    'approval.decided',
    a.id,
    {
      approvalId: a.id,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      status: a.status as ApprovalDecidedData['status'],
      decidedBy: a.decidedBy,
      comment: a.comment,
    },
    actor,
  );

/** A first step approved; the approval waits for its second. */
export const approvalStepApproved = (a: Approval, step: number, actor: Pick<Identity, 'userId'>) =>
  domainEvent(
    'compliance',
    'approval.step_approved',
    a.id,
    { approvalId: a.id, subjectType: a.subjectType, subjectId: a.subjectId, step },
    actor,
  );
