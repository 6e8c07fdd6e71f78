import { z } from 'zod';
import { defineEvent } from './contract.js';

/** compliance's events: approvals (four eyes), legal holds, policies and the audit trail's checkpoints. */

const producer = 'compliance';

export const approvalRequested = defineEvent({
  producer,
  aggregate: 'approval',
  verb: 'requested',
  summary: 'An approval opened: what it is about, the role that must decide, until when.',
  schema: z.object({
    approvalId: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    requiredRole: z.string(),
    amount: z.string().nullable(),
    currency: z.string().nullable(),
    requestedBy: z.string(),
    expiresAt: z.string(),
  }),
});

const approvalStep = z.object({
  step: z.number(),
  role: z.string(),
  decidedBy: z.string(),
  approve: z.boolean(),
});

export const approvalDecided = defineEvent({
  producer,
  aggregate: 'approval',
  verb: 'decided',
  summary: "The final word on an approval, which the subject's owner acts on (accounting posts or rejects).",
  schema: z.object({
    approvalId: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    status: z.enum(['APPROVED', 'REJECTED', 'EXPIRED']),
    decidedBy: z.string().nullable(),
    comment: z.string().nullable(),
    /**
     * The id of the event that asked for this approval (e.g. accounting's approval_requested): the owning
     * service applies only the decision on the approval it asked for. Null for approvals asked through the graph.
     */
    requestEventId: z.string().nullable().optional(),
    /** The role the first step needed (the second step always needs an admin). */
    requiredRole: z.string().optional(),
    stepsRequired: z.number().optional(),
    /** Every step decided, in order, with the role it needed. */
    steps: z.array(approvalStep).optional(),
  }),
});

export const approvalStepApproved = defineEvent({
  producer,
  aggregate: 'approval',
  verb: 'step_approved',
  summary: 'A first step approved; the approval waits for its second.',
  schema: z.object({
    approvalId: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    step: z.number(),
  }),
});

const legalHold = z.object({
  legalHoldId: z.string(),
  documentId: z.string(),
  reason: z.string(),
  placedBy: z.string(),
});

export const legalHoldPlaced = defineEvent({
  producer,
  aggregate: 'legal_hold',
  verb: 'placed',
  summary: 'A legal hold on a document: documents obeys (no deletion, replacement or purge) and confirms.',
  schema: legalHold,
});

export const legalHoldReleased = defineEvent({
  producer,
  aggregate: 'legal_hold',
  verb: 'released',
  summary: 'A legal hold released: documents lifts it and confirms.',
  schema: legalHold,
});

export const policyPublished = defineEvent({
  producer,
  aggregate: 'policy',
  verb: 'published',
  summary: 'A policy version published; employeesAsked are asked to acknowledge it.',
  schema: z.object({
    policyId: z.string(),
    key: z.string(),
    version: z.number(),
    title: z.string(),
    effectiveDate: z.string(),
    employeesAsked: z.number(),
  }),
});

export const policyAcknowledged = defineEvent({
  producer,
  aggregate: 'policy',
  verb: 'acknowledged',
  summary: 'An employee acknowledged a policy version.',
  schema: z.object({ policyId: z.string(), version: z.number(), employeeId: z.string() }),
});

export const auditCheckpoint = defineEvent({
  producer,
  aggregate: 'audit',
  verb: 'checkpoint',
  summary: "The audit trail's head (sequence and hash), published so a later rewrite of the trail shows.",
  schema: z.object({ sequence: z.number(), hash: z.string() }),
});
