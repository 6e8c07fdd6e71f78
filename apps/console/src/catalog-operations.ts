import { graphql } from './generated/index.js';

/**
 * The catalog screens' operations (products, price lists, stock), typed by `pnpm codegen` like those
 * of operations.ts and validated against the composed graph by test/console/operations.test.ts. They
 * live apart because operations.ts is full; the shape is the same.
 */

export const PriceRow = graphql(`
  fragment PriceRow on Price {
    id amount amountWithVat vatRate currency minQuantity validFrom validTo status
    priceList { id name currency }
  }
`);

export const StockLevelRow = graphql(`
  fragment StockLevelRow on StockLevel {
    warehouse { id code name } onHand reserved available
  }
`);

// --- Products ---------------------------------------------------------------------------------

export const ProductList =
  graphql(`query ConsoleProducts($first: Int, $after: String, $filter: ProductFilter, $language: Language) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id sku name(language: $language) unit vatCode productGroup active available reorderLevel } }
  }
}`);

export const ProductPage = graphql(`query ConsoleProduct($id: ID!, $language: Language) {
  product(id: $id) {
    id sku name(language: $language) nameEn nameNl descriptionEn descriptionNl unit vatCode vatRate
    active reorderLevel productGroup available
    stock { ...StockLevelRow }
  }
  priceLists { id name currency }
}`);

/** A product's prices on one list: every break and period, pending changes included. */
export const ProductPrices = graphql(`query ConsoleProductPrices($id: ID!, $priceListId: ID!) {
  product(id: $id) { id prices(priceListId: $priceListId) { ...PriceRow } }
}`);

/** Price changes waiting for a second controller (compliance approvals of subject type Price). */
export const PriceApprovals = graphql(`query ConsolePriceApprovals {
  approvals(filter: { subjectType: "Price", status: PENDING }) { id subjectId requiredRole requestedBy canDecide }
}`);

export const CreateProduct = graphql(`mutation ConsoleCreateProduct($input: CreateProductInput!) {
  createProduct(input: $input) { id sku }
}`);

export const UpdateProduct = graphql(`mutation ConsoleUpdateProduct($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) { id }
}`);

// --- Price lists ------------------------------------------------------------------------------

export const PriceLists = graphql(`query ConsolePriceLists { priceLists { id name currency } }`);

/** One page of products with their prices on a list: the graph has no "prices of a list" of its own. */
export const PriceListProducts =
  graphql(`query ConsolePriceListProducts($priceListId: ID!, $first: Int, $after: String, $filter: ProductFilter, $language: Language) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id sku name(language: $language) vatRate prices(priceListId: $priceListId) { ...PriceRow } } }
  }
}`);

export const CreatePriceList = graphql(`mutation ConsoleCreatePriceList($name: String!, $currency: String!) {
  createPriceList(name: $name, currency: $currency) { id }
}`);

export const SetPrice = graphql(`mutation ConsoleSetPrice($input: SetPriceInput!) {
  setPrice(input: $input) { id status }
}`);

// --- Stock ------------------------------------------------------------------------------------

export const Warehouses = graphql(`query ConsoleWarehouses { warehouses { id code name } }`);

export const CreateWarehouse = graphql(`mutation ConsoleCreateWarehouse($code: String!, $name: String!) {
  createWarehouse(code: $code, name: $name) { id }
}`);

/** One page of products with their stock in every warehouse (the screen shows the chosen one's). */
export const StockList =
  graphql(`query ConsoleStock($first: Int, $after: String, $filter: ProductFilter, $language: Language) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id sku name(language: $language) unit reorderLevel available stock { ...StockLevelRow } } }
  }
}`);

/** The product's stock ledger, newest first, a page at a time (not for sales). */
export const StockMovements =
  graphql(`query ConsoleStockMovements($productId: ID!, $first: Int, $after: String) {
  stockMovements(productId: $productId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind quantity reference reason createdAt createdBy warehouse { id code } } }
  }
}`);

export const Reservations = graphql(`query ConsoleReservations($productId: ID!) {
  reservations(productId: $productId) {
    id quantity reference expiresAt status createdBy warehouse { id code }
  }
}`);

export const ReceiveStock = graphql(`mutation ConsoleReceiveStock($input: StockInput!) {
  receiveStock(input: $input) { id }
}`);

export const CountStock =
  graphql(`mutation ConsoleCountStock($productId: ID!, $warehouseId: ID!, $counted: Decimal!, $reference: String) {
  countStock(productId: $productId, warehouseId: $warehouseId, counted: $counted, reference: $reference) { id quantity }
}`);

export const TransferStock = graphql(`mutation ConsoleTransferStock($input: TransferStockInput!) {
  transferStock(input: $input) { id }
}`);

export const ReserveStock = graphql(`mutation ConsoleReserveStock($input: StockInput!, $expiresAt: DateTime) {
  reserveStock(input: $input, expiresAt: $expiresAt) { id expiresAt }
}`);

export const ReleaseReservation = graphql(`mutation ConsoleReleaseReservation($id: ID!) {
  releaseReservation(id: $id) { id status }
}`);

/** Every catalog operation, for the schema check in the tests (fragments are part of each text). */
export const CATALOG_OPERATIONS = {
  ProductList,
  ProductPage,
  ProductPrices,
  PriceApprovals,
  CreateProduct,
  UpdateProduct,
  PriceLists,
  PriceListProducts,
  CreatePriceList,
  SetPrice,
  Warehouses,
  CreateWarehouse,
  StockList,
  StockMovements,
  Reservations,
  ReceiveStock,
  CountStock,
  TransferStock,
  ReserveStock,
  ReleaseReservation,
};
