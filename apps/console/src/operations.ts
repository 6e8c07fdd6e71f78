import { gql } from './gql.js';

/**
 * Every operation the console sends, with its result type written beside it. The test suite
 * (test/console) validates each `text` against the running gateway's schema.
 */

// --- Shared shapes ---------------------------------------------------------------------------

export type TicketStatus = 'NEW' | 'TRIAGED' | 'IN_PROGRESS' | 'WAITING_ON_REQUESTER' | 'RESOLVED' | 'CLOSED';
export const TICKET_STATUSES: TicketStatus[] = [
  'NEW',
  'TRIAGED',
  'IN_PROGRESS',
  'WAITING_ON_REQUESTER',
  'RESOLVED',
  'CLOSED',
];
export interface Sla {
  breached: boolean;
  paused: boolean;
  responseDueAt: string;
  resolutionDueAt: string;
  responseRemainingMinutes: number | null;
  resolutionRemainingMinutes: number | null;
}
export interface TicketRow {
  id: string;
  number: string;
  title: string;
  category: string;
  priority: string;
  status: TicketStatus;
  createdAt: string;
  sla: Sla;
  requester: { id: string; givenName: string; familyName: string };
  assignee: { id: string; givenName: string; familyName: string } | null;
}
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface Approval {
  id: string;
  status: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  amount: string | null;
  currency: string | null;
  requiredRole: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  canDecide: boolean;
}
export interface DocumentRow {
  id: string;
  title: string;
  documentType: string | null;
  classification: string;
  tags: string[];
  underLegalHold: boolean;
  /** Whether the file's words are searchable yet: read after the upload, within budgets. */
  textStatus: 'PENDING' | 'DONE' | 'TOO_COMPLEX' | 'FAILED';
  createdAt: string;
  currentVersion: {
    number: number;
    size: number;
    mimeType: string;
    fileName: string | null;
    contentPath: string;
  };
}

const TICKET_ROW = `id number title category priority status createdAt
  sla { breached paused responseDueAt resolutionDueAt responseRemainingMinutes resolutionRemainingMinutes }
  requester { id givenName familyName } assignee { id givenName familyName }`;
const APPROVAL = `id status subjectType subjectId reason amount currency requiredRole requestedBy requestedAt expiresAt canDecide`;
const DOCUMENT_ROW = `id title documentType classification tags underLegalHold textStatus createdAt
  currentVersion { number size mimeType fileName contentPath }`;

// --- People ----------------------------------------------------------------------------------

export interface DirectoryRow {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  status: 'ACTIVE' | 'TERMINATED';
  workLocation: string;
  department: { id: string; name: string } | null;
}
export const Directory = gql<
  {
    employees: { totalCount: number; pageInfo: PageInfo; edges: { node: DirectoryRow }[] };
    departments: { id: string; name: string; headcount: number }[];
  },
  {
    first: number;
    after?: string | null;
    filter: { search?: string; departmentId?: string; status?: string; workLocation?: string };
  }
>(`query ConsoleDirectory($first: Int, $after: String, $filter: EmployeeFilter) {
  employees(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id givenName familyName email status workLocation department { id name } } }
  }
  departments { id name headcount }
}`);

export interface EmployeeBasics {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  status: string;
  workLocation: string;
  startDate: string;
  department: { name: string } | null;
  manager: { id: string; givenName: string; familyName: string } | null;
}
export interface EmployeePage {
  employee: EmployeeBasics | null;
  contract: {
    contract: {
      monthlySalary: string;
      currency: string;
      fte: number;
      weeklyHours: string;
      startDate: string;
    } | null;
  } | null;
  leave: {
    leaveBalance: {
      year: number;
      entitled: number;
      taken: number;
      planned: number;
      pending: number;
      remaining: number;
    };
  } | null;
  tickets: { tickets: TicketRow[] } | null;
  assets: { assets: { id: string; tag: string; model: string; kind: string; status: string }[] } | null;
  documents: { documents: DocumentRow[] } | null;
  acknowledgements: {
    acknowledgements: {
      policyId: string;
      version: number;
      requestedAt: string;
      acknowledgedAt: string | null;
      policy: { title: string } | null;
    }[];
  } | null;
}
/**
 * The employee page in ONE query: every service contributes its part of the Employee. Each part is
 * its own alias of `employee`, because a part the caller may not read (FORBIDDEN on a non-null field
 * such as `tickets`) nulls its nearest nullable parent: with aliases that is only its own section.
 */
export const Employee = gql<EmployeePage, { id: string }>(`query ConsoleEmployee($id: ID!) {
  employee(id: $id) {
    id givenName familyName email status workLocation startDate
    department { name }
    manager { id givenName familyName }
  }
  contract: employee(id: $id) { id contract { monthlySalary currency fte weeklyHours startDate } }
  leave: employee(id: $id) { id leaveBalance { year entitled taken planned pending remaining } }
  tickets: employee(id: $id) { id tickets { ${TICKET_ROW} } }
  assets: employee(id: $id) { id assets { id tag model kind status } }
  documents: employee(id: $id) { id documents { ${DOCUMENT_ROW} } }
  acknowledgements: employee(id: $id) {
    id acknowledgements { policyId version requestedAt acknowledgedAt policy { title } }
  }
}`);

export const LoginDirectory = gql<
  { employees: { edges: { node: { id: string; givenName: string; familyName: string } }[] } },
  Record<string, never>
>(
  `query ConsoleLoginDirectory { employees(first: 100, filter: { status: ACTIVE }) { edges { node { id givenName familyName } } } }`,
);

export const HireEmployee = gql<
  { hireEmployee: { id: string } },
  {
    input: {
      givenName: string;
      familyName: string;
      email: string;
      departmentId: string;
      startDate: string;
      workLocation: string;
      contract: { monthlySalary: string; currency: string; fte: number };
    };
  }
>(`mutation ConsoleHire($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }`);

// --- My work ---------------------------------------------------------------------------------

export interface LeaveRow {
  id: string;
  type: string;
  startDate: string;
  endDate: string;
  days: number;
  status: string;
  employee: { givenName: string; familyName: string };
}
export const MyWork = gql<
  {
    me: {
      id: string;
      givenName: string;
      leaveRequests: LeaveRow[];
      acknowledgements: {
        policyId: string;
        version: number;
        acknowledgedAt: string | null;
        policy: { title: string } | null;
      }[];
    } | null;
    tickets: { edges: { node: TicketRow }[] };
    approvals: Approval[];
  },
  Record<string, never>
>(`query ConsoleMyWork {
  me {
    id givenName
    leaveRequests { id type startDate endDate days status employee { givenName familyName } }
    acknowledgements { policyId version acknowledgedAt policy { title } }
  }
  tickets(first: 20, filter: { open: true }) { edges { node { ${TICKET_ROW} } } }
  approvals(filter: { status: PENDING }) { ${APPROVAL} }
}`);

export const LeaveToDecide = gql<{ leaveRequests: LeaveRow[] }, Record<string, never>>(
  `query ConsoleLeaveToDecide { leaveRequests(filter: { toDecide: true }) { id type startDate endDate days status employee { givenName familyName } } }`,
);

export const DecideApproval = gql<
  { decideApproval: { id: string; status: string } },
  { id: string; approve: boolean; comment?: string | null }
>(`mutation ConsoleDecideApproval($id: ID!, $approve: Boolean!, $comment: String) {
  decideApproval(id: $id, approve: $approve, comment: $comment) { id status }
}`);

export const DecideLeave = gql<
  { decideLeave: { id: string; status: string } },
  { id: string; approve: boolean; comment?: string | null }
>(`mutation ConsoleDecideLeave($id: ID!, $approve: Boolean!, $comment: String) {
  decideLeave(id: $id, approve: $approve, comment: $comment) { id status }
}`);

export const AcknowledgePolicy = gql<
  { acknowledgePolicy: { acknowledgedAt: string | null } },
  { policyId: string; version: number }
>(`mutation ConsoleAcknowledge($policyId: ID!, $version: Int!) {
  acknowledgePolicy(policyId: $policyId, version: $version) { acknowledgedAt }
}`);

// --- Service desk ----------------------------------------------------------------------------

export const TicketQueue = gql<
  { tickets: { totalCount: number; edges: { node: TicketRow }[] } },
  { status?: TicketStatus[] | null }
>(`query ConsoleTicketQueue($status: [TicketStatus!]) {
  tickets(first: 100, filter: { open: true, status: $status }) { totalCount edges { node { ${TICKET_ROW} } } }
}`);

export interface TicketDetail extends TicketRow {
  description: string | null;
  allowedTransitions: TicketStatus[];
  comments: { id: string; body: string; internal: boolean; author: string | null; createdAt: string }[];
  history: {
    kind: string;
    fromValue: string | null;
    toValue: string | null;
    changedBy: string | null;
    changedAt: string;
  }[];
}
export const TicketPage = gql<
  { ticket: TicketDetail | null },
  { id: string }
>(`query ConsoleTicket($id: ID!) {
  ticket(id: $id) {
    ${TICKET_ROW} description allowedTransitions
    comments { id body internal author createdAt }
    history { kind fromValue toValue changedBy changedAt }
  }
}`);

export const TransitionTicket = gql<
  { transitionTicket: { id: string; status: TicketStatus } },
  { id: string; to: TicketStatus }
>(
  `mutation ConsoleTransition($id: ID!, $to: TicketStatus!) { transitionTicket(id: $id, to: $to) { id status } }`,
);

export const CommentOnTicket = gql<
  { commentOnTicket: { id: string } },
  { id: string; body: string; internal: boolean }
>(`mutation ConsoleComment($id: ID!, $body: String!, $internal: Boolean) {
  commentOnTicket(id: $id, body: $body, internal: $internal) { id }
}`);

// --- Documents -------------------------------------------------------------------------------

export const DocumentList = gql<
  { documents: { totalCount: number; edges: { node: DocumentRow }[] } },
  Record<string, never>
>(`query ConsoleDocuments { documents(first: 50) { totalCount edges { node { ${DOCUMENT_ROW} } } } }`);

export const SearchDocuments = gql<
  { searchDocuments: { rank: number; snippet: string | null; document: DocumentRow }[] },
  { query: string }
>(`query ConsoleSearchDocuments($query: String!) {
  searchDocuments(query: $query, first: 20) { rank snippet document { ${DOCUMENT_ROW} } }
}`);

export const DocumentVersions = gql<
  {
    document: {
      id: string;
      title: string;
      underLegalHold: boolean;
      retentionUntil: string | null;
      versions: {
        number: number;
        size: number;
        mimeType: string;
        fileName: string | null;
        createdAt: string;
        contentPath: string;
        sha256: string;
      }[];
    } | null;
  },
  { id: string }
>(`query ConsoleDocumentVersions($id: ID!) {
  document(id: $id) {
    id title underLegalHold retentionUntil
    versions { number size mimeType fileName createdAt contentPath sha256 }
  }
}`);

// --- Ledger ----------------------------------------------------------------------------------

export const Accounts = gql<
  { accounts: { code: string; name: string; type: string }[] },
  Record<string, never>
>(`query ConsoleAccounts { accounts(active: true) { code name type } }`);

export const PostJournalEntry = gql<
  {
    postJournalEntry: { id: string; number: string | null; status: string; total: string; currency: string };
  },
  {
    input: {
      date: string;
      description: string;
      reference?: string | null;
      lines: { accountCode: string; debit?: string | null; credit?: string | null }[];
    };
  }
>(`mutation ConsolePostEntry($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) { id number status total currency }
}`);

export const LedgerOverview = gql<
  {
    trialBalance: {
      asOf: string;
      totalDebit: string;
      totalCredit: string;
      rows: {
        accountCode: string;
        accountName: string;
        accountType: string;
        debit: string;
        credit: string;
        balance: string;
      }[];
    };
    agingReport: {
      rows: {
        counterparty: string;
        kind: string;
        currency: string;
        notDue: string;
        days0To30: string;
        days31To60: string;
        days61To90: string;
        over90: string;
        total: string;
      }[];
    };
    fiscalPeriods: { period: string; status: string; pendingEntries: number }[];
    journalEntries: {
      edges: {
        node: {
          id: string;
          number: string | null;
          date: string;
          description: string;
          status: string;
          total: string;
          currency: string;
        };
      }[];
    };
  },
  { asOf: string; year: number }
>(`query ConsoleLedger($asOf: Date!, $year: Int!) {
  trialBalance(asOf: $asOf) { asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } }
  agingReport(asOf: $asOf) { rows { counterparty kind currency notDue days0To30 days31To60 days61To90 over90 total } }
  fiscalPeriods(year: $year) { period status pendingEntries }
  journalEntries(first: 20) { edges { node { id number date description status total currency } } }
}`);

export const ClosePeriod = gql<{ closePeriod: boolean }, { period: string }>(
  `mutation ConsoleClosePeriod($period: String!) { closePeriod(period: $period) }`,
);

// --- Compliance ------------------------------------------------------------------------------

export interface AuditRow {
  sequence: number;
  type: string;
  source: string;
  subject: string | null;
  actor: string | null;
  time: string;
  hash: string;
}
export const AuditTrail = gql<
  {
    auditTrail: { totalCount: number; edges: { node: AuditRow }[] };
  },
  { filter: { type?: string; source?: string; actor?: string; subject?: string } }
>(`query ConsoleAuditTrail($filter: AuditFilter) {
  auditTrail(first: 50, filter: $filter) { totalCount edges { node { sequence type source subject actor time hash } } }
}`);

export const ComplianceOverview = gql<
  {
    verifyAuditTrail: { valid: boolean; checked: number; firstInvalidSequence: number | null };
    complianceCounts: {
      auditEntries: number;
      pendingApprovals: number;
      approvalsPastDeadline: number;
      overdueAcknowledgements: number;
      activeLegalHolds: number;
      ticketSlaBreaches: number;
      journalEntriesReversedMoreThanOnce: number;
    };
    complianceFindings: { kind: string; description: string; count: number }[];
  },
  Record<string, never>
>(`query ConsoleCompliance {
  verifyAuditTrail { valid checked firstInvalidSequence }
  complianceCounts { auditEntries pendingApprovals approvalsPastDeadline overdueAcknowledgements activeLegalHolds ticketSlaBreaches journalEntriesReversedMoreThanOnce }
  complianceFindings { kind description count }
}`);

// --- Charts ----------------------------------------------------------------------------------

export const TicketsByStatus = gql<
  { ticketStats: { total: { count: number }; groups: { status: TicketStatus | null; count: number }[] } },
  { from: string; to: string }
>(`query ConsoleTicketsByStatus($from: DateTime!, $to: DateTime!) {
  ticketStats(from: $from, to: $to, groupBy: [STATUS]) { total { count } groups { status count } }
}`);

/** Every operation, for the schema check in the tests. */
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
};
