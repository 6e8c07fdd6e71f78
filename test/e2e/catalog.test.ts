import { catalog as events } from '@backoffice/events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteTestStream,
  dropTestDatabases,
  errorCodes,
  graphqlClient,
  mintToken,
  platformTails,
  startPlatformOnFreePorts,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';

/**
 * The catalogue as the front office meets it: the sixth subgraph behind the gateway with the other
 * five, a product priced and stocked by its owners, quoted and reserved by sales, and its events in
 * compliance's audit trail like every other service's.
 */
const runId = uniqueRunId();
const env = testEnv(runId);
let platform: Awaited<ReturnType<typeof startPlatformOnFreePorts>>;
const as = async (roles: string[], sub = roles.join('-')) =>
  graphqlClient(platform.gatewayUrl, await mintToken({ sub, roles: roles as never }));

beforeAll(async () => {
  platform = await startPlatformOnFreePorts(env);
}, 120_000);
beforeEach(({ onTestFailed }) => onTestFailed(() => console.error(platformTails(platform))));
afterAll(async () => {
  await platform?.stop();
  await dropTestDatabases(runId);
  await deleteTestStream(env.EVENTS_STREAM);
}, 60_000);

describe('the catalog through the gateway', () => {
  it('prices, stocks, quotes and reserves a product; its events reach the audit trail', async () => {
    const controller = await as(['controller']);
    const warehouse = await as(['warehouse']);
    const sales = await as(['sales'], 'sales-e2e');
    const product = await controller.query(
      `mutation { createProduct(input: { sku: "PUMP-E2E", name: "Pump", nameNl: "Pomp", unit: "piece", vatRate: "21", reorderLevel: "2" }) { id } }`,
    );
    expect(product.errors).toBeUndefined();
    const id = product.data.createProduct.id;
    const list = await controller.query(
      'mutation { createPriceList(name: "Retail", currency: "EUR") { id } }',
    );
    for (const [minQuantity, amount] of [
      ['1', '250'],
      ['10', '225'],
    ]) {
      const set = await controller.query('mutation($i: SetPriceInput!) { setPrice(input: $i) { amount } }', {
        i: {
          productId: id,
          priceListId: list.data.createPriceList.id,
          amount,
          minQuantity,
          validFrom: '2026-01-01',
        },
      });
      expect(set.errors).toBeUndefined();
    }
    const wh = await warehouse.query('mutation { createWarehouse(code: "AMS", name: "Amsterdam") { id } }');
    const stock = { productId: id, warehouseId: wh.data.createWarehouse.id };
    const received = await warehouse.query('mutation($i: StockInput!) { receiveStock(input: $i) { kind } }', {
      i: { ...stock, quantity: '12' },
    });
    expect(received.errors).toBeUndefined();

    const quote = await sales.query(
      `query($l: ID!) { productBySku(sku: "PUMP-E2E") { name(language: NL) available
         price(priceListId: $l, on: "2026-12-04", quantity: "10") { amount amountWithVat currency minQuantity } } }`,
      { l: list.data.createPriceList.id },
    );
    expect(quote.data.productBySku).toEqual({
      name: 'Pomp',
      available: '12',
      price: { amount: '225.00', amountWithVat: '272.25', currency: 'EUR', minQuantity: '10' },
    });

    // A retried reservation with its Idempotency-Key holds stock once.
    const reserve = 'mutation($i: StockInput!) { reserveStock(input: $i) { id status } }';
    const headers = { 'Idempotency-Key': `e2e-${runId}` };
    const first = await sales.query(reserve, { i: { ...stock, quantity: '11' } }, { headers });
    const retry = await sales.query(reserve, { i: { ...stock, quantity: '11' } }, { headers });
    expect(retry.data).toEqual(first.data);
    const more = await sales.query(reserve, { i: { ...stock, quantity: '2' } });
    expect(errorCodes(more)).toEqual(['CONFLICT']);

    // Attempts around the roles, through the gateway as clients make them.
    const employee = await as(['employee']);
    const issue = 'mutation($i: StockInput!) { issueStock(input: $i) { id } }';
    expect(errorCodes(await sales.query(issue, { i: { ...stock, quantity: '1' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await employee.query('{ products { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphqlClient(platform.gatewayUrl).query('{ warehouses { id } }'))).toEqual([
      'UNAUTHENTICATED',
    ]);

    const officer = await as(['compliance_officer']);
    const wanted = [
      events.productCreated,
      events.priceChanged,
      events.stockReceived,
      events.stockReserved,
      events.stockLow,
    ].map((c) => c.type);
    let types: string[] = [];
    for (const started = Date.now(); Date.now() - started < 20_000; ) {
      const trail = await officer.query(
        'query($s: String!) { auditTrail(filter: { source: "/backoffice/catalog", subject: $s }, first: 50) { edges { node { type } } } }',
        { s: id },
      );
      expect(trail.errors).toBeUndefined();
      types = trail.data.auditTrail.edges.map((e: { node: { type: string } }) => e.node.type);
      if (wanted.every((t) => types.includes(t))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(types).toEqual(expect.arrayContaining(wanted));
    expect(types.filter((t) => t === events.stockReserved.type)).toHaveLength(1);
  });
});
