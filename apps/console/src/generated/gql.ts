/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment PriceRow on Price {\n    id amount amountWithVat vatRate currency minQuantity validFrom validTo status\n    priceList { id name currency }\n  }\n": typeof types.PriceRowFragmentDoc,
    "\n  fragment StockLevelRow on StockLevel {\n    warehouse { id code name } onHand reserved available\n  }\n": typeof types.StockLevelRowFragmentDoc,
    "query ConsoleProducts($first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) unit vatCode productGroup active available reorderLevel } }\n  }\n}": typeof types.ConsoleProductsDocument,
    "query ConsoleProduct($id: ID!, $language: Language) {\n  product(id: $id) {\n    id sku name(language: $language) nameEn nameNl descriptionEn descriptionNl unit vatCode vatRate\n    active reorderLevel productGroup available\n    stock { ...StockLevelRow }\n  }\n  priceLists { id name currency }\n}": typeof types.ConsoleProductDocument,
    "query ConsoleProductPrices($id: ID!, $priceListId: ID!) {\n  product(id: $id) { id prices(priceListId: $priceListId) { ...PriceRow } }\n}": typeof types.ConsoleProductPricesDocument,
    "query ConsolePriceApprovals {\n  approvals(filter: { subjectType: \"Price\", status: PENDING }) { id subjectId requiredRole requestedBy canDecide }\n}": typeof types.ConsolePriceApprovalsDocument,
    "mutation ConsoleCreateProduct($input: CreateProductInput!) {\n  createProduct(input: $input) { id sku }\n}": typeof types.ConsoleCreateProductDocument,
    "mutation ConsoleUpdateProduct($id: ID!, $input: UpdateProductInput!) {\n  updateProduct(id: $id, input: $input) { id }\n}": typeof types.ConsoleUpdateProductDocument,
    "query ConsolePriceLists { priceLists { id name currency } }": typeof types.ConsolePriceListsDocument,
    "query ConsolePriceListProducts($priceListId: ID!, $first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) vatRate prices(priceListId: $priceListId) { ...PriceRow } } }\n  }\n}": typeof types.ConsolePriceListProductsDocument,
    "mutation ConsoleCreatePriceList($name: String!, $currency: String!) {\n  createPriceList(name: $name, currency: $currency) { id }\n}": typeof types.ConsoleCreatePriceListDocument,
    "mutation ConsoleSetPrice($input: SetPriceInput!) {\n  setPrice(input: $input) { id status }\n}": typeof types.ConsoleSetPriceDocument,
    "query ConsoleWarehouses { warehouses { id code name } }": typeof types.ConsoleWarehousesDocument,
    "mutation ConsoleCreateWarehouse($code: String!, $name: String!) {\n  createWarehouse(code: $code, name: $name) { id }\n}": typeof types.ConsoleCreateWarehouseDocument,
    "query ConsoleStock($first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) unit reorderLevel available stock { ...StockLevelRow } } }\n  }\n}": typeof types.ConsoleStockDocument,
    "query ConsoleStockMovements($productId: ID!, $first: Int, $after: String) {\n  stockMovements(productId: $productId, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id kind quantity reference reason createdAt createdBy warehouse { id code } } }\n  }\n}": typeof types.ConsoleStockMovementsDocument,
    "query ConsoleReservations($productId: ID!) {\n  reservations(productId: $productId) {\n    id quantity reference expiresAt status createdBy warehouse { id code }\n  }\n}": typeof types.ConsoleReservationsDocument,
    "mutation ConsoleReceiveStock($input: StockInput!) {\n  receiveStock(input: $input) { id }\n}": typeof types.ConsoleReceiveStockDocument,
    "mutation ConsoleCountStock($productId: ID!, $warehouseId: ID!, $counted: Decimal!, $reference: String) {\n  countStock(productId: $productId, warehouseId: $warehouseId, counted: $counted, reference: $reference) { id quantity }\n}": typeof types.ConsoleCountStockDocument,
    "mutation ConsoleTransferStock($input: TransferStockInput!) {\n  transferStock(input: $input) { id }\n}": typeof types.ConsoleTransferStockDocument,
    "mutation ConsoleReserveStock($input: StockInput!, $expiresAt: DateTime) {\n  reserveStock(input: $input, expiresAt: $expiresAt) { id expiresAt }\n}": typeof types.ConsoleReserveStockDocument,
    "mutation ConsoleReleaseReservation($id: ID!) {\n  releaseReservation(id: $id) { id status }\n}": typeof types.ConsoleReleaseReservationDocument,
    "\n  fragment TicketRow on Ticket {\n    id number title category priority status createdAt\n    sla { breached paused responseDueAt resolutionDueAt responseRemainingMinutes resolutionRemainingMinutes }\n    requester { id givenName familyName } assignee { id givenName familyName }\n  }\n": typeof types.TicketRowFragmentDoc,
    "\n  fragment ApprovalRow on Approval {\n    id status subjectType subjectId reason amount currency requiredRole requestedBy requestedAt expiresAt canDecide\n  }\n": typeof types.ApprovalRowFragmentDoc,
    "\n  fragment DocumentRow on Document {\n    id title documentType classification tags underLegalHold textStatus createdAt\n    currentVersion { number size mimeType fileName contentPath }\n  }\n": typeof types.DocumentRowFragmentDoc,
    "query ConsoleDirectory($first: Int, $after: String, $filter: EmployeeFilter) {\n  employees(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id givenName familyName email status workLocation department { id name } } }\n  }\n  departments { id name headcount }\n}": typeof types.ConsoleDirectoryDocument,
    "query ConsoleEmployee($id: ID!) {\n  employee(id: $id) {\n    id givenName familyName email status workLocation startDate\n    department { name }\n    manager { id givenName familyName }\n  }\n  contract: employee(id: $id) { id contract { monthlySalary currency fte weeklyHours startDate } }\n  leave: employee(id: $id) { id leaveBalance { year entitled taken planned pending remaining } }\n  tickets: employee(id: $id) { id tickets { ...TicketRow } }\n  assets: employee(id: $id) { id assets { id tag model kind status } }\n  documents: employee(id: $id) { id documents { ...DocumentRow } }\n  acknowledgements: employee(id: $id) {\n    id acknowledgements { policyId version requestedAt acknowledgedAt policy { title } }\n  }\n}": typeof types.ConsoleEmployeeDocument,
    "query ConsoleLoginDirectory { employees(first: 100, filter: { status: ACTIVE }) { edges { node { id givenName familyName } } } }": typeof types.ConsoleLoginDirectoryDocument,
    "mutation ConsoleHire($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }": typeof types.ConsoleHireDocument,
    "query ConsoleMyWork {\n  me {\n    id givenName\n    leaveRequests { id type startDate endDate days status employee { givenName familyName } }\n    acknowledgements { policyId version acknowledgedAt policy { title } }\n  }\n  tickets(first: 20, filter: { open: true }) { edges { node { ...TicketRow } } }\n  approvals(filter: { status: PENDING }) { ...ApprovalRow }\n}": typeof types.ConsoleMyWorkDocument,
    "query ConsoleLeaveToDecide { leaveRequests(filter: { toDecide: true }) { id type startDate endDate days status employee { givenName familyName } } }": typeof types.ConsoleLeaveToDecideDocument,
    "mutation ConsoleDecideApproval($id: ID!, $approve: Boolean!, $comment: String) {\n  decideApproval(id: $id, approve: $approve, comment: $comment) { id status }\n}": typeof types.ConsoleDecideApprovalDocument,
    "mutation ConsoleDecideLeave($id: ID!, $approve: Boolean!, $comment: String) {\n  decideLeave(id: $id, approve: $approve, comment: $comment) { id status }\n}": typeof types.ConsoleDecideLeaveDocument,
    "mutation ConsoleAcknowledge($policyId: ID!, $version: Int!) {\n  acknowledgePolicy(policyId: $policyId, version: $version) { acknowledgedAt }\n}": typeof types.ConsoleAcknowledgeDocument,
    "query ConsoleTicketQueue($status: [TicketStatus!]) {\n  tickets(first: 100, filter: { open: true, status: $status }) { totalCount edges { node { ...TicketRow } } }\n}": typeof types.ConsoleTicketQueueDocument,
    "query ConsoleTicket($id: ID!) {\n  ticket(id: $id) {\n    ...TicketRow description allowedTransitions\n    comments { id body internal author createdAt }\n    history { kind fromValue toValue changedBy changedAt }\n  }\n}": typeof types.ConsoleTicketDocument,
    "mutation ConsoleTransition($id: ID!, $to: TicketStatus!) { transitionTicket(id: $id, to: $to) { id status } }": typeof types.ConsoleTransitionDocument,
    "mutation ConsoleComment($id: ID!, $body: String!, $internal: Boolean) {\n  commentOnTicket(id: $id, body: $body, internal: $internal) { id }\n}": typeof types.ConsoleCommentDocument,
    "query ConsoleAgents {\n  agents { lead employee { id givenName familyName } }\n}": typeof types.ConsoleAgentsDocument,
    "mutation ConsoleAssignTicket($id: ID!, $assignee: ID) {\n  assignTicket(id: $id, assigneeEmployeeId: $assignee) { id assignee { id givenName familyName } }\n}": typeof types.ConsoleAssignTicketDocument,
    "query ConsoleTicketHistory($after: String) {\n  tickets(first: 100, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...TicketRow resolvedAt sla { resolutionBreached } } }\n  }\n}": typeof types.ConsoleTicketHistoryDocument,
    "\n  fragment LegalHoldRow on LegalHold {\n    id documentId reason placedBy placedAt status active releasedBy releasedAt\n    document { id title }\n  }\n": typeof types.LegalHoldRowFragmentDoc,
    "query ConsoleLegalHolds($documentId: ID) {\n  legalHolds(filter: { documentId: $documentId }) { ...LegalHoldRow }\n}": typeof types.ConsoleLegalHoldsDocument,
    "mutation ConsolePlaceLegalHold($documentId: ID!, $reason: String!) {\n  placeLegalHold(documentId: $documentId, reason: $reason) { ...LegalHoldRow }\n}": typeof types.ConsolePlaceLegalHoldDocument,
    "mutation ConsoleReleaseLegalHold($id: ID!) {\n  releaseLegalHold(id: $id) { ...LegalHoldRow }\n}": typeof types.ConsoleReleaseLegalHoldDocument,
    "query ConsoleDocuments { documents(first: 50) { totalCount edges { node { ...DocumentRow } } } }": typeof types.ConsoleDocumentsDocument,
    "query ConsoleSearchDocuments($query: String!) {\n  searchDocuments(query: $query, first: 20) { rank snippet document { ...DocumentRow } }\n}": typeof types.ConsoleSearchDocumentsDocument,
    "query ConsoleDocumentVersions($id: ID!) {\n  document(id: $id) {\n    id title underLegalHold retentionUntil\n    versions { number size mimeType fileName createdAt contentPath sha256 }\n  }\n}": typeof types.ConsoleDocumentVersionsDocument,
    "query ConsoleAccounts { accounts(active: true) { code name type } }": typeof types.ConsoleAccountsDocument,
    "mutation ConsolePostEntry($input: PostJournalEntryInput!) {\n  postJournalEntry(input: $input) { id number status total currency }\n}": typeof types.ConsolePostEntryDocument,
    "query ConsoleLedger($asOf: Date!) {\n  trialBalance(asOf: $asOf) { asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } }\n  agingReport(asOf: $asOf) { rows { counterparty kind currency notDue days0To30 days31To60 days61To90 over90 total } }\n  journalEntries(first: 20) { edges { node { id number date description status total currency } } }\n}": typeof types.ConsoleLedgerDocument,
    "mutation ConsoleClosePeriod($period: String!) { closePeriod(period: $period) }": typeof types.ConsoleClosePeriodDocument,
    "\n  fragment StatementRowFields on StatementRow { accountCode accountName amount }\n": typeof types.StatementRowFieldsFragmentDoc,
    "query ConsoleProfitAndLoss($from: Date!, $to: Date!) {\n  profitAndLoss(from: $from, to: $to) {\n    from to totalRevenue totalExpenses netIncome\n    revenue { ...StatementRowFields } expenses { ...StatementRowFields }\n  }\n}": typeof types.ConsoleProfitAndLossDocument,
    "query ConsoleBalanceSheet($asOf: Date!) {\n  balanceSheet(asOf: $asOf) {\n    asOf currentResult totalAssets totalLiabilities totalEquity totalLiabilitiesAndEquity balanced\n    assets { ...StatementRowFields } liabilities { ...StatementRowFields } equity { ...StatementRowFields }\n  }\n}": typeof types.ConsoleBalanceSheetDocument,
    "query ConsoleVatReturn($year: Int!, $quarter: Int!) {\n  vatReturn(year: $year, quarter: $quarter) { year quarter boxes { code turnover vat } }\n}": typeof types.ConsoleVatReturnDocument,
    "query ConsoleGeneralLedger($accountCode: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {\n  generalLedger(accountCode: $accountCode, from: $from, to: $to, first: $first, after: $after) {\n    accountCode accountName from to openingBalance closingBalance totalDebit totalCredit totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { entryId number date lineNo description debit credit costCenter runningBalance } }\n  }\n}": typeof types.ConsoleGeneralLedgerDocument,
    "query ConsoleFiscalPeriods($year: Int!) {\n  fiscalPeriods(year: $year) {\n    period status pendingEntries changedAt changedBy\n    history { action reason changedBy changedAt }\n  }\n}": typeof types.ConsoleFiscalPeriodsDocument,
    "mutation ConsoleReopenPeriod($period: String!, $reason: String!) { reopenPeriod(period: $period, reason: $reason) }": typeof types.ConsoleReopenPeriodDocument,
    "query ConsoleAuditTrail($filter: AuditFilter) {\n  auditTrail(first: 50, filter: $filter) { totalCount edges { node { sequence type source subject actor time hash } } }\n}": typeof types.ConsoleAuditTrailDocument,
    "query ConsoleCompliance {\n  verifyAuditTrail { valid checked firstInvalidSequence }\n  complianceCounts { auditEntries pendingApprovals approvalsPastDeadline overdueAcknowledgements activeLegalHolds ticketSlaBreaches journalEntriesReversedMoreThanOnce }\n  complianceFindings { kind description count }\n}": typeof types.ConsoleComplianceDocument,
    "query ConsoleTicketsByStatus($from: DateTime!, $to: DateTime!) {\n  ticketStats(from: $from, to: $to, groupBy: [STATUS]) { total { count } groups { status count } }\n}": typeof types.ConsoleTicketsByStatusDocument,
    "\n  fragment PayrollRunRow on PayrollRun {\n    id period status currency totalGross totalAllowances totalDeductions totalNet\n    calculatedAt calculatedBy lastPayDataChangeBy finalizedAt finalizedBy\n  }\n": typeof types.PayrollRunRowFragmentDoc,
    "query ConsolePayrollRuns { payrollRuns { ...PayrollRunRow } }": typeof types.ConsolePayrollRunsDocument,
    "query ConsolePayrollRun($id: ID!) {\n  payrollRun(id: $id) {\n    ...PayrollRunRow\n    payslips {\n      employee { id givenName familyName }\n      costCenter daysPaid daysInPeriod currency gross allowances pensionEmployee wageWithholding deductions net\n      employerContributions\n      lines { code description amount taxable informational }\n    }\n  }\n}": typeof types.ConsolePayrollRunDocument,
    "query ConsolePayrollBooking($reference: String!) {\n  journalEntries(filter: { reference: $reference }, first: 1) {\n    edges { node { id number status date total currency } }\n  }\n}": typeof types.ConsolePayrollBookingDocument,
    "mutation ConsoleCreatePayrollRun($period: String!) { createPayrollRun(period: $period) { id } }": typeof types.ConsoleCreatePayrollRunDocument,
    "mutation ConsoleCalculatePayrollRun($id: ID!) { calculatePayrollRun(id: $id) { id status } }": typeof types.ConsoleCalculatePayrollRunDocument,
    "mutation ConsoleFinalizePayrollRun($id: ID!) { finalizePayrollRun(id: $id) { id status } }": typeof types.ConsoleFinalizePayrollRunDocument,
    "\n  fragment LeaveRow on LeaveRequest {\n    id type startDate endDate halfDayStart halfDayEnd days status reason requestedBy decidedBy decisionComment\n    employee { id givenName familyName }\n  }\n": typeof types.LeaveRowFragmentDoc,
    "query ConsoleMyLeave($year: Int) {\n  me {\n    id\n    leaveBalance(year: $year) {\n      year entitled taken planned pending remaining overdrawn\n      buckets { kind year entitledHours usedHours pendingHours expiredHours remainingHours expiresOn }\n    }\n    leaveRequests { ...LeaveRow }\n  }\n}": typeof types.ConsoleMyLeaveDocument,
    "query ConsoleLeaveDecisions { leaveRequests(filter: { toDecide: true }) { ...LeaveRow } }": typeof types.ConsoleLeaveDecisionsDocument,
    "mutation ConsoleRequestLeave($input: RequestLeaveInput!) {\n  requestLeave(input: $input) { id status days }\n}": typeof types.ConsoleRequestLeaveDocument,
    "query ConsoleWorkplaceCost($year: Int!, $seat: Decimal!) {\n  workplaceCostReport(year: $year, officeSeatMonthlyCost: $seat) {\n    year officeSeatMonthlyCost totalSeatCostAvoided totalAllowancesPaid totalNetSaving\n    rows { employee { id givenName familyName } monthsRemote seatCostAvoided allowancesPaid netSaving }\n    departments { department { id name costCenter } remoteEmployees monthsRemote seatCostAvoided allowancesPaid netSaving }\n  }\n}": typeof types.ConsoleWorkplaceCostDocument,
    "query ConsolePayrollCost {\n  payrollRuns { id period status currency totalGross totalAllowances totalEmployerContributions }\n}": typeof types.ConsolePayrollCostDocument,
};
const documents: Documents = {
    "\n  fragment PriceRow on Price {\n    id amount amountWithVat vatRate currency minQuantity validFrom validTo status\n    priceList { id name currency }\n  }\n": types.PriceRowFragmentDoc,
    "\n  fragment StockLevelRow on StockLevel {\n    warehouse { id code name } onHand reserved available\n  }\n": types.StockLevelRowFragmentDoc,
    "query ConsoleProducts($first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) unit vatCode productGroup active available reorderLevel } }\n  }\n}": types.ConsoleProductsDocument,
    "query ConsoleProduct($id: ID!, $language: Language) {\n  product(id: $id) {\n    id sku name(language: $language) nameEn nameNl descriptionEn descriptionNl unit vatCode vatRate\n    active reorderLevel productGroup available\n    stock { ...StockLevelRow }\n  }\n  priceLists { id name currency }\n}": types.ConsoleProductDocument,
    "query ConsoleProductPrices($id: ID!, $priceListId: ID!) {\n  product(id: $id) { id prices(priceListId: $priceListId) { ...PriceRow } }\n}": types.ConsoleProductPricesDocument,
    "query ConsolePriceApprovals {\n  approvals(filter: { subjectType: \"Price\", status: PENDING }) { id subjectId requiredRole requestedBy canDecide }\n}": types.ConsolePriceApprovalsDocument,
    "mutation ConsoleCreateProduct($input: CreateProductInput!) {\n  createProduct(input: $input) { id sku }\n}": types.ConsoleCreateProductDocument,
    "mutation ConsoleUpdateProduct($id: ID!, $input: UpdateProductInput!) {\n  updateProduct(id: $id, input: $input) { id }\n}": types.ConsoleUpdateProductDocument,
    "query ConsolePriceLists { priceLists { id name currency } }": types.ConsolePriceListsDocument,
    "query ConsolePriceListProducts($priceListId: ID!, $first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) vatRate prices(priceListId: $priceListId) { ...PriceRow } } }\n  }\n}": types.ConsolePriceListProductsDocument,
    "mutation ConsoleCreatePriceList($name: String!, $currency: String!) {\n  createPriceList(name: $name, currency: $currency) { id }\n}": types.ConsoleCreatePriceListDocument,
    "mutation ConsoleSetPrice($input: SetPriceInput!) {\n  setPrice(input: $input) { id status }\n}": types.ConsoleSetPriceDocument,
    "query ConsoleWarehouses { warehouses { id code name } }": types.ConsoleWarehousesDocument,
    "mutation ConsoleCreateWarehouse($code: String!, $name: String!) {\n  createWarehouse(code: $code, name: $name) { id }\n}": types.ConsoleCreateWarehouseDocument,
    "query ConsoleStock($first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) unit reorderLevel available stock { ...StockLevelRow } } }\n  }\n}": types.ConsoleStockDocument,
    "query ConsoleStockMovements($productId: ID!, $first: Int, $after: String) {\n  stockMovements(productId: $productId, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id kind quantity reference reason createdAt createdBy warehouse { id code } } }\n  }\n}": types.ConsoleStockMovementsDocument,
    "query ConsoleReservations($productId: ID!) {\n  reservations(productId: $productId) {\n    id quantity reference expiresAt status createdBy warehouse { id code }\n  }\n}": types.ConsoleReservationsDocument,
    "mutation ConsoleReceiveStock($input: StockInput!) {\n  receiveStock(input: $input) { id }\n}": types.ConsoleReceiveStockDocument,
    "mutation ConsoleCountStock($productId: ID!, $warehouseId: ID!, $counted: Decimal!, $reference: String) {\n  countStock(productId: $productId, warehouseId: $warehouseId, counted: $counted, reference: $reference) { id quantity }\n}": types.ConsoleCountStockDocument,
    "mutation ConsoleTransferStock($input: TransferStockInput!) {\n  transferStock(input: $input) { id }\n}": types.ConsoleTransferStockDocument,
    "mutation ConsoleReserveStock($input: StockInput!, $expiresAt: DateTime) {\n  reserveStock(input: $input, expiresAt: $expiresAt) { id expiresAt }\n}": types.ConsoleReserveStockDocument,
    "mutation ConsoleReleaseReservation($id: ID!) {\n  releaseReservation(id: $id) { id status }\n}": types.ConsoleReleaseReservationDocument,
    "\n  fragment TicketRow on Ticket {\n    id number title category priority status createdAt\n    sla { breached paused responseDueAt resolutionDueAt responseRemainingMinutes resolutionRemainingMinutes }\n    requester { id givenName familyName } assignee { id givenName familyName }\n  }\n": types.TicketRowFragmentDoc,
    "\n  fragment ApprovalRow on Approval {\n    id status subjectType subjectId reason amount currency requiredRole requestedBy requestedAt expiresAt canDecide\n  }\n": types.ApprovalRowFragmentDoc,
    "\n  fragment DocumentRow on Document {\n    id title documentType classification tags underLegalHold textStatus createdAt\n    currentVersion { number size mimeType fileName contentPath }\n  }\n": types.DocumentRowFragmentDoc,
    "query ConsoleDirectory($first: Int, $after: String, $filter: EmployeeFilter) {\n  employees(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id givenName familyName email status workLocation department { id name } } }\n  }\n  departments { id name headcount }\n}": types.ConsoleDirectoryDocument,
    "query ConsoleEmployee($id: ID!) {\n  employee(id: $id) {\n    id givenName familyName email status workLocation startDate\n    department { name }\n    manager { id givenName familyName }\n  }\n  contract: employee(id: $id) { id contract { monthlySalary currency fte weeklyHours startDate } }\n  leave: employee(id: $id) { id leaveBalance { year entitled taken planned pending remaining } }\n  tickets: employee(id: $id) { id tickets { ...TicketRow } }\n  assets: employee(id: $id) { id assets { id tag model kind status } }\n  documents: employee(id: $id) { id documents { ...DocumentRow } }\n  acknowledgements: employee(id: $id) {\n    id acknowledgements { policyId version requestedAt acknowledgedAt policy { title } }\n  }\n}": types.ConsoleEmployeeDocument,
    "query ConsoleLoginDirectory { employees(first: 100, filter: { status: ACTIVE }) { edges { node { id givenName familyName } } } }": types.ConsoleLoginDirectoryDocument,
    "mutation ConsoleHire($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }": types.ConsoleHireDocument,
    "query ConsoleMyWork {\n  me {\n    id givenName\n    leaveRequests { id type startDate endDate days status employee { givenName familyName } }\n    acknowledgements { policyId version acknowledgedAt policy { title } }\n  }\n  tickets(first: 20, filter: { open: true }) { edges { node { ...TicketRow } } }\n  approvals(filter: { status: PENDING }) { ...ApprovalRow }\n}": types.ConsoleMyWorkDocument,
    "query ConsoleLeaveToDecide { leaveRequests(filter: { toDecide: true }) { id type startDate endDate days status employee { givenName familyName } } }": types.ConsoleLeaveToDecideDocument,
    "mutation ConsoleDecideApproval($id: ID!, $approve: Boolean!, $comment: String) {\n  decideApproval(id: $id, approve: $approve, comment: $comment) { id status }\n}": types.ConsoleDecideApprovalDocument,
    "mutation ConsoleDecideLeave($id: ID!, $approve: Boolean!, $comment: String) {\n  decideLeave(id: $id, approve: $approve, comment: $comment) { id status }\n}": types.ConsoleDecideLeaveDocument,
    "mutation ConsoleAcknowledge($policyId: ID!, $version: Int!) {\n  acknowledgePolicy(policyId: $policyId, version: $version) { acknowledgedAt }\n}": types.ConsoleAcknowledgeDocument,
    "query ConsoleTicketQueue($status: [TicketStatus!]) {\n  tickets(first: 100, filter: { open: true, status: $status }) { totalCount edges { node { ...TicketRow } } }\n}": types.ConsoleTicketQueueDocument,
    "query ConsoleTicket($id: ID!) {\n  ticket(id: $id) {\n    ...TicketRow description allowedTransitions\n    comments { id body internal author createdAt }\n    history { kind fromValue toValue changedBy changedAt }\n  }\n}": types.ConsoleTicketDocument,
    "mutation ConsoleTransition($id: ID!, $to: TicketStatus!) { transitionTicket(id: $id, to: $to) { id status } }": types.ConsoleTransitionDocument,
    "mutation ConsoleComment($id: ID!, $body: String!, $internal: Boolean) {\n  commentOnTicket(id: $id, body: $body, internal: $internal) { id }\n}": types.ConsoleCommentDocument,
    "query ConsoleAgents {\n  agents { lead employee { id givenName familyName } }\n}": types.ConsoleAgentsDocument,
    "mutation ConsoleAssignTicket($id: ID!, $assignee: ID) {\n  assignTicket(id: $id, assigneeEmployeeId: $assignee) { id assignee { id givenName familyName } }\n}": types.ConsoleAssignTicketDocument,
    "query ConsoleTicketHistory($after: String) {\n  tickets(first: 100, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...TicketRow resolvedAt sla { resolutionBreached } } }\n  }\n}": types.ConsoleTicketHistoryDocument,
    "\n  fragment LegalHoldRow on LegalHold {\n    id documentId reason placedBy placedAt status active releasedBy releasedAt\n    document { id title }\n  }\n": types.LegalHoldRowFragmentDoc,
    "query ConsoleLegalHolds($documentId: ID) {\n  legalHolds(filter: { documentId: $documentId }) { ...LegalHoldRow }\n}": types.ConsoleLegalHoldsDocument,
    "mutation ConsolePlaceLegalHold($documentId: ID!, $reason: String!) {\n  placeLegalHold(documentId: $documentId, reason: $reason) { ...LegalHoldRow }\n}": types.ConsolePlaceLegalHoldDocument,
    "mutation ConsoleReleaseLegalHold($id: ID!) {\n  releaseLegalHold(id: $id) { ...LegalHoldRow }\n}": types.ConsoleReleaseLegalHoldDocument,
    "query ConsoleDocuments { documents(first: 50) { totalCount edges { node { ...DocumentRow } } } }": types.ConsoleDocumentsDocument,
    "query ConsoleSearchDocuments($query: String!) {\n  searchDocuments(query: $query, first: 20) { rank snippet document { ...DocumentRow } }\n}": types.ConsoleSearchDocumentsDocument,
    "query ConsoleDocumentVersions($id: ID!) {\n  document(id: $id) {\n    id title underLegalHold retentionUntil\n    versions { number size mimeType fileName createdAt contentPath sha256 }\n  }\n}": types.ConsoleDocumentVersionsDocument,
    "query ConsoleAccounts { accounts(active: true) { code name type } }": types.ConsoleAccountsDocument,
    "mutation ConsolePostEntry($input: PostJournalEntryInput!) {\n  postJournalEntry(input: $input) { id number status total currency }\n}": types.ConsolePostEntryDocument,
    "query ConsoleLedger($asOf: Date!) {\n  trialBalance(asOf: $asOf) { asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } }\n  agingReport(asOf: $asOf) { rows { counterparty kind currency notDue days0To30 days31To60 days61To90 over90 total } }\n  journalEntries(first: 20) { edges { node { id number date description status total currency } } }\n}": types.ConsoleLedgerDocument,
    "mutation ConsoleClosePeriod($period: String!) { closePeriod(period: $period) }": types.ConsoleClosePeriodDocument,
    "\n  fragment StatementRowFields on StatementRow { accountCode accountName amount }\n": types.StatementRowFieldsFragmentDoc,
    "query ConsoleProfitAndLoss($from: Date!, $to: Date!) {\n  profitAndLoss(from: $from, to: $to) {\n    from to totalRevenue totalExpenses netIncome\n    revenue { ...StatementRowFields } expenses { ...StatementRowFields }\n  }\n}": types.ConsoleProfitAndLossDocument,
    "query ConsoleBalanceSheet($asOf: Date!) {\n  balanceSheet(asOf: $asOf) {\n    asOf currentResult totalAssets totalLiabilities totalEquity totalLiabilitiesAndEquity balanced\n    assets { ...StatementRowFields } liabilities { ...StatementRowFields } equity { ...StatementRowFields }\n  }\n}": types.ConsoleBalanceSheetDocument,
    "query ConsoleVatReturn($year: Int!, $quarter: Int!) {\n  vatReturn(year: $year, quarter: $quarter) { year quarter boxes { code turnover vat } }\n}": types.ConsoleVatReturnDocument,
    "query ConsoleGeneralLedger($accountCode: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {\n  generalLedger(accountCode: $accountCode, from: $from, to: $to, first: $first, after: $after) {\n    accountCode accountName from to openingBalance closingBalance totalDebit totalCredit totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { entryId number date lineNo description debit credit costCenter runningBalance } }\n  }\n}": types.ConsoleGeneralLedgerDocument,
    "query ConsoleFiscalPeriods($year: Int!) {\n  fiscalPeriods(year: $year) {\n    period status pendingEntries changedAt changedBy\n    history { action reason changedBy changedAt }\n  }\n}": types.ConsoleFiscalPeriodsDocument,
    "mutation ConsoleReopenPeriod($period: String!, $reason: String!) { reopenPeriod(period: $period, reason: $reason) }": types.ConsoleReopenPeriodDocument,
    "query ConsoleAuditTrail($filter: AuditFilter) {\n  auditTrail(first: 50, filter: $filter) { totalCount edges { node { sequence type source subject actor time hash } } }\n}": types.ConsoleAuditTrailDocument,
    "query ConsoleCompliance {\n  verifyAuditTrail { valid checked firstInvalidSequence }\n  complianceCounts { auditEntries pendingApprovals approvalsPastDeadline overdueAcknowledgements activeLegalHolds ticketSlaBreaches journalEntriesReversedMoreThanOnce }\n  complianceFindings { kind description count }\n}": types.ConsoleComplianceDocument,
    "query ConsoleTicketsByStatus($from: DateTime!, $to: DateTime!) {\n  ticketStats(from: $from, to: $to, groupBy: [STATUS]) { total { count } groups { status count } }\n}": types.ConsoleTicketsByStatusDocument,
    "\n  fragment PayrollRunRow on PayrollRun {\n    id period status currency totalGross totalAllowances totalDeductions totalNet\n    calculatedAt calculatedBy lastPayDataChangeBy finalizedAt finalizedBy\n  }\n": types.PayrollRunRowFragmentDoc,
    "query ConsolePayrollRuns { payrollRuns { ...PayrollRunRow } }": types.ConsolePayrollRunsDocument,
    "query ConsolePayrollRun($id: ID!) {\n  payrollRun(id: $id) {\n    ...PayrollRunRow\n    payslips {\n      employee { id givenName familyName }\n      costCenter daysPaid daysInPeriod currency gross allowances pensionEmployee wageWithholding deductions net\n      employerContributions\n      lines { code description amount taxable informational }\n    }\n  }\n}": types.ConsolePayrollRunDocument,
    "query ConsolePayrollBooking($reference: String!) {\n  journalEntries(filter: { reference: $reference }, first: 1) {\n    edges { node { id number status date total currency } }\n  }\n}": types.ConsolePayrollBookingDocument,
    "mutation ConsoleCreatePayrollRun($period: String!) { createPayrollRun(period: $period) { id } }": types.ConsoleCreatePayrollRunDocument,
    "mutation ConsoleCalculatePayrollRun($id: ID!) { calculatePayrollRun(id: $id) { id status } }": types.ConsoleCalculatePayrollRunDocument,
    "mutation ConsoleFinalizePayrollRun($id: ID!) { finalizePayrollRun(id: $id) { id status } }": types.ConsoleFinalizePayrollRunDocument,
    "\n  fragment LeaveRow on LeaveRequest {\n    id type startDate endDate halfDayStart halfDayEnd days status reason requestedBy decidedBy decisionComment\n    employee { id givenName familyName }\n  }\n": types.LeaveRowFragmentDoc,
    "query ConsoleMyLeave($year: Int) {\n  me {\n    id\n    leaveBalance(year: $year) {\n      year entitled taken planned pending remaining overdrawn\n      buckets { kind year entitledHours usedHours pendingHours expiredHours remainingHours expiresOn }\n    }\n    leaveRequests { ...LeaveRow }\n  }\n}": types.ConsoleMyLeaveDocument,
    "query ConsoleLeaveDecisions { leaveRequests(filter: { toDecide: true }) { ...LeaveRow } }": types.ConsoleLeaveDecisionsDocument,
    "mutation ConsoleRequestLeave($input: RequestLeaveInput!) {\n  requestLeave(input: $input) { id status days }\n}": types.ConsoleRequestLeaveDocument,
    "query ConsoleWorkplaceCost($year: Int!, $seat: Decimal!) {\n  workplaceCostReport(year: $year, officeSeatMonthlyCost: $seat) {\n    year officeSeatMonthlyCost totalSeatCostAvoided totalAllowancesPaid totalNetSaving\n    rows { employee { id givenName familyName } monthsRemote seatCostAvoided allowancesPaid netSaving }\n    departments { department { id name costCenter } remoteEmployees monthsRemote seatCostAvoided allowancesPaid netSaving }\n  }\n}": types.ConsoleWorkplaceCostDocument,
    "query ConsolePayrollCost {\n  payrollRuns { id period status currency totalGross totalAllowances totalEmployerContributions }\n}": types.ConsolePayrollCostDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceRow on Price {\n    id amount amountWithVat vatRate currency minQuantity validFrom validTo status\n    priceList { id name currency }\n  }\n"): typeof import('./graphql.js').PriceRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StockLevelRow on StockLevel {\n    warehouse { id code name } onHand reserved available\n  }\n"): typeof import('./graphql.js').StockLevelRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleProducts($first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) unit vatCode productGroup active available reorderLevel } }\n  }\n}"): typeof import('./graphql.js').ConsoleProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleProduct($id: ID!, $language: Language) {\n  product(id: $id) {\n    id sku name(language: $language) nameEn nameNl descriptionEn descriptionNl unit vatCode vatRate\n    active reorderLevel productGroup available\n    stock { ...StockLevelRow }\n  }\n  priceLists { id name currency }\n}"): typeof import('./graphql.js').ConsoleProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleProductPrices($id: ID!, $priceListId: ID!) {\n  product(id: $id) { id prices(priceListId: $priceListId) { ...PriceRow } }\n}"): typeof import('./graphql.js').ConsoleProductPricesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePriceApprovals {\n  approvals(filter: { subjectType: \"Price\", status: PENDING }) { id subjectId requiredRole requestedBy canDecide }\n}"): typeof import('./graphql.js').ConsolePriceApprovalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateProduct($input: CreateProductInput!) {\n  createProduct(input: $input) { id sku }\n}"): typeof import('./graphql.js').ConsoleCreateProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleUpdateProduct($id: ID!, $input: UpdateProductInput!) {\n  updateProduct(id: $id, input: $input) { id }\n}"): typeof import('./graphql.js').ConsoleUpdateProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePriceLists { priceLists { id name currency } }"): typeof import('./graphql.js').ConsolePriceListsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePriceListProducts($priceListId: ID!, $first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) vatRate prices(priceListId: $priceListId) { ...PriceRow } } }\n  }\n}"): typeof import('./graphql.js').ConsolePriceListProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreatePriceList($name: String!, $currency: String!) {\n  createPriceList(name: $name, currency: $currency) { id }\n}"): typeof import('./graphql.js').ConsoleCreatePriceListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetPrice($input: SetPriceInput!) {\n  setPrice(input: $input) { id status }\n}"): typeof import('./graphql.js').ConsoleSetPriceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleWarehouses { warehouses { id code name } }"): typeof import('./graphql.js').ConsoleWarehousesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateWarehouse($code: String!, $name: String!) {\n  createWarehouse(code: $code, name: $name) { id }\n}"): typeof import('./graphql.js').ConsoleCreateWarehouseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleStock($first: Int, $after: String, $filter: ProductFilter, $language: Language) {\n  products(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id sku name(language: $language) unit reorderLevel available stock { ...StockLevelRow } } }\n  }\n}"): typeof import('./graphql.js').ConsoleStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleStockMovements($productId: ID!, $first: Int, $after: String) {\n  stockMovements(productId: $productId, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id kind quantity reference reason createdAt createdBy warehouse { id code } } }\n  }\n}"): typeof import('./graphql.js').ConsoleStockMovementsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleReservations($productId: ID!) {\n  reservations(productId: $productId) {\n    id quantity reference expiresAt status createdBy warehouse { id code }\n  }\n}"): typeof import('./graphql.js').ConsoleReservationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReceiveStock($input: StockInput!) {\n  receiveStock(input: $input) { id }\n}"): typeof import('./graphql.js').ConsoleReceiveStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCountStock($productId: ID!, $warehouseId: ID!, $counted: Decimal!, $reference: String) {\n  countStock(productId: $productId, warehouseId: $warehouseId, counted: $counted, reference: $reference) { id quantity }\n}"): typeof import('./graphql.js').ConsoleCountStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleTransferStock($input: TransferStockInput!) {\n  transferStock(input: $input) { id }\n}"): typeof import('./graphql.js').ConsoleTransferStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReserveStock($input: StockInput!, $expiresAt: DateTime) {\n  reserveStock(input: $input, expiresAt: $expiresAt) { id expiresAt }\n}"): typeof import('./graphql.js').ConsoleReserveStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReleaseReservation($id: ID!) {\n  releaseReservation(id: $id) { id status }\n}"): typeof import('./graphql.js').ConsoleReleaseReservationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketRow on Ticket {\n    id number title category priority status createdAt\n    sla { breached paused responseDueAt resolutionDueAt responseRemainingMinutes resolutionRemainingMinutes }\n    requester { id givenName familyName } assignee { id givenName familyName }\n  }\n"): typeof import('./graphql.js').TicketRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApprovalRow on Approval {\n    id status subjectType subjectId reason amount currency requiredRole requestedBy requestedAt expiresAt canDecide\n  }\n"): typeof import('./graphql.js').ApprovalRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DocumentRow on Document {\n    id title documentType classification tags underLegalHold textStatus createdAt\n    currentVersion { number size mimeType fileName contentPath }\n  }\n"): typeof import('./graphql.js').DocumentRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleDirectory($first: Int, $after: String, $filter: EmployeeFilter) {\n  employees(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { id givenName familyName email status workLocation department { id name } } }\n  }\n  departments { id name headcount }\n}"): typeof import('./graphql.js').ConsoleDirectoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleEmployee($id: ID!) {\n  employee(id: $id) {\n    id givenName familyName email status workLocation startDate\n    department { name }\n    manager { id givenName familyName }\n  }\n  contract: employee(id: $id) { id contract { monthlySalary currency fte weeklyHours startDate } }\n  leave: employee(id: $id) { id leaveBalance { year entitled taken planned pending remaining } }\n  tickets: employee(id: $id) { id tickets { ...TicketRow } }\n  assets: employee(id: $id) { id assets { id tag model kind status } }\n  documents: employee(id: $id) { id documents { ...DocumentRow } }\n  acknowledgements: employee(id: $id) {\n    id acknowledgements { policyId version requestedAt acknowledgedAt policy { title } }\n  }\n}"): typeof import('./graphql.js').ConsoleEmployeeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLoginDirectory { employees(first: 100, filter: { status: ACTIVE }) { edges { node { id givenName familyName } } } }"): typeof import('./graphql.js').ConsoleLoginDirectoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleHire($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }"): typeof import('./graphql.js').ConsoleHireDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleMyWork {\n  me {\n    id givenName\n    leaveRequests { id type startDate endDate days status employee { givenName familyName } }\n    acknowledgements { policyId version acknowledgedAt policy { title } }\n  }\n  tickets(first: 20, filter: { open: true }) { edges { node { ...TicketRow } } }\n  approvals(filter: { status: PENDING }) { ...ApprovalRow }\n}"): typeof import('./graphql.js').ConsoleMyWorkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLeaveToDecide { leaveRequests(filter: { toDecide: true }) { id type startDate endDate days status employee { givenName familyName } } }"): typeof import('./graphql.js').ConsoleLeaveToDecideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDecideApproval($id: ID!, $approve: Boolean!, $comment: String) {\n  decideApproval(id: $id, approve: $approve, comment: $comment) { id status }\n}"): typeof import('./graphql.js').ConsoleDecideApprovalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDecideLeave($id: ID!, $approve: Boolean!, $comment: String) {\n  decideLeave(id: $id, approve: $approve, comment: $comment) { id status }\n}"): typeof import('./graphql.js').ConsoleDecideLeaveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleAcknowledge($policyId: ID!, $version: Int!) {\n  acknowledgePolicy(policyId: $policyId, version: $version) { acknowledgedAt }\n}"): typeof import('./graphql.js').ConsoleAcknowledgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicketQueue($status: [TicketStatus!]) {\n  tickets(first: 100, filter: { open: true, status: $status }) { totalCount edges { node { ...TicketRow } } }\n}"): typeof import('./graphql.js').ConsoleTicketQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicket($id: ID!) {\n  ticket(id: $id) {\n    ...TicketRow description allowedTransitions\n    comments { id body internal author createdAt }\n    history { kind fromValue toValue changedBy changedAt }\n  }\n}"): typeof import('./graphql.js').ConsoleTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleTransition($id: ID!, $to: TicketStatus!) { transitionTicket(id: $id, to: $to) { id status } }"): typeof import('./graphql.js').ConsoleTransitionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleComment($id: ID!, $body: String!, $internal: Boolean) {\n  commentOnTicket(id: $id, body: $body, internal: $internal) { id }\n}"): typeof import('./graphql.js').ConsoleCommentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAgents {\n  agents { lead employee { id givenName familyName } }\n}"): typeof import('./graphql.js').ConsoleAgentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleAssignTicket($id: ID!, $assignee: ID) {\n  assignTicket(id: $id, assigneeEmployeeId: $assignee) { id assignee { id givenName familyName } }\n}"): typeof import('./graphql.js').ConsoleAssignTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicketHistory($after: String) {\n  tickets(first: 100, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...TicketRow resolvedAt sla { resolutionBreached } } }\n  }\n}"): typeof import('./graphql.js').ConsoleTicketHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LegalHoldRow on LegalHold {\n    id documentId reason placedBy placedAt status active releasedBy releasedAt\n    document { id title }\n  }\n"): typeof import('./graphql.js').LegalHoldRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLegalHolds($documentId: ID) {\n  legalHolds(filter: { documentId: $documentId }) { ...LegalHoldRow }\n}"): typeof import('./graphql.js').ConsoleLegalHoldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsolePlaceLegalHold($documentId: ID!, $reason: String!) {\n  placeLegalHold(documentId: $documentId, reason: $reason) { ...LegalHoldRow }\n}"): typeof import('./graphql.js').ConsolePlaceLegalHoldDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReleaseLegalHold($id: ID!) {\n  releaseLegalHold(id: $id) { ...LegalHoldRow }\n}"): typeof import('./graphql.js').ConsoleReleaseLegalHoldDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleDocuments { documents(first: 50) { totalCount edges { node { ...DocumentRow } } } }"): typeof import('./graphql.js').ConsoleDocumentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleSearchDocuments($query: String!) {\n  searchDocuments(query: $query, first: 20) { rank snippet document { ...DocumentRow } }\n}"): typeof import('./graphql.js').ConsoleSearchDocumentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleDocumentVersions($id: ID!) {\n  document(id: $id) {\n    id title underLegalHold retentionUntil\n    versions { number size mimeType fileName createdAt contentPath sha256 }\n  }\n}"): typeof import('./graphql.js').ConsoleDocumentVersionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAccounts { accounts(active: true) { code name type } }"): typeof import('./graphql.js').ConsoleAccountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsolePostEntry($input: PostJournalEntryInput!) {\n  postJournalEntry(input: $input) { id number status total currency }\n}"): typeof import('./graphql.js').ConsolePostEntryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLedger($asOf: Date!) {\n  trialBalance(asOf: $asOf) { asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } }\n  agingReport(asOf: $asOf) { rows { counterparty kind currency notDue days0To30 days31To60 days61To90 over90 total } }\n  journalEntries(first: 20) { edges { node { id number date description status total currency } } }\n}"): typeof import('./graphql.js').ConsoleLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleClosePeriod($period: String!) { closePeriod(period: $period) }"): typeof import('./graphql.js').ConsoleClosePeriodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatementRowFields on StatementRow { accountCode accountName amount }\n"): typeof import('./graphql.js').StatementRowFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleProfitAndLoss($from: Date!, $to: Date!) {\n  profitAndLoss(from: $from, to: $to) {\n    from to totalRevenue totalExpenses netIncome\n    revenue { ...StatementRowFields } expenses { ...StatementRowFields }\n  }\n}"): typeof import('./graphql.js').ConsoleProfitAndLossDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleBalanceSheet($asOf: Date!) {\n  balanceSheet(asOf: $asOf) {\n    asOf currentResult totalAssets totalLiabilities totalEquity totalLiabilitiesAndEquity balanced\n    assets { ...StatementRowFields } liabilities { ...StatementRowFields } equity { ...StatementRowFields }\n  }\n}"): typeof import('./graphql.js').ConsoleBalanceSheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleVatReturn($year: Int!, $quarter: Int!) {\n  vatReturn(year: $year, quarter: $quarter) { year quarter boxes { code turnover vat } }\n}"): typeof import('./graphql.js').ConsoleVatReturnDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleGeneralLedger($accountCode: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {\n  generalLedger(accountCode: $accountCode, from: $from, to: $to, first: $first, after: $after) {\n    accountCode accountName from to openingBalance closingBalance totalDebit totalCredit totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { entryId number date lineNo description debit credit costCenter runningBalance } }\n  }\n}"): typeof import('./graphql.js').ConsoleGeneralLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleFiscalPeriods($year: Int!) {\n  fiscalPeriods(year: $year) {\n    period status pendingEntries changedAt changedBy\n    history { action reason changedBy changedAt }\n  }\n}"): typeof import('./graphql.js').ConsoleFiscalPeriodsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReopenPeriod($period: String!, $reason: String!) { reopenPeriod(period: $period, reason: $reason) }"): typeof import('./graphql.js').ConsoleReopenPeriodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAuditTrail($filter: AuditFilter) {\n  auditTrail(first: 50, filter: $filter) { totalCount edges { node { sequence type source subject actor time hash } } }\n}"): typeof import('./graphql.js').ConsoleAuditTrailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleCompliance {\n  verifyAuditTrail { valid checked firstInvalidSequence }\n  complianceCounts { auditEntries pendingApprovals approvalsPastDeadline overdueAcknowledgements activeLegalHolds ticketSlaBreaches journalEntriesReversedMoreThanOnce }\n  complianceFindings { kind description count }\n}"): typeof import('./graphql.js').ConsoleComplianceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicketsByStatus($from: DateTime!, $to: DateTime!) {\n  ticketStats(from: $from, to: $to, groupBy: [STATUS]) { total { count } groups { status count } }\n}"): typeof import('./graphql.js').ConsoleTicketsByStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PayrollRunRow on PayrollRun {\n    id period status currency totalGross totalAllowances totalDeductions totalNet\n    calculatedAt calculatedBy lastPayDataChangeBy finalizedAt finalizedBy\n  }\n"): typeof import('./graphql.js').PayrollRunRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePayrollRuns { payrollRuns { ...PayrollRunRow } }"): typeof import('./graphql.js').ConsolePayrollRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePayrollRun($id: ID!) {\n  payrollRun(id: $id) {\n    ...PayrollRunRow\n    payslips {\n      employee { id givenName familyName }\n      costCenter daysPaid daysInPeriod currency gross allowances pensionEmployee wageWithholding deductions net\n      employerContributions\n      lines { code description amount taxable informational }\n    }\n  }\n}"): typeof import('./graphql.js').ConsolePayrollRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePayrollBooking($reference: String!) {\n  journalEntries(filter: { reference: $reference }, first: 1) {\n    edges { node { id number status date total currency } }\n  }\n}"): typeof import('./graphql.js').ConsolePayrollBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreatePayrollRun($period: String!) { createPayrollRun(period: $period) { id } }"): typeof import('./graphql.js').ConsoleCreatePayrollRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCalculatePayrollRun($id: ID!) { calculatePayrollRun(id: $id) { id status } }"): typeof import('./graphql.js').ConsoleCalculatePayrollRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleFinalizePayrollRun($id: ID!) { finalizePayrollRun(id: $id) { id status } }"): typeof import('./graphql.js').ConsoleFinalizePayrollRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeaveRow on LeaveRequest {\n    id type startDate endDate halfDayStart halfDayEnd days status reason requestedBy decidedBy decisionComment\n    employee { id givenName familyName }\n  }\n"): typeof import('./graphql.js').LeaveRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleMyLeave($year: Int) {\n  me {\n    id\n    leaveBalance(year: $year) {\n      year entitled taken planned pending remaining overdrawn\n      buckets { kind year entitledHours usedHours pendingHours expiredHours remainingHours expiresOn }\n    }\n    leaveRequests { ...LeaveRow }\n  }\n}"): typeof import('./graphql.js').ConsoleMyLeaveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLeaveDecisions { leaveRequests(filter: { toDecide: true }) { ...LeaveRow } }"): typeof import('./graphql.js').ConsoleLeaveDecisionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRequestLeave($input: RequestLeaveInput!) {\n  requestLeave(input: $input) { id status days }\n}"): typeof import('./graphql.js').ConsoleRequestLeaveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleWorkplaceCost($year: Int!, $seat: Decimal!) {\n  workplaceCostReport(year: $year, officeSeatMonthlyCost: $seat) {\n    year officeSeatMonthlyCost totalSeatCostAvoided totalAllowancesPaid totalNetSaving\n    rows { employee { id givenName familyName } monthsRemote seatCostAvoided allowancesPaid netSaving }\n    departments { department { id name costCenter } remoteEmployees monthsRemote seatCostAvoided allowancesPaid netSaving }\n  }\n}"): typeof import('./graphql.js').ConsoleWorkplaceCostDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsolePayrollCost {\n  payrollRuns { id period status currency totalGross totalAllowances totalEmployerContributions }\n}"): typeof import('./graphql.js').ConsolePayrollCostDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
