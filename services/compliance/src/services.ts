import type { ServiceDeps } from '@backoffice/kit';
import { ApprovalService } from './approvals/approval.service.js';
import { AuditService } from './audit/audit.service.js';
import { config } from './config.js';
import { DocumentViewService } from './documents/document.service.js';
import { FindingsService } from './findings/findings.service.js';
import { LegalHoldService } from './legal-holds/legal-hold.service.js';
import { PolicyService } from './policies/policy.service.js';

export interface ComplianceServices {
  audit: AuditService;
  approvals: ApprovalService;
  policies: PolicyService;
  legalHolds: LegalHoldService;
  documents: DocumentViewService;
  findings: FindingsService;
}

export function complianceServices({ db }: ServiceDeps): ComplianceServices {
  return {
    audit: new AuditService(db),
    approvals: new ApprovalService(db, {
      secondApprovalThreshold: config.SECOND_APPROVAL_THRESHOLD,
      ttlHours: config.APPROVAL_TTL_HOURS,
    }),
    policies: new PolicyService(db),
    legalHolds: new LegalHoldService(db, config.LEGAL_HOLD_CONFIRM_TIMEOUT_MS),
    documents: new DocumentViewService(db),
    findings: new FindingsService(db),
  };
}
