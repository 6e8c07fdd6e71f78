import { type Caller, type Role, hasRole, isSelf } from '@backoffice/kit';
import type { Classification } from './document.entity.js';

/**
 * Who reads which document. The same rule twice, side by side: as a function for one document in
 * hand, and as SQL for lists and search, so an unreadable document never leaves the database.
 *   - STRICTLY_CONFIDENTIAL: only users with an explicit grant;
 *   - anyone with a grant, the owner employee, the uploader, compliance_officer and admin read the rest;
 *   - hr reads personnel files and payslips; accountant reads invoices.
 */
export const TYPES_READ_BY_ROLE: Partial<Record<Role, string[]>> = {
  hr: ['personnel_file', 'payslip'],
  accountant: ['invoice'],
};

/** The document types the caller reads by role (beyond their own documents and grants). */
export function typesReadBy(caller: Caller): string[] {
  return [...new Set(caller.identity.roles.flatMap((r) => TYPES_READ_BY_ROLE[r] ?? []))];
}

export interface AccessFacts {
  classification: Classification;
  ownerEmployeeId: string | null;
  documentType: string | null;
  createdBy: string | null;
}

export function mayRead(caller: Caller, doc: AccessFacts, granted: boolean): boolean {
  if (!caller.identity.userId) return false;
  if (granted) return true;
  if (doc.classification === 'STRICTLY_CONFIDENTIAL') return false;
  if (hasRole(caller, 'compliance_officer')) return true;
  if (isSelf(caller, doc.ownerEmployeeId)) return true;
  if (doc.createdBy === caller.identity.userId) return true;
  return !!doc.documentType && typesReadBy(caller).includes(doc.documentType);
}

/** Who may file documents: the back-office roles for anyone, an employee for themself. */
export function mayUpload(caller: Caller, ownerEmployeeId: string | null): boolean {
  return hasRole(caller, 'hr', 'accountant', 'compliance_officer') || isSelf(caller, ownerEmployeeId);
}

/** Who may add versions and delete: those who read it and file such documents, or its uploader. */
export function mayChange(caller: Caller, doc: AccessFacts): boolean {
  return (
    mayUpload(caller, doc.ownerEmployeeId) || (!!doc.createdBy && doc.createdBy === caller.identity.userId)
  );
}

/**
 * The SQL form of `mayRead` for alias `d`, with TypeORM named parameters. Deleted documents are
 * excluded here too: lists and search never show them.
 */
export function readableSql(caller: Caller, alias = 'd'): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {
    readerUserId: caller.identity.userId ?? '',
    readerEmployeeId: caller.identity.employeeId ?? '00000000-0000-0000-0000-000000000000',
    readerTypes: typesReadBy(caller),
  };
  const granted = `EXISTS (SELECT 1 FROM document_grant g WHERE g.document_id = ${alias}.id AND g.user_id = :readerUserId)`;
  const byRole = hasRole(caller, 'compliance_officer')
    ? 'true'
    : `(${alias}.owner_employee_id = :readerEmployeeId OR ${alias}.created_by = :readerUserId OR ${alias}.document_type = ANY(:readerTypes))`;
  const sql = `(${alias}.deleted_at IS NULL AND (${granted} OR (${alias}.classification <> 'STRICTLY_CONFIDENTIAL' AND ${byRole})))`;
  return { sql: caller.identity.userId ? sql : 'false', params };
}
