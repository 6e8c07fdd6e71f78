import { graphql } from './generated/index.js';

/**
 * Every operation the console sends, as query text only: `pnpm codegen` types each one's result and
 * variables from the composed graph (gateway/supergraph.graphql) into `./generated`, so a schema change
 * that breaks a screen fails `pnpm console:typecheck`. The test suite (test/console) also validates
 * each text against that schema.
 */

// --- Shared selections -----------------------------------------------------------------------

export const TicketRow = graphql(`
  fragment TicketRow on Ticket {
    id number title category priority status createdAt
    sla { breached paused responseDueAt resolutionDueAt responseRemainingMinutes resolutionRemainingMinutes }
    requester { id givenName familyName } assignee { id givenName familyName }
  }
`);

export const ApprovalRow = graphql(`
  fragment ApprovalRow on Approval {
    id status subjectType subjectId reason amount currency requiredRole requestedBy requestedAt expiresAt canDecide
  }
`);

/** `textStatus`: whether the file's words are searchable yet (read after the upload, within budgets). */
export const DocumentRow = graphql(`
  fragment DocumentRow on Document {
    id title documentType classification tags underLegalHold textStatus createdAt
    currentVersion { number size mimeType fileName contentPath }
  }
`);

// --- People ----------------------------------------------------------------------------------

export const Directory =
  graphql(`query ConsoleDirectory($first: Int, $after: String, $filter: EmployeeFilter) {
  employees(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id givenName familyName email status workLocation department { id name } } }
  }
  departments { id name headcount }
}`);

/**
 * The employee page in ONE query: every service contributes its part of the Employee. Each part is
 * its own alias of `employee`, because a part the caller may not read (FORBIDDEN on a non-null field
 * such as `tickets`) nulls its nearest nullable parent: with aliases that is only its own section.
 */
export const Employee = graphql(`query ConsoleEmployee($id: ID!) {
  employee(id: $id) {
    id givenName familyName email status workLocation startDate
    department { name }
    manager { id givenName familyName }
  }
  contract: employee(id: $id) { id contract { monthlySalary currency fte weeklyHours startDate } }
  leave: employee(id: $id) { id leaveBalance { year entitled taken planned pending remaining } }
  tickets: employee(id: $id) { id tickets { ...TicketRow } }
  assets: employee(id: $id) { id assets { id tag model kind status } }
  documents: employee(id: $id) { id documents { ...DocumentRow } }
  acknowledgements: employee(id: $id) {
    id acknowledgements { policyId version requestedAt acknowledgedAt policy { title } }
  }
}`);

export const LoginDirectory = graphql(
  `query ConsoleLoginDirectory { employees(first: 100, filter: { status: ACTIVE }) { edges { node { id givenName familyName } } } }`,
);

export const HireEmployee = graphql(
  `mutation ConsoleHire($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }`,
);

// --- My work ---------------------------------------------------------------------------------

export const MyWork = graphql(`query ConsoleMyWork {
  me {
    id givenName
    leaveRequests { id type startDate endDate days status employee { givenName familyName } }
    acknowledgements { policyId version acknowledgedAt policy { title } }
  }
  tickets(first: 20, filter: { open: true }) { edges { node { ...TicketRow } } }
  approvals(filter: { status: PENDING }) { ...ApprovalRow }
}`);

export const LeaveToDecide = graphql(
  `query ConsoleLeaveToDecide { leaveRequests(filter: { toDecide: true }) { id type startDate endDate days status employee { givenName familyName } } }`,
);

export const DecideApproval =
  graphql(`mutation ConsoleDecideApproval($id: ID!, $approve: Boolean!, $comment: String) {
  decideApproval(id: $id, approve: $approve, comment: $comment) { id status }
}`);

export const DecideLeave =
  graphql(`mutation ConsoleDecideLeave($id: ID!, $approve: Boolean!, $comment: String) {
  decideLeave(id: $id, approve: $approve, comment: $comment) { id status }
}`);

export const AcknowledgePolicy = graphql(`mutation ConsoleAcknowledge($policyId: ID!, $version: Int!) {
  acknowledgePolicy(policyId: $policyId, version: $version) { acknowledgedAt }
}`);

// --- Service desk ----------------------------------------------------------------------------

export const TicketQueue = graphql(`query ConsoleTicketQueue($status: [TicketStatus!]) {
  tickets(first: 100, filter: { open: true, status: $status }) { totalCount edges { node { ...TicketRow } } }
}`);

export const TicketPage = graphql(`query ConsoleTicket($id: ID!) {
  ticket(id: $id) {
    ...TicketRow description allowedTransitions
    comments { id body internal author createdAt }
    history { kind fromValue toValue changedBy changedAt }
  }
}`);

export const TransitionTicket = graphql(
  `mutation ConsoleTransition($id: ID!, $to: TicketStatus!) { transitionTicket(id: $id, to: $to) { id status } }`,
);

export const CommentOnTicket =
  graphql(`mutation ConsoleComment($id: ID!, $body: String!, $internal: Boolean) {
  commentOnTicket(id: $id, body: $body, internal: $internal) { id }
}`);

// --- Service desk: reassignment, breaches, trend ---------------------------------------------

export const Agents = graphql(`query ConsoleAgents {
  agents { lead employee { id givenName familyName } }
}`);

export const AssignTicket = graphql(`mutation ConsoleAssignTicket($id: ID!, $assignee: ID) {
  assignTicket(id: $id, assigneeEmployeeId: $assignee) { id assignee { id givenName familyName } }
}`);

/**
 * A page of tickets, newest first, with the times the desk's trend and breach list are drawn from: the
 * graph has no per-week figures nor a breached filter, so the screen reads the tickets of the weeks it
 * shows (page by page, 100 at a time) and counts them itself.
 */
export const TicketHistory = graphql(`query ConsoleTicketHistory($after: String) {
  tickets(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...TicketRow resolvedAt sla { resolutionBreached } } }
  }
}`);

// --- Legal holds -----------------------------------------------------------------------------

export const LegalHoldRow = graphql(`
  fragment LegalHoldRow on LegalHold {
    id documentId reason placedBy placedAt status active releasedBy releasedAt
    document { id title }
  }
`);

export const LegalHolds = graphql(`query ConsoleLegalHolds($documentId: ID) {
  legalHolds(filter: { documentId: $documentId }) { ...LegalHoldRow }
}`);

export const PlaceLegalHold = graphql(`mutation ConsolePlaceLegalHold($documentId: ID!, $reason: String!) {
  placeLegalHold(documentId: $documentId, reason: $reason) { ...LegalHoldRow }
}`);

export const ReleaseLegalHold = graphql(`mutation ConsoleReleaseLegalHold($id: ID!) {
  releaseLegalHold(id: $id) { ...LegalHoldRow }
}`);

// --- Documents -------------------------------------------------------------------------------

export const DocumentList = graphql(
  `query ConsoleDocuments { documents(first: 50) { totalCount edges { node { ...DocumentRow } } } }`,
);

export const SearchDocuments = graphql(`query ConsoleSearchDocuments($query: String!) {
  searchDocuments(query: $query, first: 20) { rank snippet document { ...DocumentRow } }
}`);

export const DocumentVersions = graphql(`query ConsoleDocumentVersions($id: ID!) {
  document(id: $id) {
    id title underLegalHold retentionUntil
    versions { number size mimeType fileName createdAt contentPath sha256 }
  }
}`);

// --- Ledger ----------------------------------------------------------------------------------

export const Accounts = graphql(`query ConsoleAccounts { accounts(active: true) { code name type } }`);

export const PostJournalEntry = graphql(`mutation ConsolePostEntry($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) { id number status total currency }
}`);

export const LedgerOverview = graphql(`query ConsoleLedger($asOf: Date!) {
  trialBalance(asOf: $asOf) { asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } }
  agingReport(asOf: $asOf) { rows { counterparty kind currency notDue days0To30 days31To60 days61To90 over90 total } }
  journalEntries(first: 20) { edges { node { id number date description status total currency } } }
}`);

export const ClosePeriod = graphql(
  `mutation ConsoleClosePeriod($period: String!) { closePeriod(period: $period) }`,
);

// --- Accounting reports ----------------------------------------------------------------------

export const StatementRowFields = graphql(`
  fragment StatementRowFields on StatementRow { accountCode accountName amount }
`);

export const ProfitAndLoss = graphql(`query ConsoleProfitAndLoss($from: Date!, $to: Date!) {
  profitAndLoss(from: $from, to: $to) {
    from to totalRevenue totalExpenses netIncome
    revenue { ...StatementRowFields } expenses { ...StatementRowFields }
  }
}`);

export const BalanceSheet = graphql(`query ConsoleBalanceSheet($asOf: Date!) {
  balanceSheet(asOf: $asOf) {
    asOf currentResult totalAssets totalLiabilities totalEquity totalLiabilitiesAndEquity balanced
    assets { ...StatementRowFields } liabilities { ...StatementRowFields } equity { ...StatementRowFields }
  }
}`);

export const VatReturn = graphql(`query ConsoleVatReturn($year: Int!, $quarter: Int!) {
  vatReturn(year: $year, quarter: $quarter) { year quarter boxes { code turnover vat } }
}`);

/** One page of an account's lines (the graph pages them: `first`, `after`). */
export const GeneralLedger =
  graphql(`query ConsoleGeneralLedger($accountCode: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  generalLedger(accountCode: $accountCode, from: $from, to: $to, first: $first, after: $after) {
    accountCode accountName from to openingBalance closingBalance totalDebit totalCredit totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { entryId number date lineNo description debit credit costCenter runningBalance } }
  }
}`);

export const FiscalPeriods = graphql(`query ConsoleFiscalPeriods($year: Int!) {
  fiscalPeriods(year: $year) {
    period status pendingEntries changedAt changedBy
    history { action reason changedBy changedAt }
  }
}`);

export const ReopenPeriod = graphql(
  `mutation ConsoleReopenPeriod($period: String!, $reason: String!) { reopenPeriod(period: $period, reason: $reason) }`,
);

// --- Compliance ------------------------------------------------------------------------------

export const AuditTrail = graphql(`query ConsoleAuditTrail($filter: AuditFilter) {
  auditTrail(first: 50, filter: $filter) { totalCount edges { node { sequence type source subject actor time hash } } }
}`);

export const ComplianceOverview = graphql(`query ConsoleCompliance {
  verifyAuditTrail { valid checked firstInvalidSequence }
  complianceCounts { auditEntries pendingApprovals approvalsPastDeadline overdueAcknowledgements activeLegalHolds ticketSlaBreaches journalEntriesReversedMoreThanOnce }
  complianceFindings { kind description count }
}`);

// --- Charts ----------------------------------------------------------------------------------

export const TicketsByStatus = graphql(`query ConsoleTicketsByStatus($from: DateTime!, $to: DateTime!) {
  ticketStats(from: $from, to: $to, groupBy: [STATUS]) { total { count } groups { status count } }
}`);

// --- Payroll ---------------------------------------------------------------------------------

export const PayrollRunRow = graphql(`
  fragment PayrollRunRow on PayrollRun {
    id period status currency totalGross totalAllowances totalDeductions totalNet
    calculatedAt calculatedBy lastPayDataChangeBy finalizedAt finalizedBy
  }
`);

/** Every run (the graph has no paging for them yet: the screen pages the list itself). */
export const PayrollRuns = graphql(`query ConsolePayrollRuns { payrollRuns { ...PayrollRunRow } }`);

export const PayrollRunPage = graphql(`query ConsolePayrollRun($id: ID!) {
  payrollRun(id: $id) {
    ...PayrollRunRow
    payslips {
      employee { id givenName familyName }
      costCenter daysPaid daysInPeriod currency gross allowances pensionEmployee wageWithholding deductions net
      employerContributions
      lines { code description amount taxable informational }
    }
  }
}`);

/**
 * The run's booking in accounting: the graph has no link from a run to its entry, so it is found by the
 * reference accounting gives it (`payroll-run:<id>`). Only accounting roles may read journal entries.
 */
export const PayrollBooking = graphql(`query ConsolePayrollBooking($reference: String!) {
  journalEntries(filter: { reference: $reference }, first: 1) {
    edges { node { id number status date total currency } }
  }
}`);

export const CreatePayrollRun = graphql(
  `mutation ConsoleCreatePayrollRun($period: String!) { createPayrollRun(period: $period) { id } }`,
);

export const CalculatePayrollRun = graphql(
  `mutation ConsoleCalculatePayrollRun($id: ID!) { calculatePayrollRun(id: $id) { id status } }`,
);

export const FinalizePayrollRun = graphql(
  `mutation ConsoleFinalizePayrollRun($id: ID!) { finalizePayrollRun(id: $id) { id status } }`,
);

// --- Leave -----------------------------------------------------------------------------------

export const LeaveRow = graphql(`
  fragment LeaveRow on LeaveRequest {
    id type startDate endDate halfDayStart halfDayEnd days status reason requestedBy decidedBy decisionComment
    employee { id givenName familyName }
  }
`);

export const MyLeave = graphql(`query ConsoleMyLeave($year: Int) {
  me {
    id
    leaveBalance(year: $year) {
      year entitled taken planned pending remaining overdrawn
      buckets { kind year entitledHours usedHours pendingHours expiredHours remainingHours expiresOn }
    }
    leaveRequests { ...LeaveRow }
  }
}`);

export const LeaveDecisions = graphql(
  `query ConsoleLeaveDecisions { leaveRequests(filter: { toDecide: true }) { ...LeaveRow } }`,
);

export const RequestLeave = graphql(`mutation ConsoleRequestLeave($input: RequestLeaveInput!) {
  requestLeave(input: $input) { id status days }
}`);

/** Every operation (the fragments are part of each operation's text), for the schema check in the tests. */
export const OPERATIONS = {
  Directory,
  Employee,
  LoginDirectory,
  HireEmployee,
  MyWork,
  LeaveToDecide,
  DecideApproval,
  DecideLeave,
  AcknowledgePolicy,
  TicketQueue,
  TicketPage,
  TransitionTicket,
  CommentOnTicket,
  DocumentList,
  SearchDocuments,
  DocumentVersions,
  Accounts,
  PostJournalEntry,
  LedgerOverview,
  ClosePeriod,
  AuditTrail,
  ComplianceOverview,
  TicketsByStatus,
  PayrollRuns,
  PayrollRunPage,
  PayrollBooking,
  CreatePayrollRun,
  CalculatePayrollRun,
  FinalizePayrollRun,
  MyLeave,
  LeaveDecisions,
  RequestLeave,
  ProfitAndLoss,
  BalanceSheet,
  VatReturn,
  GeneralLedger,
  FiscalPeriods,
  ReopenPeriod,
  Agents,
  AssignTicket,
  TicketHistory,
  LegalHolds,
  PlaceLegalHold,
  ReleaseLegalHold,
};

export const WorkplaceCost = graphql(`query ConsoleWorkplaceCost($year: Int!, $seat: Decimal!) {
  workplaceCostReport(year: $year, officeSeatMonthlyCost: $seat) {
    year officeSeatMonthlyCost totalSeatCostAvoided totalAllowancesPaid totalNetSaving
    rows { employee { id givenName familyName } monthsRemote seatCostAvoided allowancesPaid netSaving }
    departments { department { id name costCenter } remoteEmployees monthsRemote seatCostAvoided allowancesPaid netSaving }
  }
}`);
