import { catalog as events } from '@backoffice/events';
import type { TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Catalog,
  analyst,
  codeOf,
  createProduct,
  createWarehouse,
  employee,
  eventsOf,
  gql,
  ok,
  receive,
  sales,
  startCatalog,
  warehouse,
} from './support.js';

let run: TestRun;
let catalog: Catalog;
let amsterdam: string;
let rotterdam: string;

const LEVELS = `query($id: ID!) { product(id: $id) { available stock { warehouse { code } onHand reserved available } } }`;
const RESERVE = `mutation($i: StockInput!, $e: DateTime) { reserveStock(input: $i, expiresAt: $e) { id status quantity expiresAt } }`;
const RELEASE = `mutation($id: ID!) { releaseReservation(id: $id) { status } }`;
const ISSUE_RESERVATION = `mutation($id: ID!) { issueReservation(id: $id) { kind quantity } }`;
const ISSUE = `mutation($i: StockInput!) { issueStock(input: $i) { kind quantity } }`;

/** The balance table's row, as stored. */
async function levelIn(productId: string, warehouseId = amsterdam) {
  const [row] = await catalog.deps.db.query(
    'SELECT on_hand::text AS "onHand", reserved::text FROM stock_balance WHERE product_id = $1 AND warehouse_id = $2',
    [productId, warehouseId],
  );
  return row;
}

/** The balance recomputed from the ledger alone: it must equal the balance table. */
async function ledgerBalance(productId: string, warehouseId = amsterdam) {
  const [row] = await catalog.deps.db.query(
    `SELECT coalesce(sum(CASE kind WHEN 'RECEIPT' THEN quantity WHEN 'TRANSFER_IN' THEN quantity
                                   WHEN 'ADJUSTMENT' THEN quantity WHEN 'ISSUE' THEN -quantity
                                   WHEN 'TRANSFER_OUT' THEN -quantity ELSE 0 END), 0)::numeric(18,3)::text AS "onHand",
            coalesce(sum(CASE WHEN kind = 'RESERVATION' THEN quantity WHEN kind = 'RELEASE' THEN -quantity
                              WHEN kind = 'ISSUE' AND reservation_id IS NOT NULL THEN -quantity ELSE 0 END), 0)::numeric(18,3)::text AS reserved
       FROM stock_movement WHERE product_id = $1 AND warehouse_id = $2`,
    [productId, warehouseId],
  );
  return row;
}

const reserve = (
  productId: string,
  quantity: string,
  who = sales(),
  expiresAt?: string,
  warehouseId = amsterdam,
) =>
  gql(catalog, RESERVE, { i: { productId, warehouseId, quantity, reference: 'order 1' }, e: expiresAt }, who);

beforeAll(async () => {
  ({ run, catalog } = await startCatalog());
  [amsterdam, rotterdam] = [await createWarehouse(catalog), await createWarehouse(catalog)];
});
afterAll(() => run?.cleanup());

describe('stock ledger', () => {
  it('keeps on hand, reserved and available per warehouse with every movement, equal to the ledger', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '10');
    await receive(catalog, id, rotterdam, '2.5');
    const r = await reserve(id, '4');
    expect(r.data.reserveStock).toMatchObject({ status: 'ACTIVE', quantity: '4' });
    expect(
      (await gql(catalog, ISSUE, { i: { productId: id, warehouseId: amsterdam, quantity: '5' } }, warehouse))
        .errors,
    ).toBeUndefined();
    const levels = await ok(catalog, LEVELS, { id }, sales());
    expect(levels.product.available).toBe('3.5');
    expect(levels.product.stock).toEqual(
      expect.arrayContaining([
        { warehouse: expect.any(Object), onHand: '5', reserved: '4', available: '1' },
        { warehouse: expect.any(Object), onHand: '2.5', reserved: '0', available: '2.5' },
      ]),
    );
    // Unreserved stock only: 1 is available, so 2 is refused, naming what there is.
    const tooMuch = await gql(
      catalog,
      ISSUE,
      { i: { productId: id, warehouseId: amsterdam, quantity: '2' } },
      warehouse,
    );
    expect(tooMuch.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('1 available'),
    });
    const shipped = await ok(catalog, ISSUE_RESERVATION, { id: r.data.reserveStock.id }, warehouse);
    expect(shipped.issueReservation).toEqual({ kind: 'ISSUE', quantity: '4' });
    expect(codeOf(await gql(catalog, ISSUE_RESERVATION, { id: r.data.reserveStock.id }, warehouse))).toBe(
      'CONFLICT',
    );
    expect(await levelIn(id)).toEqual({ onHand: '1.000', reserved: '0.000' });
    expect(await ledgerBalance(id)).toEqual(await levelIn(id));
    expect(await eventsOf(catalog, id)).toEqual([
      events.productCreated.type,
      events.stockReceived.type,
      events.stockReceived.type,
      events.stockReserved.type,
      events.stockIssued.type,
      events.stockIssued.type,
    ]);
    const page = await ok(
      catalog,
      'query($id: ID!) { stockMovements(productId: $id, first: 2) { totalCount edges { node { kind quantity warehouse { id } createdBy } } } }',
      { id },
      analyst,
    );
    expect(page.stockMovements.totalCount).toBe(5);
    expect(page.stockMovements.edges.map((e: any) => e.node.kind)).toEqual(['ISSUE', 'ISSUE']);
  });

  it('never oversells: 20 salespeople racing for 10 units get 10 reservations and 10 CONFLICTs', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '10');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reserve(id, '1', sales(`sales-race-${i}`))),
    );
    const codes = results.map((r) => (r.errors ? codeOf(r) : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(10);
    expect(await levelIn(id)).toEqual({ onHand: '10.000', reserved: '10.000' });
    // Issues racing the reservations cannot take reserved stock either.
    const issue = await gql(
      catalog,
      ISSUE,
      { i: { productId: id, warehouseId: amsterdam, quantity: '1' } },
      warehouse,
    );
    expect(codeOf(issue)).toBe('CONFLICT');
    expect(await ledgerBalance(id)).toEqual(await levelIn(id));
  });

  it('lets the database refuse what the service would: no changed movement, no available below zero', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '3');
    await expect(
      catalog.deps.db.query('UPDATE stock_movement SET quantity = 300 WHERE product_id = $1', [id]),
    ).rejects.toThrow(/never changed or removed/);
    await expect(
      catalog.deps.db.query('DELETE FROM stock_movement WHERE product_id = $1', [id]),
    ).rejects.toThrow(/never changed or removed/);
    await expect(
      catalog.deps.db.query('UPDATE stock_balance SET reserved = 4 WHERE product_id = $1', [id]),
    ).rejects.toThrow(/stock_available_not_negative/);
  });

  it('keeps each role to its part: sales cannot move stock, an employee cannot reserve, sales releases only its own', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '5');
    const input = { i: { productId: id, warehouseId: amsterdam, quantity: '1' } };
    for (const mutation of ['issueStock', 'receiveStock'])
      expect(
        codeOf(
          await gql(catalog, `mutation($i: StockInput!) { ${mutation}(input: $i) { id } }`, input, sales()),
        ),
      ).toBe('FORBIDDEN');
    expect(codeOf(await reserve(id, '1', employee))).toBe('FORBIDDEN');
    expect(codeOf(await reserve(id, '1', analyst))).toBe('FORBIDDEN');
    const mine = (await reserve(id, '2', sales('sales-a'))).data.reserveStock.id;
    expect(codeOf(await gql(catalog, ISSUE_RESERVATION, { id: mine }, sales('sales-a')))).toBe('FORBIDDEN');
    expect(codeOf(await gql(catalog, RELEASE, { id: mine }, sales('sales-b')))).toBe('FORBIDDEN');
    const theirs = await ok(
      catalog,
      'query($p: ID!) { reservations(productId: $p) { id } }',
      { p: id },
      sales('sales-b'),
    );
    expect(theirs.reservations).toEqual([]);
    expect((await ok(catalog, RELEASE, { id: mine }, sales('sales-a'))).releaseReservation.status).toBe(
      'RELEASED',
    );
    expect(codeOf(await gql(catalog, RELEASE, { id: mine }, warehouse))).toBe('CONFLICT');
    expect(codeOf(await gql(catalog, RELEASE, { id: 'not-an-id' }, warehouse))).toBe('NOT_FOUND');
    // Sales sees availability, not the ledger.
    expect(
      codeOf(
        await gql(
          catalog,
          'query($p: ID!) { stockMovements(productId: $p) { totalCount } }',
          { p: id },
          sales(),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(await levelIn(id)).toEqual({ onHand: '5.000', reserved: '0.000' });
  });

  it('gives expired reservations back (the job), announcing them as EXPIRED', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '5');
    const soon = new Date(Date.now() + 60_000).toISOString();
    const r = (await reserve(id, '3', sales(), soon)).data.reserveStock;
    expect(codeOf(await reserve(id, '1', sales(), new Date(Date.now() - 1000).toISOString()))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await catalog.services.reservations.expire(new Date())).toBe(0);
    expect(await catalog.services.reservations.expire(new Date(Date.now() + 120_000))).toBeGreaterThanOrEqual(
      1,
    );
    const [row] = await catalog.deps.db.query('SELECT status FROM reservation WHERE id = $1', [r.id]);
    expect(row.status).toBe('EXPIRED');
    expect(await levelIn(id)).toEqual({ onHand: '5.000', reserved: '0.000' });
    expect(await ledgerBalance(id)).toEqual(await levelIn(id));
    expect((await eventsOf(catalog, id)).at(-1)).toBe(events.stockReleased.type);
    const [{ payload }] = await catalog.deps.db.query(
      'SELECT payload FROM outbox WHERE aggregate_id = $1 ORDER BY id DESC LIMIT 1',
      [id],
    );
    expect(payload.data).toMatchObject({
      reservationId: r.id,
      status: 'EXPIRED',
      reserved: '0',
      available: '5',
    });
    expect(codeOf(await gql(catalog, ISSUE_RESERVATION, { id: r.id }, warehouse))).toBe('CONFLICT');
  });

  it('expires each reservation once when two expiry runs race (a leader cut off while its successor starts)', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '30');
    const soon = new Date(Date.now() + 60_000).toISOString();
    await Promise.all(Array.from({ length: 10 }, () => reserve(id, '2', sales(), soon)));
    const later = new Date(Date.now() + 120_000);
    const runs = await Promise.all([1, 2].map(() => catalog.services.reservations.expire(later, 3)));
    while ((await catalog.services.reservations.expire(later, 3)) > 0);
    expect(runs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    const [{ n }] = await catalog.deps.db.query(
      `SELECT count(*)::int AS n FROM stock_movement WHERE product_id = $1 AND kind = 'RELEASE'`,
      [id],
    );
    expect(n).toBe(10);
    expect(await levelIn(id)).toEqual({ onHand: '30.000', reserved: '0.000' });
  });

  it('keeps a moving average cost, values receipts and issues at it, and shows it to no analyst or salesperson', async () => {
    const id = await createProduct(catalog);
    const RECEIVE = 'mutation($i: StockInput!) { receiveStock(input: $i) { unitCost } }';
    const at = (quantity: string, unitCost?: string, w = amsterdam) =>
      ok(catalog, RECEIVE, { i: { productId: id, warehouseId: w, quantity, unitCost } }, warehouse);
    expect((await at('10', '5')).receiveStock.unitCost).toBe('5.00');
    await at('10', '7', rotterdam);
    expect((await at('1')).receiveStock.unitCost).toBe('6.00');
    await gql(catalog, ISSUE, { i: { productId: id, warehouseId: amsterdam, quantity: '4' } }, warehouse);
    const cost = 'query($id: ID!) { product(id: $id) { averageCost } }';
    expect((await ok(catalog, cost, { id }, warehouse)).product.averageCost).toBe('6.00');
    for (const who of [analyst, sales()])
      expect(codeOf(await gql(catalog, cost, { id }, who))).toBe('FORBIDDEN');
    const [issued] = await catalog.deps.db.query(
      'SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject = $2',
      [id, events.stockIssued.type],
    );
    expect(issued.payload.data).toMatchObject({
      quantity: '4',
      unitCost: '6.00',
      value: '24.00',
      currency: 'EUR',
    });
  });

  it('announces low stock once, when available falls below the reorder level', async () => {
    const id = await createProduct(catalog, { reorderLevel: '5' });
    await receive(catalog, id, amsterdam, '8');
    await reserve(id, '3'); // 5 available: not below
    await gql(catalog, ISSUE, { i: { productId: id, warehouseId: amsterdam, quantity: '1' } }, warehouse); // 4: below
    await gql(catalog, ISSUE, { i: { productId: id, warehouseId: amsterdam, quantity: '1' } }, warehouse); // 3: still below
    const low = (await eventsOf(catalog, id)).filter((t) => t === events.stockLow.type);
    expect(low).toHaveLength(1);
  });

  it('counts stock to the counted quantity and transfers between warehouses, each in the ledger', async () => {
    const id = await createProduct(catalog);
    await receive(catalog, id, amsterdam, '10');
    await reserve(id, '2');
    const COUNT = `mutation($p: ID!, $w: ID!, $c: Decimal!) { countStock(productId: $p, warehouseId: $w, counted: $c) { kind quantity reason } }`;
    const counted = await ok(catalog, COUNT, { p: id, w: amsterdam, c: '7' }, warehouse);
    expect(counted.countStock).toEqual({
      kind: 'ADJUSTMENT',
      quantity: '-3',
      reason: 'count: 10 on record, 7 counted',
    });
    expect((await ok(catalog, COUNT, { p: id, w: amsterdam, c: '7' }, warehouse)).countStock).toBeNull();
    expect(codeOf(await gql(catalog, COUNT, { p: id, w: amsterdam, c: '1' }, warehouse))).toBe('CONFLICT');
    const TRANSFER = `mutation($i: TransferStockInput!) { transferStock(input: $i) { kind quantity } }`;
    const move = { productId: id, fromWarehouseId: amsterdam, toWarehouseId: rotterdam };
    expect(codeOf(await gql(catalog, TRANSFER, { i: { ...move, quantity: '6' } }, warehouse))).toBe(
      'CONFLICT',
    );
    expect((await ok(catalog, TRANSFER, { i: { ...move, quantity: '5' } }, warehouse)).transferStock).toEqual(
      {
        kind: 'TRANSFER_OUT',
        quantity: '5',
      },
    );
    expect(await levelIn(id)).toEqual({ onHand: '2.000', reserved: '2.000' });
    expect(await levelIn(id, rotterdam)).toEqual({ onHand: '5.000', reserved: '0.000' });
    for (const w of [amsterdam, rotterdam]) expect(await ledgerBalance(id, w)).toEqual(await levelIn(id, w));
    const adjust = await gql(
      catalog,
      'mutation($i: StockInput!) { adjustStock(input: $i, reason: "broken in transport") { quantity } }',
      { i: { productId: id, warehouseId: rotterdam, quantity: '-5.5' } },
      warehouse,
    );
    expect(codeOf(adjust)).toBe('CONFLICT');
  });
});
