/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccountType =
  | 'ASSET'
  | 'EQUITY'
  | 'EXPENSE'
  | 'LIABILITY'
  | 'REVENUE';

export type ApprovalStatus =
  | 'APPROVED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REJECTED';

export type AssetKind =
  | 'HARDWARE'
  | 'LICENCE';

export type AssetStatus =
  | 'ASSIGNED'
  | 'IN_REPAIR'
  | 'IN_STOCK'
  | 'RETIRED';

export type AuditFilter = {
  /** The user who caused the event. */
  actor?: string | null | undefined;
  from?: string | null | undefined;
  /** Exact source, e.g. /backoffice/hr. */
  source?: string | null | undefined;
  /** The aggregate id the event is about. */
  subject?: string | null | undefined;
  to?: string | null | undefined;
  /** Exact CloudEvents type, e.g. backoffice.hr.employee.hired. */
  type?: string | null | undefined;
};

export type Classification =
  | 'CONFIDENTIAL'
  | 'INTERNAL'
  | 'PUBLIC'
  | 'STRICTLY_CONFIDENTIAL';

export type ComplianceFindingKind =
  | 'APPROVALS_PAST_DEADLINE'
  | 'JOURNAL_ENTRIES_REVERSED_MORE_THAN_ONCE'
  | 'OVERDUE_ACKNOWLEDGEMENTS'
  | 'TICKET_SLA_BREACHES';

export type ContractInput = {
  currency: string;
  fte: number;
  /** Pay the holiday allowance every month instead of once a year (default false). */
  holidayAllowanceMonthly?: boolean | null | undefined;
  monthlySalary: string;
  /** Contractual hours per week at this FTE; default 40 x FTE. */
  weeklyHours?: string | null | undefined;
};

export type CreateProductInput = {
  /** The English description. */
  description?: string | null | undefined;
  descriptionNl?: string | null | undefined;
  /** The English name. */
  name: string;
  /** The Dutch name; the English one when left out. */
  nameNl?: string | null | undefined;
  productGroup?: string | null | undefined;
  reorderLevel?: string | null | undefined;
  sku: string;
  unit: string;
  /** Default from vatRate: 21 HIGH, 9 LOW, 0 ZERO. */
  vatCode?: VatCode | null | undefined;
  /** Percent: 21, 9 or 0 (accounting's codes); must match vatCode when both are given. */
  vatRate: string;
};

/** Where reading the current version's words for search stands. Title and tags are searchable in any case. */
export type DocumentTextStatus =
  /** Its text is searchable (an image, having none, is DONE too). */
  | 'DONE'
  /** Its text could not be read (damaged, encrypted): found by title and tags only. */
  | 'FAILED'
  /** Stored; its text is being read and joins search shortly. */
  | 'PENDING'
  /** Past a limit of time, memory or size for reading text (e.g. a compression bomb): found by title and tags only. */
  | 'TOO_COMPLEX';

export type EmployeeFilter = {
  departmentId?: string | number | null | undefined;
  managerId?: string | number | null | undefined;
  /** Matches given name, family name or email, case-insensitively. */
  search?: string | null | undefined;
  status?: EmployeeStatus | null | undefined;
  workLocation?: WorkLocation | null | undefined;
};

export type EmployeeStatus =
  | 'ACTIVE'
  | 'TERMINATED';

export type FiscalPeriodStatus =
  | 'CLOSED'
  | 'OPEN';

export type HireEmployeeInput = {
  address?: string | null | undefined;
  contract: ContractInput;
  dateOfBirth?: string | null | undefined;
  departmentId: string | number;
  email: string;
  familyName: string;
  givenName: string;
  iban?: string | null | undefined;
  managerId?: string | number | null | undefined;
  /** The position the employee is hired into, e.g. Payroll specialist. */
  position?: string | null | undefined;
  postcode?: string | null | undefined;
  startDate: string;
  /** ISO 3166 alpha-2; default: the company's COUNTRY */
  workCountry?: string | null | undefined;
  workLocation: WorkLocation;
};

export type InvoiceKind =
  /** We invoice a customer: a receivable. */
  | 'CUSTOMER'
  /** A supplier invoices us: a payable. */
  | 'SUPPLIER';

export type JournalEntryStatus =
  | 'PENDING_APPROVAL'
  | 'POSTED'
  | 'REJECTED'
  | 'REVERSED';

export type JournalLineInput = {
  accountCode: string;
  costCenter?: string | null | undefined;
  credit?: string | null | undefined;
  debit?: string | null | undefined;
  description?: string | null | undefined;
};

/** A language the catalogue keeps its texts in. */
export type Language =
  | 'EN'
  | 'NL';

export type LeaveBucketKind =
  /** The company's leave on top of the statutory hours; lapses five years after its year. */
  | 'EXTRA'
  /** Four times the contractual weekly hours a year (NL); lapses six months after its year. */
  | 'STATUTORY';

export type LeaveStatus =
  | 'APPROVED'
  | 'CANCELLED'
  | 'PENDING'
  | 'REJECTED';

export type LeaveType =
  | 'ANNUAL'
  | 'SICK'
  | 'UNPAID';

/**
 * Where a hold stands: recorded here, then applied by documents (which confirms it back).
 * PENDING: recorded, not yet confirmed by documents (not to be relied on yet); ACTIVE: in force;
 * REFUSED: documents had nothing to hold (no such document, or already purged); RELEASING: released
 * here, documents still holds the document until it confirms; RELEASED.
 */
export type LegalHoldStatus =
  | 'ACTIVE'
  | 'PENDING'
  | 'REFUSED'
  | 'RELEASED'
  | 'RELEASING';

export type PayrollRunStatus =
  | 'CALCULATED'
  | 'DRAFT'
  | 'FINALIZED';

export type PostJournalEntryInput = {
  date: string;
  description: string;
  lines: Array<JournalLineInput>;
  reference?: string | null | undefined;
};

/**
 * A product's price on a list, from a quantity on, for a period (validTo inclusive; null: until changed).
 * Periods of one product, list and minQuantity never overlap (the database refuses it).
 */
export type PriceStatus =
  | 'ACTIVE'
  /** A change above the set percentage, waiting for a controller other than its author (compliance approvals). */
  | 'PENDING_APPROVAL'
  | 'REJECTED';

export type Priority =
  | 'P1'
  | 'P2'
  | 'P3'
  | 'P4';

export type ProductFilter = {
  active?: boolean | null | undefined;
  productGroup?: string | null | undefined;
  /** A SKU prefix or a part of the name (either language), case-insensitive. */
  search?: string | null | undefined;
};

export type RequestLeaveInput = {
  /** Default: the caller's own employee record. */
  employeeId?: string | number | null | undefined;
  endDate: string;
  halfDayEnd?: boolean | null | undefined;
  halfDayStart?: boolean | null | undefined;
  reason?: string | null | undefined;
  startDate: string;
  type: LeaveType;
};

export type ReservationStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'ISSUED'
  | 'RELEASED';

export type SetPriceInput = {
  /** Net, per unit, in the list's currency. */
  amount: string;
  /** The quantity break this price starts at (default 1). */
  minQuantity?: string | null | undefined;
  priceListId: string | number;
  productId: string | number;
  /**
   * From this date; a price of the same break still open then ends the day before (history kept).
   * Overlapping a price that starts on or after this date is a CONFLICT. A change of more than the set
   * percentage against that price waits as PENDING_APPROVAL until another controller approves it.
   */
  validFrom: string;
  validTo?: string | null | undefined;
};

export type StockInput = {
  productId: string | number;
  /** Positive, in the product's unit. */
  quantity: string;
  reference?: string | null | undefined;
  /** A receipt's cost per unit (moves the product's average cost); without it, received at the average. */
  unitCost?: string | null | undefined;
  warehouseId: string | number;
};

export type StockMovementKind =
  | 'ADJUSTMENT'
  | 'ISSUE'
  | 'RECEIPT'
  | 'RELEASE'
  | 'RESERVATION'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT';

export type TicketCategory =
  | 'ACCESS'
  | 'HARDWARE'
  | 'NETWORK'
  | 'OFFBOARDING'
  | 'ONBOARDING'
  | 'OTHER'
  | 'SOFTWARE';

export type TicketStatus =
  | 'CLOSED'
  | 'IN_PROGRESS'
  | 'NEW'
  | 'RESOLVED'
  | 'TRIAGED'
  | 'WAITING_ON_REQUESTER';

export type TransferStockInput = {
  fromWarehouseId: string | number;
  productId: string | number;
  quantity: string;
  reference?: string | null | undefined;
  toWarehouseId: string | number;
};

/** Only the fields given change; null clears reorderLevel, description and productGroup. */
export type UpdateProductInput = {
  active?: boolean | null | undefined;
  descriptionEn?: string | null | undefined;
  descriptionNl?: string | null | undefined;
  nameEn?: string | null | undefined;
  nameNl?: string | null | undefined;
  productGroup?: string | null | undefined;
  reorderLevel?: string | null | undefined;
  /** Refused (CONFLICT) once the product has a price or a stock movement. */
  sku?: string | null | undefined;
  unit?: string | null | undefined;
  vatCode?: VatCode | null | undefined;
  vatRate?: string | null | undefined;
};

/**
 * A VAT code on an invoice line: the rate on the invoice and the box of the return it lands in.
 * Reverse-charged purchases are self-assessed at 21 % (owed in 2a/4a/4b, deductible in 5b).
 */
export type VatCode =
  /** Reverse charge within the EU: sales in 3b, purchases in 4b. */
  | 'EU_REVERSE_CHARGED'
  /** 21 %: sales in 1a. */
  | 'HIGH'
  /** 9 %: sales in 1b. */
  | 'LOW'
  /** Outside the EU: exports in 3a, purchases in 4a. */
  | 'NON_EU'
  /** Domestic reverse charge (btw verlegd): sales in 1e, purchases in 2a. */
  | 'REVERSE_CHARGED'
  /** 0 %: sales in 1e. */
  | 'ZERO';

export type WorkLocation =
  | 'HYBRID'
  | 'OFFICE'
  | 'REMOTE';

export type PriceRowFragment = { id: string, amount: string, amountWithVat: string, vatRate: string, currency: string, minQuantity: string, validFrom: string, validTo: string | null, status: PriceStatus, priceList: { id: string, name: string, currency: string } };

export type StockLevelRowFragment = { onHand: string, reserved: string, available: string, warehouse: { id: string, code: string, name: string } };

export type ConsoleProductsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ProductFilter | null | undefined;
  language?: Language | null | undefined;
}>;


export type ConsoleProductsQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sku: string, name: string, unit: string, vatCode: VatCode, productGroup: string | null, active: boolean, available: string, reorderLevel: string | null } }> } };

export type ConsoleProductQueryVariables = Exact<{
  id: string | number;
  language?: Language | null | undefined;
}>;


export type ConsoleProductQuery = { product: { id: string, sku: string, name: string, nameEn: string, nameNl: string, descriptionEn: string | null, descriptionNl: string | null, unit: string, vatCode: VatCode, vatRate: string, active: boolean, reorderLevel: string | null, productGroup: string | null, available: string, stock: Array<{ onHand: string, reserved: string, available: string, warehouse: { id: string, code: string, name: string } }> } | null, priceLists: Array<{ id: string, name: string, currency: string }> };

export type ConsoleProductPricesQueryVariables = Exact<{
  id: string | number;
  priceListId: string | number;
}>;


export type ConsoleProductPricesQuery = { product: { id: string, prices: Array<{ id: string, amount: string, amountWithVat: string, vatRate: string, currency: string, minQuantity: string, validFrom: string, validTo: string | null, status: PriceStatus, priceList: { id: string, name: string, currency: string } }> } | null };

export type ConsolePriceApprovalsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePriceApprovalsQuery = { approvals: Array<{ id: string, subjectId: string, requiredRole: string, requestedBy: string, canDecide: boolean }> };

export type ConsoleCreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type ConsoleCreateProductMutation = { createProduct: { id: string, sku: string } };

export type ConsoleUpdateProductMutationVariables = Exact<{
  id: string | number;
  input: UpdateProductInput;
}>;


export type ConsoleUpdateProductMutation = { updateProduct: { id: string } };

export type ConsolePriceListsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePriceListsQuery = { priceLists: Array<{ id: string, name: string, currency: string }> };

export type ConsolePriceListProductsQueryVariables = Exact<{
  priceListId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ProductFilter | null | undefined;
  language?: Language | null | undefined;
}>;


export type ConsolePriceListProductsQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sku: string, name: string, vatRate: string, prices: Array<{ id: string, amount: string, amountWithVat: string, vatRate: string, currency: string, minQuantity: string, validFrom: string, validTo: string | null, status: PriceStatus, priceList: { id: string, name: string, currency: string } }> } }> } };

export type ConsoleCreatePriceListMutationVariables = Exact<{
  name: string;
  currency: string;
}>;


export type ConsoleCreatePriceListMutation = { createPriceList: { id: string } };

export type ConsoleSetPriceMutationVariables = Exact<{
  input: SetPriceInput;
}>;


export type ConsoleSetPriceMutation = { setPrice: { id: string, status: PriceStatus } };

export type ConsoleWarehousesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWarehousesQuery = { warehouses: Array<{ id: string, code: string, name: string }> };

export type ConsoleCreateWarehouseMutationVariables = Exact<{
  code: string;
  name: string;
}>;


export type ConsoleCreateWarehouseMutation = { createWarehouse: { id: string } };

export type ConsoleStockQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ProductFilter | null | undefined;
  language?: Language | null | undefined;
}>;


export type ConsoleStockQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, sku: string, name: string, unit: string, reorderLevel: string | null, available: string, stock: Array<{ onHand: string, reserved: string, available: string, warehouse: { id: string, code: string, name: string } }> } }> } };

export type ConsoleStockMovementsQueryVariables = Exact<{
  productId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleStockMovementsQuery = { stockMovements: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: StockMovementKind, quantity: string, reference: string | null, reason: string | null, createdAt: string, createdBy: string | null, warehouse: { id: string, code: string } } }> } };

export type ConsoleReservationsQueryVariables = Exact<{
  productId: string | number;
}>;


export type ConsoleReservationsQuery = { reservations: Array<{ id: string, quantity: string, reference: string | null, expiresAt: string, status: ReservationStatus, createdBy: string | null, warehouse: { id: string, code: string } }> };

export type ConsoleReceiveStockMutationVariables = Exact<{
  input: StockInput;
}>;


export type ConsoleReceiveStockMutation = { receiveStock: { id: string } };

export type ConsoleCountStockMutationVariables = Exact<{
  productId: string | number;
  warehouseId: string | number;
  counted: string;
  reference?: string | null | undefined;
}>;


export type ConsoleCountStockMutation = { countStock: { id: string, quantity: string } | null };

export type ConsoleTransferStockMutationVariables = Exact<{
  input: TransferStockInput;
}>;


export type ConsoleTransferStockMutation = { transferStock: { id: string } };

export type ConsoleReserveStockMutationVariables = Exact<{
  input: StockInput;
  expiresAt?: string | null | undefined;
}>;


export type ConsoleReserveStockMutation = { reserveStock: { id: string, expiresAt: string } };

export type ConsoleReleaseReservationMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleReleaseReservationMutation = { releaseReservation: { id: string, status: ReservationStatus } };

export type TicketRowFragment = { id: string, number: string, title: string, category: TicketCategory, priority: Priority, status: TicketStatus, createdAt: string, sla: { breached: boolean, paused: boolean, responseDueAt: string, resolutionDueAt: string, responseRemainingMinutes: number | null, resolutionRemainingMinutes: number | null }, requester: { id: string, givenName: string, familyName: string }, assignee: { id: string, givenName: string, familyName: string } | null };

export type ApprovalRowFragment = { id: string, status: ApprovalStatus, subjectType: string, subjectId: string, reason: string | null, amount: string | null, currency: string | null, requiredRole: string, requestedBy: string, requestedAt: string, expiresAt: string, canDecide: boolean };

export type DocumentRowFragment = { id: string, title: string, documentType: string | null, classification: Classification, tags: Array<string>, underLegalHold: boolean | null, textStatus: DocumentTextStatus, createdAt: string, currentVersion: { number: number, size: number, mimeType: string, fileName: string | null, contentPath: string } };

export type ConsoleDirectoryQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: EmployeeFilter | null | undefined;
}>;


export type ConsoleDirectoryQuery = { employees: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, givenName: string, familyName: string, email: string, status: EmployeeStatus, workLocation: WorkLocation, department: { id: string, name: string } | null } }> }, departments: Array<{ id: string, name: string, headcount: number }> };

export type ConsoleEmployeeQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleEmployeeQuery = { employee: { id: string, givenName: string, familyName: string, email: string, status: EmployeeStatus, workLocation: WorkLocation, startDate: string, department: { name: string } | null, manager: { id: string, givenName: string, familyName: string } | null } | null, contract: { id: string, contract: { monthlySalary: string, currency: string, fte: number, weeklyHours: string, startDate: string } | null } | null, leave: { id: string, leaveBalance: { year: number, entitled: number, taken: number, planned: number, pending: number, remaining: number } } | null, tickets: { id: string, tickets: Array<{ id: string, number: string, title: string, category: TicketCategory, priority: Priority, status: TicketStatus, createdAt: string, sla: { breached: boolean, paused: boolean, responseDueAt: string, resolutionDueAt: string, responseRemainingMinutes: number | null, resolutionRemainingMinutes: number | null }, requester: { id: string, givenName: string, familyName: string }, assignee: { id: string, givenName: string, familyName: string } | null }> | null } | null, assets: { id: string, assets: Array<{ id: string, tag: string, model: string, kind: AssetKind, status: AssetStatus }> | null } | null, documents: { id: string, documents: Array<{ id: string, title: string, documentType: string | null, classification: Classification, tags: Array<string>, underLegalHold: boolean | null, textStatus: DocumentTextStatus, createdAt: string, currentVersion: { number: number, size: number, mimeType: string, fileName: string | null, contentPath: string } }> | null } | null, acknowledgements: { id: string, acknowledgements: Array<{ policyId: string, version: number, requestedAt: string, acknowledgedAt: string | null, policy: { title: string } | null }> | null } | null };

export type ConsoleLoginDirectoryQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleLoginDirectoryQuery = { employees: { edges: Array<{ node: { id: string, givenName: string, familyName: string } }> } };

export type ConsoleHireMutationVariables = Exact<{
  input: HireEmployeeInput;
}>;


export type ConsoleHireMutation = { hireEmployee: { id: string } };

export type ConsoleMyWorkQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMyWorkQuery = { me: { id: string, givenName: string, leaveRequests: Array<{ id: string, type: LeaveType, startDate: string, endDate: string, days: number, status: LeaveStatus, employee: { givenName: string, familyName: string } }>, acknowledgements: Array<{ policyId: string, version: number, acknowledgedAt: string | null, policy: { title: string } | null }> | null } | null, tickets: { edges: Array<{ node: { id: string, number: string, title: string, category: TicketCategory, priority: Priority, status: TicketStatus, createdAt: string, sla: { breached: boolean, paused: boolean, responseDueAt: string, resolutionDueAt: string, responseRemainingMinutes: number | null, resolutionRemainingMinutes: number | null }, requester: { id: string, givenName: string, familyName: string }, assignee: { id: string, givenName: string, familyName: string } | null } }> }, approvals: Array<{ id: string, status: ApprovalStatus, subjectType: string, subjectId: string, reason: string | null, amount: string | null, currency: string | null, requiredRole: string, requestedBy: string, requestedAt: string, expiresAt: string, canDecide: boolean }> };

export type ConsoleLeaveToDecideQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleLeaveToDecideQuery = { leaveRequests: Array<{ id: string, type: LeaveType, startDate: string, endDate: string, days: number, status: LeaveStatus, employee: { givenName: string, familyName: string } }> };

export type ConsoleDecideApprovalMutationVariables = Exact<{
  id: string | number;
  approve: boolean;
  comment?: string | null | undefined;
}>;


export type ConsoleDecideApprovalMutation = { decideApproval: { id: string, status: ApprovalStatus } };

export type ConsoleDecideLeaveMutationVariables = Exact<{
  id: string | number;
  approve: boolean;
  comment?: string | null | undefined;
}>;


export type ConsoleDecideLeaveMutation = { decideLeave: { id: string, status: LeaveStatus } };

export type ConsoleAcknowledgeMutationVariables = Exact<{
  policyId: string | number;
  version: number;
}>;


export type ConsoleAcknowledgeMutation = { acknowledgePolicy: { acknowledgedAt: string | null } };

export type ConsoleTicketQueueQueryVariables = Exact<{
  status?: Array<TicketStatus> | TicketStatus | null | undefined;
}>;


export type ConsoleTicketQueueQuery = { tickets: { totalCount: number, edges: Array<{ node: { id: string, number: string, title: string, category: TicketCategory, priority: Priority, status: TicketStatus, createdAt: string, sla: { breached: boolean, paused: boolean, responseDueAt: string, resolutionDueAt: string, responseRemainingMinutes: number | null, resolutionRemainingMinutes: number | null }, requester: { id: string, givenName: string, familyName: string }, assignee: { id: string, givenName: string, familyName: string } | null } }> } };

export type ConsoleTicketQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTicketQuery = { ticket: { description: string | null, allowedTransitions: Array<TicketStatus>, id: string, number: string, title: string, category: TicketCategory, priority: Priority, status: TicketStatus, createdAt: string, comments: Array<{ id: string, body: string, internal: boolean, author: string | null, createdAt: string }>, history: Array<{ kind: string, fromValue: string | null, toValue: string | null, changedBy: string | null, changedAt: string }>, sla: { breached: boolean, paused: boolean, responseDueAt: string, resolutionDueAt: string, responseRemainingMinutes: number | null, resolutionRemainingMinutes: number | null }, requester: { id: string, givenName: string, familyName: string }, assignee: { id: string, givenName: string, familyName: string } | null } | null };

export type ConsoleTransitionMutationVariables = Exact<{
  id: string | number;
  to: TicketStatus;
}>;


export type ConsoleTransitionMutation = { transitionTicket: { id: string, status: TicketStatus } };

export type ConsoleCommentMutationVariables = Exact<{
  id: string | number;
  body: string;
  internal?: boolean | null | undefined;
}>;


export type ConsoleCommentMutation = { commentOnTicket: { id: string } };

export type ConsoleAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAgentsQuery = { agents: Array<{ lead: boolean, employee: { id: string, givenName: string, familyName: string } }> };

export type ConsoleAssignTicketMutationVariables = Exact<{
  id: string | number;
  assignee?: string | number | null | undefined;
}>;


export type ConsoleAssignTicketMutation = { assignTicket: { id: string, assignee: { id: string, givenName: string, familyName: string } | null } };

export type ConsoleTicketHistoryQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleTicketHistoryQuery = { tickets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { resolvedAt: string | null, id: string, number: string, title: string, category: TicketCategory, priority: Priority, status: TicketStatus, createdAt: string, sla: { resolutionBreached: boolean, breached: boolean, paused: boolean, responseDueAt: string, resolutionDueAt: string, responseRemainingMinutes: number | null, resolutionRemainingMinutes: number | null }, requester: { id: string, givenName: string, familyName: string }, assignee: { id: string, givenName: string, familyName: string } | null } }> } };

export type LegalHoldRowFragment = { id: string, documentId: string, reason: string, placedBy: string, placedAt: string, status: LegalHoldStatus, active: boolean, releasedBy: string | null, releasedAt: string | null, document: { id: string, title: string } | null };

export type ConsoleLegalHoldsQueryVariables = Exact<{
  documentId?: string | number | null | undefined;
}>;


export type ConsoleLegalHoldsQuery = { legalHolds: Array<{ id: string, documentId: string, reason: string, placedBy: string, placedAt: string, status: LegalHoldStatus, active: boolean, releasedBy: string | null, releasedAt: string | null, document: { id: string, title: string } | null }> };

export type ConsolePlaceLegalHoldMutationVariables = Exact<{
  documentId: string | number;
  reason: string;
}>;


export type ConsolePlaceLegalHoldMutation = { placeLegalHold: { id: string, documentId: string, reason: string, placedBy: string, placedAt: string, status: LegalHoldStatus, active: boolean, releasedBy: string | null, releasedAt: string | null, document: { id: string, title: string } | null } };

export type ConsoleReleaseLegalHoldMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleReleaseLegalHoldMutation = { releaseLegalHold: { id: string, documentId: string, reason: string, placedBy: string, placedAt: string, status: LegalHoldStatus, active: boolean, releasedBy: string | null, releasedAt: string | null, document: { id: string, title: string } | null } };

export type ConsoleDocumentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDocumentsQuery = { documents: { totalCount: number, edges: Array<{ node: { id: string, title: string, documentType: string | null, classification: Classification, tags: Array<string>, underLegalHold: boolean | null, textStatus: DocumentTextStatus, createdAt: string, currentVersion: { number: number, size: number, mimeType: string, fileName: string | null, contentPath: string } } }> } };

export type ConsoleSearchDocumentsQueryVariables = Exact<{
  query: string;
}>;


export type ConsoleSearchDocumentsQuery = { searchDocuments: Array<{ rank: number, snippet: string | null, document: { id: string, title: string, documentType: string | null, classification: Classification, tags: Array<string>, underLegalHold: boolean | null, textStatus: DocumentTextStatus, createdAt: string, currentVersion: { number: number, size: number, mimeType: string, fileName: string | null, contentPath: string } } }> };

export type ConsoleDocumentVersionsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDocumentVersionsQuery = { document: { id: string, title: string, underLegalHold: boolean | null, retentionUntil: string | null, versions: Array<{ number: number, size: number, mimeType: string, fileName: string | null, createdAt: string, contentPath: string, sha256: string }> } | null };

export type ConsoleAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAccountsQuery = { accounts: Array<{ code: string, name: string, type: AccountType }> };

export type ConsolePostEntryMutationVariables = Exact<{
  input: PostJournalEntryInput;
}>;


export type ConsolePostEntryMutation = { postJournalEntry: { id: string, number: string | null, status: JournalEntryStatus, total: string, currency: string } };

export type ConsoleLedgerQueryVariables = Exact<{
  asOf: string;
}>;


export type ConsoleLedgerQuery = { trialBalance: { asOf: string, totalDebit: string, totalCredit: string, rows: Array<{ accountCode: string, accountName: string, accountType: AccountType, debit: string, credit: string, balance: string }> }, agingReport: { rows: Array<{ counterparty: string, kind: InvoiceKind, currency: string, notDue: string, days0To30: string, days31To60: string, days61To90: string, over90: string, total: string }> }, journalEntries: { edges: Array<{ node: { id: string, number: string | null, date: string, description: string, status: JournalEntryStatus, total: string, currency: string } }> } };

export type ConsoleClosePeriodMutationVariables = Exact<{
  period: string;
}>;


export type ConsoleClosePeriodMutation = { closePeriod: boolean };

export type StatementRowFieldsFragment = { accountCode: string, accountName: string, amount: string };

export type ConsoleProfitAndLossQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ConsoleProfitAndLossQuery = { profitAndLoss: { from: string, to: string, totalRevenue: string, totalExpenses: string, netIncome: string, revenue: Array<{ accountCode: string, accountName: string, amount: string }>, expenses: Array<{ accountCode: string, accountName: string, amount: string }> } };

export type ConsoleBalanceSheetQueryVariables = Exact<{
  asOf: string;
}>;


export type ConsoleBalanceSheetQuery = { balanceSheet: { asOf: string, currentResult: string, totalAssets: string, totalLiabilities: string, totalEquity: string, totalLiabilitiesAndEquity: string, balanced: boolean, assets: Array<{ accountCode: string, accountName: string, amount: string }>, liabilities: Array<{ accountCode: string, accountName: string, amount: string }>, equity: Array<{ accountCode: string, accountName: string, amount: string }> } };

export type ConsoleVatReturnQueryVariables = Exact<{
  year: number;
  quarter: number;
}>;


export type ConsoleVatReturnQuery = { vatReturn: { year: number, quarter: number, boxes: Array<{ code: string, turnover: string, vat: string }> } };

export type ConsoleGeneralLedgerQueryVariables = Exact<{
  accountCode: string;
  from: string;
  to: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleGeneralLedgerQuery = { generalLedger: { accountCode: string, accountName: string, from: string, to: string, openingBalance: string, closingBalance: string, totalDebit: string, totalCredit: string, totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { entryId: string, number: string, date: string, lineNo: number, description: string, debit: string, credit: string, costCenter: string | null, runningBalance: string } }> } };

export type ConsoleFiscalPeriodsQueryVariables = Exact<{
  year: number;
}>;


export type ConsoleFiscalPeriodsQuery = { fiscalPeriods: Array<{ period: string, status: FiscalPeriodStatus, pendingEntries: number, changedAt: string | null, changedBy: string | null, history: Array<{ action: string, reason: string | null, changedBy: string | null, changedAt: string }> }> };

export type ConsoleReopenPeriodMutationVariables = Exact<{
  period: string;
  reason: string;
}>;


export type ConsoleReopenPeriodMutation = { reopenPeriod: boolean };

export type ConsoleAuditTrailQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
}>;


export type ConsoleAuditTrailQuery = { auditTrail: { totalCount: number, edges: Array<{ node: { sequence: number, type: string, source: string, subject: string | null, actor: string | null, time: string, hash: string } }> } };

export type ConsoleComplianceQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleComplianceQuery = { verifyAuditTrail: { valid: boolean, checked: number, firstInvalidSequence: number | null }, complianceCounts: { auditEntries: number, pendingApprovals: number, approvalsPastDeadline: number, overdueAcknowledgements: number, activeLegalHolds: number, ticketSlaBreaches: number, journalEntriesReversedMoreThanOnce: number }, complianceFindings: Array<{ kind: ComplianceFindingKind, description: string, count: number }> };

export type ConsoleTicketsByStatusQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ConsoleTicketsByStatusQuery = { ticketStats: { total: { count: number }, groups: Array<{ status: TicketStatus | null, count: number }> } };

export type PayrollRunRowFragment = { id: string, period: string, status: PayrollRunStatus, currency: string | null, totalGross: string, totalAllowances: string, totalDeductions: string, totalNet: string, calculatedAt: string | null, calculatedBy: string | null, lastPayDataChangeBy: string | null, finalizedAt: string | null, finalizedBy: string | null };

export type ConsolePayrollRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePayrollRunsQuery = { payrollRuns: Array<{ id: string, period: string, status: PayrollRunStatus, currency: string | null, totalGross: string, totalAllowances: string, totalDeductions: string, totalNet: string, calculatedAt: string | null, calculatedBy: string | null, lastPayDataChangeBy: string | null, finalizedAt: string | null, finalizedBy: string | null }> };

export type ConsolePayrollRunQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsolePayrollRunQuery = { payrollRun: { id: string, period: string, status: PayrollRunStatus, currency: string | null, totalGross: string, totalAllowances: string, totalDeductions: string, totalNet: string, calculatedAt: string | null, calculatedBy: string | null, lastPayDataChangeBy: string | null, finalizedAt: string | null, finalizedBy: string | null, payslips: Array<{ costCenter: string, daysPaid: number, daysInPeriod: number, currency: string, gross: string, allowances: string, pensionEmployee: string, wageWithholding: string, deductions: string, net: string, employerContributions: string, employee: { id: string, givenName: string, familyName: string }, lines: Array<{ code: string, description: string, amount: string, taxable: boolean, informational: boolean }> }> } | null };

export type ConsolePayrollBookingQueryVariables = Exact<{
  reference: string;
}>;


export type ConsolePayrollBookingQuery = { journalEntries: { edges: Array<{ node: { id: string, number: string | null, status: JournalEntryStatus, date: string, total: string, currency: string } }> } };

export type ConsoleCreatePayrollRunMutationVariables = Exact<{
  period: string;
}>;


export type ConsoleCreatePayrollRunMutation = { createPayrollRun: { id: string } };

export type ConsoleCalculatePayrollRunMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCalculatePayrollRunMutation = { calculatePayrollRun: { id: string, status: PayrollRunStatus } };

export type ConsoleFinalizePayrollRunMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleFinalizePayrollRunMutation = { finalizePayrollRun: { id: string, status: PayrollRunStatus } };

export type LeaveRowFragment = { id: string, type: LeaveType, startDate: string, endDate: string, halfDayStart: boolean, halfDayEnd: boolean, days: number, status: LeaveStatus, reason: string | null, requestedBy: string, decidedBy: string | null, decisionComment: string | null, employee: { id: string, givenName: string, familyName: string } };

export type ConsoleMyLeaveQueryVariables = Exact<{
  year?: number | null | undefined;
}>;


export type ConsoleMyLeaveQuery = { me: { id: string, leaveBalance: { year: number, entitled: number, taken: number, planned: number, pending: number, remaining: number, overdrawn: number, buckets: Array<{ kind: LeaveBucketKind, year: number, entitledHours: string, usedHours: string, pendingHours: string, expiredHours: string, remainingHours: string, expiresOn: string }> }, leaveRequests: Array<{ id: string, type: LeaveType, startDate: string, endDate: string, halfDayStart: boolean, halfDayEnd: boolean, days: number, status: LeaveStatus, reason: string | null, requestedBy: string, decidedBy: string | null, decisionComment: string | null, employee: { id: string, givenName: string, familyName: string } }> } | null };

export type ConsoleLeaveDecisionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleLeaveDecisionsQuery = { leaveRequests: Array<{ id: string, type: LeaveType, startDate: string, endDate: string, halfDayStart: boolean, halfDayEnd: boolean, days: number, status: LeaveStatus, reason: string | null, requestedBy: string, decidedBy: string | null, decisionComment: string | null, employee: { id: string, givenName: string, familyName: string } }> };

export type ConsoleRequestLeaveMutationVariables = Exact<{
  input: RequestLeaveInput;
}>;


export type ConsoleRequestLeaveMutation = { requestLeave: { id: string, status: LeaveStatus, days: number } };

export type ConsoleWorkplaceCostQueryVariables = Exact<{
  year: number;
  seat: string;
}>;


export type ConsoleWorkplaceCostQuery = { workplaceCostReport: { year: number, officeSeatMonthlyCost: string, totalSeatCostAvoided: string, totalAllowancesPaid: string, totalNetSaving: string, rows: Array<{ monthsRemote: number, seatCostAvoided: string, allowancesPaid: string, netSaving: string, employee: { id: string, givenName: string, familyName: string } }>, departments: Array<{ remoteEmployees: number, monthsRemote: number, seatCostAvoided: string, allowancesPaid: string | null, netSaving: string | null, department: { id: string, name: string, costCenter: string } }> } };

export type ConsolePayrollCostQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePayrollCostQuery = { payrollRuns: Array<{ id: string, period: string, status: PayrollRunStatus, currency: string | null, totalGross: string, totalAllowances: string, totalEmployerContributions: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PriceRowFragmentDoc = new TypedDocumentString(`
    fragment PriceRow on Price {
  id
  amount
  amountWithVat
  vatRate
  currency
  minQuantity
  validFrom
  validTo
  status
  priceList {
    id
    name
    currency
  }
}
    `, {"fragmentName":"PriceRow"}) as unknown as TypedDocumentString<PriceRowFragment, unknown>;
export const StockLevelRowFragmentDoc = new TypedDocumentString(`
    fragment StockLevelRow on StockLevel {
  warehouse {
    id
    code
    name
  }
  onHand
  reserved
  available
}
    `, {"fragmentName":"StockLevelRow"}) as unknown as TypedDocumentString<StockLevelRowFragment, unknown>;
export const TicketRowFragmentDoc = new TypedDocumentString(`
    fragment TicketRow on Ticket {
  id
  number
  title
  category
  priority
  status
  createdAt
  sla {
    breached
    paused
    responseDueAt
    resolutionDueAt
    responseRemainingMinutes
    resolutionRemainingMinutes
  }
  requester {
    id
    givenName
    familyName
  }
  assignee {
    id
    givenName
    familyName
  }
}
    `, {"fragmentName":"TicketRow"}) as unknown as TypedDocumentString<TicketRowFragment, unknown>;
export const ApprovalRowFragmentDoc = new TypedDocumentString(`
    fragment ApprovalRow on Approval {
  id
  status
  subjectType
  subjectId
  reason
  amount
  currency
  requiredRole
  requestedBy
  requestedAt
  expiresAt
  canDecide
}
    `, {"fragmentName":"ApprovalRow"}) as unknown as TypedDocumentString<ApprovalRowFragment, unknown>;
export const DocumentRowFragmentDoc = new TypedDocumentString(`
    fragment DocumentRow on Document {
  id
  title
  documentType
  classification
  tags
  underLegalHold
  textStatus
  createdAt
  currentVersion {
    number
    size
    mimeType
    fileName
    contentPath
  }
}
    `, {"fragmentName":"DocumentRow"}) as unknown as TypedDocumentString<DocumentRowFragment, unknown>;
export const LegalHoldRowFragmentDoc = new TypedDocumentString(`
    fragment LegalHoldRow on LegalHold {
  id
  documentId
  reason
  placedBy
  placedAt
  status
  active
  releasedBy
  releasedAt
  document {
    id
    title
  }
}
    `, {"fragmentName":"LegalHoldRow"}) as unknown as TypedDocumentString<LegalHoldRowFragment, unknown>;
export const StatementRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment StatementRowFields on StatementRow {
  accountCode
  accountName
  amount
}
    `, {"fragmentName":"StatementRowFields"}) as unknown as TypedDocumentString<StatementRowFieldsFragment, unknown>;
export const PayrollRunRowFragmentDoc = new TypedDocumentString(`
    fragment PayrollRunRow on PayrollRun {
  id
  period
  status
  currency
  totalGross
  totalAllowances
  totalDeductions
  totalNet
  calculatedAt
  calculatedBy
  lastPayDataChangeBy
  finalizedAt
  finalizedBy
}
    `, {"fragmentName":"PayrollRunRow"}) as unknown as TypedDocumentString<PayrollRunRowFragment, unknown>;
export const LeaveRowFragmentDoc = new TypedDocumentString(`
    fragment LeaveRow on LeaveRequest {
  id
  type
  startDate
  endDate
  halfDayStart
  halfDayEnd
  days
  status
  reason
  requestedBy
  decidedBy
  decisionComment
  employee {
    id
    givenName
    familyName
  }
}
    `, {"fragmentName":"LeaveRow"}) as unknown as TypedDocumentString<LeaveRowFragment, unknown>;
export const ConsoleProductsDocument = new TypedDocumentString(`
    query ConsoleProducts($first: Int, $after: String, $filter: ProductFilter, $language: Language) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        sku
        name(language: $language)
        unit
        vatCode
        productGroup
        active
        available
        reorderLevel
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProductsQuery, ConsoleProductsQueryVariables>;
export const ConsoleProductDocument = new TypedDocumentString(`
    query ConsoleProduct($id: ID!, $language: Language) {
  product(id: $id) {
    id
    sku
    name(language: $language)
    nameEn
    nameNl
    descriptionEn
    descriptionNl
    unit
    vatCode
    vatRate
    active
    reorderLevel
    productGroup
    available
    stock {
      ...StockLevelRow
    }
  }
  priceLists {
    id
    name
    currency
  }
}
    fragment StockLevelRow on StockLevel {
  warehouse {
    id
    code
    name
  }
  onHand
  reserved
  available
}`) as unknown as TypedDocumentString<ConsoleProductQuery, ConsoleProductQueryVariables>;
export const ConsoleProductPricesDocument = new TypedDocumentString(`
    query ConsoleProductPrices($id: ID!, $priceListId: ID!) {
  product(id: $id) {
    id
    prices(priceListId: $priceListId) {
      ...PriceRow
    }
  }
}
    fragment PriceRow on Price {
  id
  amount
  amountWithVat
  vatRate
  currency
  minQuantity
  validFrom
  validTo
  status
  priceList {
    id
    name
    currency
  }
}`) as unknown as TypedDocumentString<ConsoleProductPricesQuery, ConsoleProductPricesQueryVariables>;
export const ConsolePriceApprovalsDocument = new TypedDocumentString(`
    query ConsolePriceApprovals {
  approvals(filter: {subjectType: "Price", status: PENDING}) {
    id
    subjectId
    requiredRole
    requestedBy
    canDecide
  }
}
    `) as unknown as TypedDocumentString<ConsolePriceApprovalsQuery, ConsolePriceApprovalsQueryVariables>;
export const ConsoleCreateProductDocument = new TypedDocumentString(`
    mutation ConsoleCreateProduct($input: CreateProductInput!) {
  createProduct(input: $input) {
    id
    sku
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateProductMutation, ConsoleCreateProductMutationVariables>;
export const ConsoleUpdateProductDocument = new TypedDocumentString(`
    mutation ConsoleUpdateProduct($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateProductMutation, ConsoleUpdateProductMutationVariables>;
export const ConsolePriceListsDocument = new TypedDocumentString(`
    query ConsolePriceLists {
  priceLists {
    id
    name
    currency
  }
}
    `) as unknown as TypedDocumentString<ConsolePriceListsQuery, ConsolePriceListsQueryVariables>;
export const ConsolePriceListProductsDocument = new TypedDocumentString(`
    query ConsolePriceListProducts($priceListId: ID!, $first: Int, $after: String, $filter: ProductFilter, $language: Language) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        sku
        name(language: $language)
        vatRate
        prices(priceListId: $priceListId) {
          ...PriceRow
        }
      }
    }
  }
}
    fragment PriceRow on Price {
  id
  amount
  amountWithVat
  vatRate
  currency
  minQuantity
  validFrom
  validTo
  status
  priceList {
    id
    name
    currency
  }
}`) as unknown as TypedDocumentString<ConsolePriceListProductsQuery, ConsolePriceListProductsQueryVariables>;
export const ConsoleCreatePriceListDocument = new TypedDocumentString(`
    mutation ConsoleCreatePriceList($name: String!, $currency: String!) {
  createPriceList(name: $name, currency: $currency) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreatePriceListMutation, ConsoleCreatePriceListMutationVariables>;
export const ConsoleSetPriceDocument = new TypedDocumentString(`
    mutation ConsoleSetPrice($input: SetPriceInput!) {
  setPrice(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetPriceMutation, ConsoleSetPriceMutationVariables>;
export const ConsoleWarehousesDocument = new TypedDocumentString(`
    query ConsoleWarehouses {
  warehouses {
    id
    code
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleWarehousesQuery, ConsoleWarehousesQueryVariables>;
export const ConsoleCreateWarehouseDocument = new TypedDocumentString(`
    mutation ConsoleCreateWarehouse($code: String!, $name: String!) {
  createWarehouse(code: $code, name: $name) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateWarehouseMutation, ConsoleCreateWarehouseMutationVariables>;
export const ConsoleStockDocument = new TypedDocumentString(`
    query ConsoleStock($first: Int, $after: String, $filter: ProductFilter, $language: Language) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        sku
        name(language: $language)
        unit
        reorderLevel
        available
        stock {
          ...StockLevelRow
        }
      }
    }
  }
}
    fragment StockLevelRow on StockLevel {
  warehouse {
    id
    code
    name
  }
  onHand
  reserved
  available
}`) as unknown as TypedDocumentString<ConsoleStockQuery, ConsoleStockQueryVariables>;
export const ConsoleStockMovementsDocument = new TypedDocumentString(`
    query ConsoleStockMovements($productId: ID!, $first: Int, $after: String) {
  stockMovements(productId: $productId, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        kind
        quantity
        reference
        reason
        createdAt
        createdBy
        warehouse {
          id
          code
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleStockMovementsQuery, ConsoleStockMovementsQueryVariables>;
export const ConsoleReservationsDocument = new TypedDocumentString(`
    query ConsoleReservations($productId: ID!) {
  reservations(productId: $productId) {
    id
    quantity
    reference
    expiresAt
    status
    createdBy
    warehouse {
      id
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleReservationsQuery, ConsoleReservationsQueryVariables>;
export const ConsoleReceiveStockDocument = new TypedDocumentString(`
    mutation ConsoleReceiveStock($input: StockInput!) {
  receiveStock(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleReceiveStockMutation, ConsoleReceiveStockMutationVariables>;
export const ConsoleCountStockDocument = new TypedDocumentString(`
    mutation ConsoleCountStock($productId: ID!, $warehouseId: ID!, $counted: Decimal!, $reference: String) {
  countStock(
    productId: $productId
    warehouseId: $warehouseId
    counted: $counted
    reference: $reference
  ) {
    id
    quantity
  }
}
    `) as unknown as TypedDocumentString<ConsoleCountStockMutation, ConsoleCountStockMutationVariables>;
export const ConsoleTransferStockDocument = new TypedDocumentString(`
    mutation ConsoleTransferStock($input: TransferStockInput!) {
  transferStock(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleTransferStockMutation, ConsoleTransferStockMutationVariables>;
export const ConsoleReserveStockDocument = new TypedDocumentString(`
    mutation ConsoleReserveStock($input: StockInput!, $expiresAt: DateTime) {
  reserveStock(input: $input, expiresAt: $expiresAt) {
    id
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleReserveStockMutation, ConsoleReserveStockMutationVariables>;
export const ConsoleReleaseReservationDocument = new TypedDocumentString(`
    mutation ConsoleReleaseReservation($id: ID!) {
  releaseReservation(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleReleaseReservationMutation, ConsoleReleaseReservationMutationVariables>;
export const ConsoleDirectoryDocument = new TypedDocumentString(`
    query ConsoleDirectory($first: Int, $after: String, $filter: EmployeeFilter) {
  employees(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        givenName
        familyName
        email
        status
        workLocation
        department {
          id
          name
        }
      }
    }
  }
  departments {
    id
    name
    headcount
  }
}
    `) as unknown as TypedDocumentString<ConsoleDirectoryQuery, ConsoleDirectoryQueryVariables>;
export const ConsoleEmployeeDocument = new TypedDocumentString(`
    query ConsoleEmployee($id: ID!) {
  employee(id: $id) {
    id
    givenName
    familyName
    email
    status
    workLocation
    startDate
    department {
      name
    }
    manager {
      id
      givenName
      familyName
    }
  }
  contract: employee(id: $id) {
    id
    contract {
      monthlySalary
      currency
      fte
      weeklyHours
      startDate
    }
  }
  leave: employee(id: $id) {
    id
    leaveBalance {
      year
      entitled
      taken
      planned
      pending
      remaining
    }
  }
  tickets: employee(id: $id) {
    id
    tickets {
      ...TicketRow
    }
  }
  assets: employee(id: $id) {
    id
    assets {
      id
      tag
      model
      kind
      status
    }
  }
  documents: employee(id: $id) {
    id
    documents {
      ...DocumentRow
    }
  }
  acknowledgements: employee(id: $id) {
    id
    acknowledgements {
      policyId
      version
      requestedAt
      acknowledgedAt
      policy {
        title
      }
    }
  }
}
    fragment TicketRow on Ticket {
  id
  number
  title
  category
  priority
  status
  createdAt
  sla {
    breached
    paused
    responseDueAt
    resolutionDueAt
    responseRemainingMinutes
    resolutionRemainingMinutes
  }
  requester {
    id
    givenName
    familyName
  }
  assignee {
    id
    givenName
    familyName
  }
}
fragment DocumentRow on Document {
  id
  title
  documentType
  classification
  tags
  underLegalHold
  textStatus
  createdAt
  currentVersion {
    number
    size
    mimeType
    fileName
    contentPath
  }
}`) as unknown as TypedDocumentString<ConsoleEmployeeQuery, ConsoleEmployeeQueryVariables>;
export const ConsoleLoginDirectoryDocument = new TypedDocumentString(`
    query ConsoleLoginDirectory {
  employees(first: 100, filter: {status: ACTIVE}) {
    edges {
      node {
        id
        givenName
        familyName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleLoginDirectoryQuery, ConsoleLoginDirectoryQueryVariables>;
export const ConsoleHireDocument = new TypedDocumentString(`
    mutation ConsoleHire($input: HireEmployeeInput!) {
  hireEmployee(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleHireMutation, ConsoleHireMutationVariables>;
export const ConsoleMyWorkDocument = new TypedDocumentString(`
    query ConsoleMyWork {
  me {
    id
    givenName
    leaveRequests {
      id
      type
      startDate
      endDate
      days
      status
      employee {
        givenName
        familyName
      }
    }
    acknowledgements {
      policyId
      version
      acknowledgedAt
      policy {
        title
      }
    }
  }
  tickets(first: 20, filter: {open: true}) {
    edges {
      node {
        ...TicketRow
      }
    }
  }
  approvals(filter: {status: PENDING}) {
    ...ApprovalRow
  }
}
    fragment TicketRow on Ticket {
  id
  number
  title
  category
  priority
  status
  createdAt
  sla {
    breached
    paused
    responseDueAt
    resolutionDueAt
    responseRemainingMinutes
    resolutionRemainingMinutes
  }
  requester {
    id
    givenName
    familyName
  }
  assignee {
    id
    givenName
    familyName
  }
}
fragment ApprovalRow on Approval {
  id
  status
  subjectType
  subjectId
  reason
  amount
  currency
  requiredRole
  requestedBy
  requestedAt
  expiresAt
  canDecide
}`) as unknown as TypedDocumentString<ConsoleMyWorkQuery, ConsoleMyWorkQueryVariables>;
export const ConsoleLeaveToDecideDocument = new TypedDocumentString(`
    query ConsoleLeaveToDecide {
  leaveRequests(filter: {toDecide: true}) {
    id
    type
    startDate
    endDate
    days
    status
    employee {
      givenName
      familyName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleLeaveToDecideQuery, ConsoleLeaveToDecideQueryVariables>;
export const ConsoleDecideApprovalDocument = new TypedDocumentString(`
    mutation ConsoleDecideApproval($id: ID!, $approve: Boolean!, $comment: String) {
  decideApproval(id: $id, approve: $approve, comment: $comment) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleDecideApprovalMutation, ConsoleDecideApprovalMutationVariables>;
export const ConsoleDecideLeaveDocument = new TypedDocumentString(`
    mutation ConsoleDecideLeave($id: ID!, $approve: Boolean!, $comment: String) {
  decideLeave(id: $id, approve: $approve, comment: $comment) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleDecideLeaveMutation, ConsoleDecideLeaveMutationVariables>;
export const ConsoleAcknowledgeDocument = new TypedDocumentString(`
    mutation ConsoleAcknowledge($policyId: ID!, $version: Int!) {
  acknowledgePolicy(policyId: $policyId, version: $version) {
    acknowledgedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleAcknowledgeMutation, ConsoleAcknowledgeMutationVariables>;
export const ConsoleTicketQueueDocument = new TypedDocumentString(`
    query ConsoleTicketQueue($status: [TicketStatus!]) {
  tickets(first: 100, filter: {open: true, status: $status}) {
    totalCount
    edges {
      node {
        ...TicketRow
      }
    }
  }
}
    fragment TicketRow on Ticket {
  id
  number
  title
  category
  priority
  status
  createdAt
  sla {
    breached
    paused
    responseDueAt
    resolutionDueAt
    responseRemainingMinutes
    resolutionRemainingMinutes
  }
  requester {
    id
    givenName
    familyName
  }
  assignee {
    id
    givenName
    familyName
  }
}`) as unknown as TypedDocumentString<ConsoleTicketQueueQuery, ConsoleTicketQueueQueryVariables>;
export const ConsoleTicketDocument = new TypedDocumentString(`
    query ConsoleTicket($id: ID!) {
  ticket(id: $id) {
    ...TicketRow
    description
    allowedTransitions
    comments {
      id
      body
      internal
      author
      createdAt
    }
    history {
      kind
      fromValue
      toValue
      changedBy
      changedAt
    }
  }
}
    fragment TicketRow on Ticket {
  id
  number
  title
  category
  priority
  status
  createdAt
  sla {
    breached
    paused
    responseDueAt
    resolutionDueAt
    responseRemainingMinutes
    resolutionRemainingMinutes
  }
  requester {
    id
    givenName
    familyName
  }
  assignee {
    id
    givenName
    familyName
  }
}`) as unknown as TypedDocumentString<ConsoleTicketQuery, ConsoleTicketQueryVariables>;
export const ConsoleTransitionDocument = new TypedDocumentString(`
    mutation ConsoleTransition($id: ID!, $to: TicketStatus!) {
  transitionTicket(id: $id, to: $to) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleTransitionMutation, ConsoleTransitionMutationVariables>;
export const ConsoleCommentDocument = new TypedDocumentString(`
    mutation ConsoleComment($id: ID!, $body: String!, $internal: Boolean) {
  commentOnTicket(id: $id, body: $body, internal: $internal) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCommentMutation, ConsoleCommentMutationVariables>;
export const ConsoleAgentsDocument = new TypedDocumentString(`
    query ConsoleAgents {
  agents {
    lead
    employee {
      id
      givenName
      familyName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAgentsQuery, ConsoleAgentsQueryVariables>;
export const ConsoleAssignTicketDocument = new TypedDocumentString(`
    mutation ConsoleAssignTicket($id: ID!, $assignee: ID) {
  assignTicket(id: $id, assigneeEmployeeId: $assignee) {
    id
    assignee {
      id
      givenName
      familyName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssignTicketMutation, ConsoleAssignTicketMutationVariables>;
export const ConsoleTicketHistoryDocument = new TypedDocumentString(`
    query ConsoleTicketHistory($after: String) {
  tickets(first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...TicketRow
        resolvedAt
        sla {
          resolutionBreached
        }
      }
    }
  }
}
    fragment TicketRow on Ticket {
  id
  number
  title
  category
  priority
  status
  createdAt
  sla {
    breached
    paused
    responseDueAt
    resolutionDueAt
    responseRemainingMinutes
    resolutionRemainingMinutes
  }
  requester {
    id
    givenName
    familyName
  }
  assignee {
    id
    givenName
    familyName
  }
}`) as unknown as TypedDocumentString<ConsoleTicketHistoryQuery, ConsoleTicketHistoryQueryVariables>;
export const ConsoleLegalHoldsDocument = new TypedDocumentString(`
    query ConsoleLegalHolds($documentId: ID) {
  legalHolds(filter: {documentId: $documentId}) {
    ...LegalHoldRow
  }
}
    fragment LegalHoldRow on LegalHold {
  id
  documentId
  reason
  placedBy
  placedAt
  status
  active
  releasedBy
  releasedAt
  document {
    id
    title
  }
}`) as unknown as TypedDocumentString<ConsoleLegalHoldsQuery, ConsoleLegalHoldsQueryVariables>;
export const ConsolePlaceLegalHoldDocument = new TypedDocumentString(`
    mutation ConsolePlaceLegalHold($documentId: ID!, $reason: String!) {
  placeLegalHold(documentId: $documentId, reason: $reason) {
    ...LegalHoldRow
  }
}
    fragment LegalHoldRow on LegalHold {
  id
  documentId
  reason
  placedBy
  placedAt
  status
  active
  releasedBy
  releasedAt
  document {
    id
    title
  }
}`) as unknown as TypedDocumentString<ConsolePlaceLegalHoldMutation, ConsolePlaceLegalHoldMutationVariables>;
export const ConsoleReleaseLegalHoldDocument = new TypedDocumentString(`
    mutation ConsoleReleaseLegalHold($id: ID!) {
  releaseLegalHold(id: $id) {
    ...LegalHoldRow
  }
}
    fragment LegalHoldRow on LegalHold {
  id
  documentId
  reason
  placedBy
  placedAt
  status
  active
  releasedBy
  releasedAt
  document {
    id
    title
  }
}`) as unknown as TypedDocumentString<ConsoleReleaseLegalHoldMutation, ConsoleReleaseLegalHoldMutationVariables>;
export const ConsoleDocumentsDocument = new TypedDocumentString(`
    query ConsoleDocuments {
  documents(first: 50) {
    totalCount
    edges {
      node {
        ...DocumentRow
      }
    }
  }
}
    fragment DocumentRow on Document {
  id
  title
  documentType
  classification
  tags
  underLegalHold
  textStatus
  createdAt
  currentVersion {
    number
    size
    mimeType
    fileName
    contentPath
  }
}`) as unknown as TypedDocumentString<ConsoleDocumentsQuery, ConsoleDocumentsQueryVariables>;
export const ConsoleSearchDocumentsDocument = new TypedDocumentString(`
    query ConsoleSearchDocuments($query: String!) {
  searchDocuments(query: $query, first: 20) {
    rank
    snippet
    document {
      ...DocumentRow
    }
  }
}
    fragment DocumentRow on Document {
  id
  title
  documentType
  classification
  tags
  underLegalHold
  textStatus
  createdAt
  currentVersion {
    number
    size
    mimeType
    fileName
    contentPath
  }
}`) as unknown as TypedDocumentString<ConsoleSearchDocumentsQuery, ConsoleSearchDocumentsQueryVariables>;
export const ConsoleDocumentVersionsDocument = new TypedDocumentString(`
    query ConsoleDocumentVersions($id: ID!) {
  document(id: $id) {
    id
    title
    underLegalHold
    retentionUntil
    versions {
      number
      size
      mimeType
      fileName
      createdAt
      contentPath
      sha256
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleDocumentVersionsQuery, ConsoleDocumentVersionsQueryVariables>;
export const ConsoleAccountsDocument = new TypedDocumentString(`
    query ConsoleAccounts {
  accounts(active: true) {
    code
    name
    type
  }
}
    `) as unknown as TypedDocumentString<ConsoleAccountsQuery, ConsoleAccountsQueryVariables>;
export const ConsolePostEntryDocument = new TypedDocumentString(`
    mutation ConsolePostEntry($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) {
    id
    number
    status
    total
    currency
  }
}
    `) as unknown as TypedDocumentString<ConsolePostEntryMutation, ConsolePostEntryMutationVariables>;
export const ConsoleLedgerDocument = new TypedDocumentString(`
    query ConsoleLedger($asOf: Date!) {
  trialBalance(asOf: $asOf) {
    asOf
    totalDebit
    totalCredit
    rows {
      accountCode
      accountName
      accountType
      debit
      credit
      balance
    }
  }
  agingReport(asOf: $asOf) {
    rows {
      counterparty
      kind
      currency
      notDue
      days0To30
      days31To60
      days61To90
      over90
      total
    }
  }
  journalEntries(first: 20) {
    edges {
      node {
        id
        number
        date
        description
        status
        total
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleLedgerQuery, ConsoleLedgerQueryVariables>;
export const ConsoleClosePeriodDocument = new TypedDocumentString(`
    mutation ConsoleClosePeriod($period: String!) {
  closePeriod(period: $period)
}
    `) as unknown as TypedDocumentString<ConsoleClosePeriodMutation, ConsoleClosePeriodMutationVariables>;
export const ConsoleProfitAndLossDocument = new TypedDocumentString(`
    query ConsoleProfitAndLoss($from: Date!, $to: Date!) {
  profitAndLoss(from: $from, to: $to) {
    from
    to
    totalRevenue
    totalExpenses
    netIncome
    revenue {
      ...StatementRowFields
    }
    expenses {
      ...StatementRowFields
    }
  }
}
    fragment StatementRowFields on StatementRow {
  accountCode
  accountName
  amount
}`) as unknown as TypedDocumentString<ConsoleProfitAndLossQuery, ConsoleProfitAndLossQueryVariables>;
export const ConsoleBalanceSheetDocument = new TypedDocumentString(`
    query ConsoleBalanceSheet($asOf: Date!) {
  balanceSheet(asOf: $asOf) {
    asOf
    currentResult
    totalAssets
    totalLiabilities
    totalEquity
    totalLiabilitiesAndEquity
    balanced
    assets {
      ...StatementRowFields
    }
    liabilities {
      ...StatementRowFields
    }
    equity {
      ...StatementRowFields
    }
  }
}
    fragment StatementRowFields on StatementRow {
  accountCode
  accountName
  amount
}`) as unknown as TypedDocumentString<ConsoleBalanceSheetQuery, ConsoleBalanceSheetQueryVariables>;
export const ConsoleVatReturnDocument = new TypedDocumentString(`
    query ConsoleVatReturn($year: Int!, $quarter: Int!) {
  vatReturn(year: $year, quarter: $quarter) {
    year
    quarter
    boxes {
      code
      turnover
      vat
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleVatReturnQuery, ConsoleVatReturnQueryVariables>;
export const ConsoleGeneralLedgerDocument = new TypedDocumentString(`
    query ConsoleGeneralLedger($accountCode: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  generalLedger(
    accountCode: $accountCode
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    accountCode
    accountName
    from
    to
    openingBalance
    closingBalance
    totalDebit
    totalCredit
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        entryId
        number
        date
        lineNo
        description
        debit
        credit
        costCenter
        runningBalance
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleGeneralLedgerQuery, ConsoleGeneralLedgerQueryVariables>;
export const ConsoleFiscalPeriodsDocument = new TypedDocumentString(`
    query ConsoleFiscalPeriods($year: Int!) {
  fiscalPeriods(year: $year) {
    period
    status
    pendingEntries
    changedAt
    changedBy
    history {
      action
      reason
      changedBy
      changedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleFiscalPeriodsQuery, ConsoleFiscalPeriodsQueryVariables>;
export const ConsoleReopenPeriodDocument = new TypedDocumentString(`
    mutation ConsoleReopenPeriod($period: String!, $reason: String!) {
  reopenPeriod(period: $period, reason: $reason)
}
    `) as unknown as TypedDocumentString<ConsoleReopenPeriodMutation, ConsoleReopenPeriodMutationVariables>;
export const ConsoleAuditTrailDocument = new TypedDocumentString(`
    query ConsoleAuditTrail($filter: AuditFilter) {
  auditTrail(first: 50, filter: $filter) {
    totalCount
    edges {
      node {
        sequence
        type
        source
        subject
        actor
        time
        hash
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditTrailQuery, ConsoleAuditTrailQueryVariables>;
export const ConsoleComplianceDocument = new TypedDocumentString(`
    query ConsoleCompliance {
  verifyAuditTrail {
    valid
    checked
    firstInvalidSequence
  }
  complianceCounts {
    auditEntries
    pendingApprovals
    approvalsPastDeadline
    overdueAcknowledgements
    activeLegalHolds
    ticketSlaBreaches
    journalEntriesReversedMoreThanOnce
  }
  complianceFindings {
    kind
    description
    count
  }
}
    `) as unknown as TypedDocumentString<ConsoleComplianceQuery, ConsoleComplianceQueryVariables>;
export const ConsoleTicketsByStatusDocument = new TypedDocumentString(`
    query ConsoleTicketsByStatus($from: DateTime!, $to: DateTime!) {
  ticketStats(from: $from, to: $to, groupBy: [STATUS]) {
    total {
      count
    }
    groups {
      status
      count
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTicketsByStatusQuery, ConsoleTicketsByStatusQueryVariables>;
export const ConsolePayrollRunsDocument = new TypedDocumentString(`
    query ConsolePayrollRuns {
  payrollRuns {
    ...PayrollRunRow
  }
}
    fragment PayrollRunRow on PayrollRun {
  id
  period
  status
  currency
  totalGross
  totalAllowances
  totalDeductions
  totalNet
  calculatedAt
  calculatedBy
  lastPayDataChangeBy
  finalizedAt
  finalizedBy
}`) as unknown as TypedDocumentString<ConsolePayrollRunsQuery, ConsolePayrollRunsQueryVariables>;
export const ConsolePayrollRunDocument = new TypedDocumentString(`
    query ConsolePayrollRun($id: ID!) {
  payrollRun(id: $id) {
    ...PayrollRunRow
    payslips {
      employee {
        id
        givenName
        familyName
      }
      costCenter
      daysPaid
      daysInPeriod
      currency
      gross
      allowances
      pensionEmployee
      wageWithholding
      deductions
      net
      employerContributions
      lines {
        code
        description
        amount
        taxable
        informational
      }
    }
  }
}
    fragment PayrollRunRow on PayrollRun {
  id
  period
  status
  currency
  totalGross
  totalAllowances
  totalDeductions
  totalNet
  calculatedAt
  calculatedBy
  lastPayDataChangeBy
  finalizedAt
  finalizedBy
}`) as unknown as TypedDocumentString<ConsolePayrollRunQuery, ConsolePayrollRunQueryVariables>;
export const ConsolePayrollBookingDocument = new TypedDocumentString(`
    query ConsolePayrollBooking($reference: String!) {
  journalEntries(filter: {reference: $reference}, first: 1) {
    edges {
      node {
        id
        number
        status
        date
        total
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsolePayrollBookingQuery, ConsolePayrollBookingQueryVariables>;
export const ConsoleCreatePayrollRunDocument = new TypedDocumentString(`
    mutation ConsoleCreatePayrollRun($period: String!) {
  createPayrollRun(period: $period) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreatePayrollRunMutation, ConsoleCreatePayrollRunMutationVariables>;
export const ConsoleCalculatePayrollRunDocument = new TypedDocumentString(`
    mutation ConsoleCalculatePayrollRun($id: ID!) {
  calculatePayrollRun(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleCalculatePayrollRunMutation, ConsoleCalculatePayrollRunMutationVariables>;
export const ConsoleFinalizePayrollRunDocument = new TypedDocumentString(`
    mutation ConsoleFinalizePayrollRun($id: ID!) {
  finalizePayrollRun(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleFinalizePayrollRunMutation, ConsoleFinalizePayrollRunMutationVariables>;
export const ConsoleMyLeaveDocument = new TypedDocumentString(`
    query ConsoleMyLeave($year: Int) {
  me {
    id
    leaveBalance(year: $year) {
      year
      entitled
      taken
      planned
      pending
      remaining
      overdrawn
      buckets {
        kind
        year
        entitledHours
        usedHours
        pendingHours
        expiredHours
        remainingHours
        expiresOn
      }
    }
    leaveRequests {
      ...LeaveRow
    }
  }
}
    fragment LeaveRow on LeaveRequest {
  id
  type
  startDate
  endDate
  halfDayStart
  halfDayEnd
  days
  status
  reason
  requestedBy
  decidedBy
  decisionComment
  employee {
    id
    givenName
    familyName
  }
}`) as unknown as TypedDocumentString<ConsoleMyLeaveQuery, ConsoleMyLeaveQueryVariables>;
export const ConsoleLeaveDecisionsDocument = new TypedDocumentString(`
    query ConsoleLeaveDecisions {
  leaveRequests(filter: {toDecide: true}) {
    ...LeaveRow
  }
}
    fragment LeaveRow on LeaveRequest {
  id
  type
  startDate
  endDate
  halfDayStart
  halfDayEnd
  days
  status
  reason
  requestedBy
  decidedBy
  decisionComment
  employee {
    id
    givenName
    familyName
  }
}`) as unknown as TypedDocumentString<ConsoleLeaveDecisionsQuery, ConsoleLeaveDecisionsQueryVariables>;
export const ConsoleRequestLeaveDocument = new TypedDocumentString(`
    mutation ConsoleRequestLeave($input: RequestLeaveInput!) {
  requestLeave(input: $input) {
    id
    status
    days
  }
}
    `) as unknown as TypedDocumentString<ConsoleRequestLeaveMutation, ConsoleRequestLeaveMutationVariables>;
export const ConsoleWorkplaceCostDocument = new TypedDocumentString(`
    query ConsoleWorkplaceCost($year: Int!, $seat: Decimal!) {
  workplaceCostReport(year: $year, officeSeatMonthlyCost: $seat) {
    year
    officeSeatMonthlyCost
    totalSeatCostAvoided
    totalAllowancesPaid
    totalNetSaving
    rows {
      employee {
        id
        givenName
        familyName
      }
      monthsRemote
      seatCostAvoided
      allowancesPaid
      netSaving
    }
    departments {
      department {
        id
        name
        costCenter
      }
      remoteEmployees
      monthsRemote
      seatCostAvoided
      allowancesPaid
      netSaving
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleWorkplaceCostQuery, ConsoleWorkplaceCostQueryVariables>;
export const ConsolePayrollCostDocument = new TypedDocumentString(`
    query ConsolePayrollCost {
  payrollRuns {
    id
    period
    status
    currency
    totalGross
    totalAllowances
    totalEmployerContributions
  }
}
    `) as unknown as TypedDocumentString<ConsolePayrollCostQuery, ConsolePayrollCostQueryVariables>;