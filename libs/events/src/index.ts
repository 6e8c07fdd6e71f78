import * as accounting from './accounting.js';
import * as compliance from './compliance.js';
import { type Consumer, type Data, EVENT_ROOT, type EventContract, type Subscription } from './contract.js';
import { CONSUMERS } from './consumers.js';
import * as documents from './documents.js';
import * as hr from './hr.js';
import * as it from './it.js';
import * as catalog from './catalog.js';

/**
 * The event contracts between services, one module per producing service (`hr.employeeHired`, ...):
 * each event's type, producer and payload schema, written once. Producers build events with the kit's
 * `domainEvent(contract, ...)`, consumers declare a `consumer` of `CONSUMERS`, and the kit checks every
 * payload it hands a handler against the contract.
 */

export * from './contract.js';
export { CONSUMERS } from './consumers.js';
export { LEGAL_HOLD_CUSTODIANS } from './documents.js';
export type { PayrollCostCenterTotals } from './hr.js';
export { accounting, catalog, compliance, documents, hr, it };

/* The payloads by the names the services used before the contracts moved here. */
export type EmployeeHiredData = Data<typeof hr.employeeHired>;
export type EmployeeTerminatedData = Data<typeof hr.employeeTerminated>;
export type PayrollRunFinalizedData = Data<typeof hr.payrollRunFinalized>;
export type LeaveRequestedData = Data<typeof hr.leaveRequested>;
export type JournalEntryApprovalRequestedData = Data<typeof accounting.journalEntryApprovalRequested>;
export type ApprovalDecidedData = Data<typeof compliance.approvalDecided>;
export type ApprovalStepData = NonNullable<ApprovalDecidedData['steps']>[number];
export type LegalHoldData = Data<typeof compliance.legalHoldPlaced>;
export type LegalHoldAppliedData = Data<typeof documents.legalHoldApplied>;
export type LegalHoldLiftedData = Data<typeof documents.legalHoldLifted>;
export type DocumentEventData = Data<typeof documents.documentUploaded>;
export type DocumentAccessData = Data<typeof documents.documentAccessRequested>;
export type TicketSlaBreachedData = Data<typeof it.ticketSlaBreached>;

const isContract = (v: unknown): v is EventContract =>
  typeof v === 'object' && v !== null && 'schema' in v && 'type' in v;

/** Every event contract, by producer, then by type (a module's exports have no order to rely on). */
export const CATALOGUE: readonly EventContract[] = [
  hr,
  accounting,
  documents,
  compliance,
  it,
  catalog,
].flatMap((module) =>
  Object.values(module)
    .filter(isContract)
    .sort((a, b) => a.type.localeCompare(b.type)),
);

const byType = new Map(CATALOGUE.map((c) => [c.type, c]));

/** The contract of an event type, if it has one. */
export function contractOf(type: string): EventContract | undefined {
  return byType.get(type);
}

/** Every consumer of every service. */
export const ALL_CONSUMERS: readonly Consumer[] = Object.values(CONSUMERS).flatMap(
  (ofService) => Object.values(ofService) as Consumer[],
);

/** The events a subscription reads: its contracts, or every contract for the whole stream. */
export function contractsRead(reads: Subscription): readonly EventContract[] {
  return reads.contracts ?? CATALOGUE;
}

/**
 * A filter for the events of one service (`eventsOf('hr')`: `backoffice.hr.>`), e.g. for a test's
 * consumer or an operator's query; consumers in production read contracts.
 */
export const eventsOf = (producer: string): string => `${EVENT_ROOT}.${producer}.>`;
