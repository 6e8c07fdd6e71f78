import { catalog as events } from '@backoffice/events';
import type { TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Catalog,
  codeOf,
  controller,
  createProduct,
  createWarehouse,
  employee,
  eventsOf,
  gql,
  ok,
  receive,
  sales,
  startCatalog,
  uniqueSku,
  warehouse,
} from './support.js';

let run: TestRun;
let catalog: Catalog;

beforeAll(async () => {
  ({ run, catalog } = await startCatalog());
});
afterAll(() => run?.cleanup());

const CREATE = `mutation($i: CreateProductInput!) { createProduct(input: $i) { id sku name nameNl vatCode vatRate active reorderLevel } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateProductInput!) { updateProduct(id: $id, input: $i) { sku nameEn active } }`;

describe('products', () => {
  it('creates a product with both languages and accounting VAT code, and announces it', async () => {
    const sku = uniqueSku('PUMP');
    const data = await ok(
      catalog,
      CREATE,
      {
        i: {
          sku: ` ${sku.toLowerCase()} `,
          name: 'Pump',
          nameNl: 'Pomp',
          unit: 'piece',
          vatRate: '21.0',
          reorderLevel: '5',
        },
      },
      controller,
    );
    expect(data.createProduct).toMatchObject({
      sku,
      name: 'Pump',
      nameNl: 'Pomp',
      vatCode: 'HIGH',
      vatRate: '21',
      active: true,
      reorderLevel: '5',
    });
    expect(await eventsOf(catalog, data.createProduct.id)).toEqual([events.productCreated.type]);
    const dutch = await ok(
      catalog,
      'query($s: String!) { productBySku(sku: $s) { name(language: NL) } }',
      { s: sku },
      sales(),
    );
    expect(dutch.productBySku.name).toBe('Pomp');
  });

  it('refuses a taken SKU (CONFLICT), a rate accounting has no code for and a bad SKU (BAD_USER_INPUT)', async () => {
    const sku = uniqueSku();
    await ok(catalog, CREATE, { i: { sku, name: 'A', unit: 'm', vatRate: '9' } }, controller);
    const again = await gql(catalog, CREATE, { i: { sku, name: 'B', unit: 'm', vatRate: '9' } }, controller);
    expect(codeOf(again)).toBe('CONFLICT');
    const rate = await gql(
      catalog,
      CREATE,
      { i: { sku: uniqueSku(), name: 'C', unit: 'm', vatRate: '19' } },
      controller,
    );
    expect(rate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'vatRate' });
    const mismatch = await gql(
      catalog,
      CREATE,
      { i: { sku: uniqueSku(), name: 'C', unit: 'm', vatRate: '21', vatCode: 'LOW' } },
      controller,
    );
    expect(codeOf(mismatch)).toBe('BAD_USER_INPUT');
    const bad = await gql(
      catalog,
      CREATE,
      { i: { sku: 'no spaces!', name: 'D', unit: 'm', vatRate: '0' } },
      controller,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sku' });
    const float = await gql(
      catalog,
      CREATE,
      { i: { sku: uniqueSku(), name: 'E', unit: 'm', vatRate: 21 } },
      controller,
    );
    expect(codeOf(float)).toBe('BAD_USER_INPUT');
  });

  it('lets only controllers change master data: sales, warehouse and employees are FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const input = { i: { sku: uniqueSku(), name: 'X', unit: 'm', vatRate: '0' } };
    for (const who of [sales(), warehouse, employee])
      expect(codeOf(await gql(catalog, CREATE, input, who))).toBe('FORBIDDEN');
    expect(codeOf(await gql(catalog, CREATE, input))).toBe('UNAUTHENTICATED');
    const id = await createProduct(catalog);
    expect(codeOf(await gql(catalog, UPDATE, { id, i: { active: false } }, sales()))).toBe('FORBIDDEN');
    // An employee may not read the catalogue at all, not even through an entity reference.
    expect(codeOf(await gql(catalog, 'query($id: ID!) { product(id: $id) { sku } }', { id }, employee))).toBe(
      'FORBIDDEN',
    );
    const ref = await gql(
      catalog,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku } } }',
      { r: [{ __typename: 'Product', id }] },
      employee,
    );
    expect(codeOf(ref)).toBe('FORBIDDEN');
  });

  it('fixes the SKU once the product has stock movements, in the service and in the database', async () => {
    const id = await createProduct(catalog);
    const fresh = uniqueSku('NEW');
    const renamed = await ok(catalog, UPDATE, { id, i: { sku: fresh, nameEn: 'Renamed' } }, controller);
    expect(renamed.updateProduct).toMatchObject({ sku: fresh, nameEn: 'Renamed' });
    await receive(catalog, id, await createWarehouse(catalog), '1');
    const used = await gql(catalog, UPDATE, { id, i: { sku: uniqueSku() } }, controller);
    expect(used.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'sku' });
    await expect(
      catalog.deps.db.query('UPDATE product SET sku = $2 WHERE id = $1', [id, uniqueSku()]),
    ).rejects.toThrow(/SKU of a product with prices or stock movements is fixed/);
    expect(await eventsOf(catalog, id)).toEqual([
      events.productCreated.type,
      events.productChanged.type,
      events.stockReceived.type,
    ]);
  });

  it('searches by SKU prefix or name, filters by active flag and group, and pages by SKU', async () => {
    const group = `G${Date.now()}`;
    const ids = [];
    for (const [i, name] of ['Valve red', 'Valve blue', 'Hose'].entries())
      ids.push(await createProduct(catalog, { sku: `${group}-${i}`, name, productGroup: group }));
    await ok(catalog, UPDATE, { id: ids[1], i: { active: false } }, controller);
    const PAGE = `query($f: ProductFilter, $first: Int, $after: String) {
      products(filter: $f, first: $first, after: $after) { totalCount edges { node { sku } } pageInfo { hasNextPage endCursor } } }`;
    const first = await ok(catalog, PAGE, { f: { productGroup: group }, first: 2 }, sales());
    expect(first.products.totalCount).toBe(3);
    expect(first.products.edges.map((e: any) => e.node.sku)).toEqual([`${group}-0`, `${group}-1`]);
    const second = await ok(
      catalog,
      PAGE,
      { f: { productGroup: group }, first: 2, after: first.products.pageInfo.endCursor },
      sales(),
    );
    expect(second.products.edges.map((e: any) => e.node.sku)).toEqual([`${group}-2`]);
    expect(second.products.pageInfo.hasNextPage).toBe(false);
    const valves = await ok(
      catalog,
      PAGE,
      { f: { search: 'valve', productGroup: group, active: true } },
      sales(),
    );
    expect(valves.products.edges.map((e: any) => e.node.sku)).toEqual([`${group}-0`]);
    const bySku = await ok(catalog, PAGE, { f: { search: group.toLowerCase() } }, sales());
    expect(bySku.products.totalCount).toBe(3);
    // LIKE wildcards in the search are text, not patterns.
    const wild = await ok(catalog, PAGE, { f: { search: '%', productGroup: group } }, sales());
    expect(wild.products.totalCount).toBe(0);
  });

  it('announces a change only when something changed (21.0 % is the 21 % it was)', async () => {
    const id = await createProduct(catalog, { sku: uniqueSku('123') });
    await ok(catalog, UPDATE, { id, i: { vatRate: '21.0', unit: 'piece' } }, controller);
    expect(await eventsOf(catalog, id)).toEqual([events.productCreated.type]);
    await ok(catalog, UPDATE, { id, i: { vatRate: '9' } }, controller);
    const [{ payload }] = await catalog.deps.db.query(
      'SELECT payload FROM outbox WHERE aggregate_id = $1 ORDER BY id DESC LIMIT 1',
      [id],
    );
    expect(payload.data).toMatchObject({ vatCode: 'LOW', vatRate: '9', changed: ['vatCode', 'vatRate'] });
  });

  it('answers an Idempotency-Key repeat with the first product and creates nothing more', async () => {
    const input = { i: { sku: uniqueSku(), name: 'Once', unit: 'piece', vatRate: '21' } };
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const a = await gql(catalog, CREATE, input, controller, headers);
    const b = await gql(catalog, CREATE, input, controller, headers);
    expect(b.data).toEqual(a.data);
    const [{ n }] = await catalog.deps.db.query('SELECT count(*)::int AS n FROM product WHERE sku = $1', [
      input.i.sku,
    ]);
    expect(n).toBe(1);
  });
});
