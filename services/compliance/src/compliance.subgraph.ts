import type { SubgraphDefinition } from '@backoffice/kit';
import { Approval, ApprovalStep } from './approvals/approval.entity.js';
import { approvalResolvers } from './approvals/approval.resolvers.js';
import { journalEntryApprovalRequestedHandler } from './approvals/journal-entry-approval-requested.handler.js';
import { priceApprovalRequestedHandler } from './approvals/price-approval-requested.handler.js';
import { AuditCheckpoint, AuditEntry } from './audit/audit.entity.js';
import { auditTrailHandler } from './audit/audit.handler.js';
import { auditResolvers } from './audit/audit.resolvers.js';
import { config } from './config.js';
import { documentEventsHandler } from './documents/document-events.handler.js';
import { documentResolvers } from './documents/document.resolvers.js';
import { KnownDocument } from './documents/known-document.entity.js';
import { employeeHiredHandler, employeeTerminatedHandler } from './employees/employee-events.handler.js';
import { KnownEmployee } from './employees/known-employee.entity.js';
import { journalEntryReversedHandler, ticketSlaBreachedHandler } from './findings/findings.handlers.js';
import { findingsResolvers } from './findings/findings.resolvers.js';
import { LegalHold } from './legal-holds/legal-hold.entity.js';
import { legalHoldConfirmedHandler } from './legal-holds/legal-hold-confirmed.handler.js';
import { legalHoldResolvers } from './legal-holds/legal-hold.resolvers.js';
import { Compliance1764202000000 } from './migrations/1764202000000-compliance.js';
import { LegalHoldConfirmed1764202950000 } from './migrations/1764202950000-legal-hold-confirmed.js';
import { ApprovalsOwned1764202710000 } from './migrations/1764202710000-approvals-owned.js';
import { AuditProducer1764203100000 } from './migrations/1764203100000-audit-producer.js';
import { Policy, PolicyAcknowledgement, PolicyVersion } from './policies/policy.entity.js';
import { policyResolvers } from './policies/policy.resolvers.js';
import { type ComplianceServices, complianceServices } from './services.js';

/** Everything the compliance subgraph is made of, registered explicitly. */
export const complianceSubgraph: SubgraphDefinition<ComplianceServices> = {
  name: 'compliance',
  schemaDir: import.meta.dirname,
  entities: [
    AuditEntry,
    AuditCheckpoint,
    Approval,
    ApprovalStep,
    Policy,
    PolicyVersion,
    PolicyAcknowledgement,
    LegalHold,
    KnownDocument,
    KnownEmployee,
  ],
  migrations: [
    Compliance1764202000000,
    ApprovalsOwned1764202710000,
    LegalHoldConfirmed1764202950000,
    AuditProducer1764203100000,
  ],
  services: complianceServices,
  resolvers: [
    auditResolvers,
    approvalResolvers,
    policyResolvers,
    legalHoldResolvers,
    documentResolvers,
    findingsResolvers,
  ],
  handlers: (services) => [
    auditTrailHandler(services.audit),
    journalEntryApprovalRequestedHandler(services.approvals),
    priceApprovalRequestedHandler(services.approvals),
    employeeHiredHandler(services.policies),
    employeeTerminatedHandler(services.policies),
    documentEventsHandler(),
    legalHoldConfirmedHandler(),
    ticketSlaBreachedHandler(),
    journalEntryReversedHandler(),
  ],
  jobs: (services) => [
    {
      name: 'audit-checkpoint',
      everyMs: config.CHECKPOINT_EVERY_MS,
      run: () => services.audit.checkpoint().then(() => undefined),
    },
    {
      name: 'approval-expiry',
      everyMs: config.APPROVAL_EXPIRY_EVERY_MS,
      run: () => services.approvals.expireDue().then(() => undefined),
    },
  ],
};
