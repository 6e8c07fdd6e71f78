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

/** One index-friendly part of the access rule: documents `d` (joined as `from` says) matching `where`. */
export interface ReadableScope {
  /** Names the rule part, for plans and tests. */
  name: 'all' | 'owner' | 'uploader' | 'types' | 'grants';
  from: string;
  where: string;
}

/**
 * `mayRead` a third time, as branches whose union is what the caller reads: each is narrow enough
 * for an index of its own (owner, uploader, document type, the caller's grants), so search finds a
 * caller's documents without first matching text in everyone else's. `param` turns a value into a
 * placeholder of the statement being built. Deleted documents are in no branch.
 */
export function readableScopes(caller: Caller, param: (value: unknown) => string): ReadableScope[] {
  const userId = caller.identity.userId;
  if (!userId) return [];
  const live = 'd.deleted_at IS NULL';
  const notStrict = `${live} AND d.classification <> 'STRICTLY_CONFIDENTIAL'`;
  const grants: ReadableScope = {
    name: 'grants',
    from: 'document_grant g JOIN document d ON d.id = g.document_id',
    where: `g.user_id = ${param(userId)} AND ${live}`,
  };
  if (hasRole(caller, 'compliance_officer')) {
    return [{ name: 'all', from: 'document d', where: notStrict }, grants];
  }
  const scopes: ReadableScope[] = [];
  const employeeId = caller.identity.employeeId;
  if (employeeId) {
    scopes.push({
      name: 'owner',
      from: 'document d',
      where: `d.owner_employee_id = ${param(employeeId)} AND ${notStrict}`,
    });
  }
  scopes.push({
    name: 'uploader',
    from: 'document d',
    where: `d.created_by = ${param(userId)} AND ${notStrict}`,
  });
  const types = typesReadBy(caller);
  if (types.length > 0) {
    scopes.push({
      name: 'types',
      from: 'document d',
      where: `d.document_type = ANY(${param(types)}::text[]) AND ${notStrict}`,
    });
  }
  scopes.push(grants);
  return scopes;
}

/**
 * `mayRead` a fourth time, as the keys a caller holds: a document is readable when its
 * `access_keys` (kept by the triggers of migration 1764203100000) share one with these. The same
 * parts as above: every grant, the uploader, the owner employee, the document types of the caller's
 * roles, and everything but secrets for compliance_officer (admin included, as `hasRole` has it).
 * No user, no keys: nothing is readable.
 */
export function accessKeysOf(caller: Caller): string[] {
  const userId = caller.identity.userId;
  if (!userId) return [];
  const keys = [`g:${userId}`, `u:${userId}`];
  if (hasRole(caller, 'compliance_officer')) keys.push('all');
  // Compared as text, as `isSelf` compares: an id in another case than Postgres writes a uuid matches
  // nothing (readableSql's uuid comparison ignored case; `mayRead`, which opening a document uses, never did).
  if (caller.identity.employeeId) keys.push(`o:${caller.identity.employeeId}`);
  for (const type of typesReadBy(caller)) keys.push(`t:${type}`);
  return keys;
}
