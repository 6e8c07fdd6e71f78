import { randomUUID } from 'node:crypto';
import type { Identity, RunningSubgraph } from '@backoffice/kit';
import { callSubgraph, newTestRun, startTestSubgraph, type TestRun, testIdentity } from '@backoffice/testkit';
import { expect } from 'vitest';
import { catalogSubgraph } from '../src/catalog.subgraph.js';
import type { CatalogServices } from '../src/services.js';

export type Catalog = RunningSubgraph<CatalogServices>;

/** The catalog subgraph alone, on the run's own database and stream; the expiry job left to the tests. */
export async function startCatalog(): Promise<{ run: TestRun; catalog: Catalog }> {
  const run = newTestRun();
  const catalog = await startTestSubgraph(run, { ...catalogSubgraph, jobs: undefined });
  return { run, catalog };
}

export const controller = testIdentity(['controller'], { userId: 'controller-1' });
export const warehouse = testIdentity(['warehouse'], { userId: 'warehouse-1' });
export const sales = (userId = 'sales-1') => testIdentity(['sales'], { userId });
export const employee = testIdentity(['employee'], { userId: 'employee-1' });
export const analyst = testIdentity(['analyst'], { userId: 'analyst-1' });

export function gql(
  catalog: Catalog,
  query: string,
  variables: Record<string, unknown>,
  identity?: Identity,
  headers?: Record<string, string>,
) {
  return callSubgraph(catalog.url, query, variables, identity, headers);
}

/** The data of a call that must succeed. */
export async function ok(
  catalog: Catalog,
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
) {
  const r = await gql(catalog, query, variables, identity);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}

export const codeOf = (r: { errors?: { extensions?: { code?: unknown } }[] }) =>
  r.errors?.[0]?.extensions?.code;

export const uniqueSku = (prefix = 'P') => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

const CREATE_PRODUCT = `mutation($i: CreateProductInput!) { createProduct(input: $i) { id sku } }`;

export async function createProduct(catalog: Catalog, input: Record<string, unknown> = {}): Promise<string> {
  const data = await ok(
    catalog,
    CREATE_PRODUCT,
    { i: { sku: uniqueSku(), name: 'Centrifugal pump', unit: 'piece', vatRate: '21', ...input } },
    controller,
  );
  return data.createProduct.id;
}

export async function createWarehouse(catalog: Catalog, code = `W${randomUUID().slice(0, 6).toUpperCase()}`) {
  const data = await ok(
    catalog,
    'mutation($c: String!, $n: String!) { createWarehouse(code: $c, name: $n) { id } }',
    { c: code, n: `Warehouse ${code}` },
    warehouse,
  );
  return data.createWarehouse.id as string;
}

export async function receive(catalog: Catalog, productId: string, warehouseId: string, quantity: string) {
  await ok(
    catalog,
    'mutation($i: StockInput!) { receiveStock(input: $i) { id } }',
    { i: { productId, warehouseId, quantity } },
    warehouse,
  );
}

/** Event types this service recorded for an aggregate, oldest first. */
export async function eventsOf(catalog: Catalog, aggregateId: string): Promise<string[]> {
  const rows: { subject: string }[] = await catalog.deps.db.query(
    'SELECT subject FROM outbox WHERE aggregate_id = $1 ORDER BY id',
    [aggregateId],
  );
  return rows.map((r) => r.subject);
}
