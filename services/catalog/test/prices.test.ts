import { catalog as events } from '@backoffice/events';
import type { TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Catalog,
  codeOf,
  controller,
  createProduct,
  employee,
  eventsOf,
  gql,
  ok,
  sales,
  startCatalog,
} from './support.js';

let run: TestRun;
let catalog: Catalog;
let dealer: string;

const SET = `mutation($i: SetPriceInput!) { setPrice(input: $i) { id amount amountWithVat currency minQuantity validFrom validTo } }`;
const QUOTE = `query($id: ID!, $list: ID!, $on: Date, $q: Decimal) {
  product(id: $id) { price(priceListId: $list, on: $on, quantity: $q) { amount amountWithVat minQuantity validFrom validTo currency priceList { name } } } }`;

const setPrice = (productId: string, input: Record<string, unknown>, who = controller) =>
  gql(catalog, SET, { i: { productId, priceListId: dealer, ...input } }, who);

const quote = async (productId: string, on: string, q?: string) =>
  (await ok(catalog, QUOTE, { id: productId, list: dealer, on, q }, sales())).product.price;

beforeAll(async () => {
  ({ run, catalog } = await startCatalog());
  const data = await ok(
    catalog,
    'mutation { createPriceList(name: "Dealer", currency: "eur") { id currency } }',
    {},
    controller,
  );
  expect(data.createPriceList.currency).toBe('EUR');
  dealer = data.createPriceList.id;
});
afterAll(() => run?.cleanup());

describe('prices', () => {
  it('quotes the price of the highest quantity break on the date, net and with VAT', async () => {
    const id = await createProduct(catalog, { vatRate: '9' });
    for (const [minQuantity, amount] of [
      ['1', '100'],
      ['10', '90.50'],
      ['100', '80.1234'],
    ])
      expect((await setPrice(id, { amount, minQuantity, validFrom: '2030-01-01' })).errors).toBeUndefined();
    expect(await quote(id, '2030-03-01', '1')).toMatchObject({
      amount: '100.00',
      amountWithVat: '109.00',
      minQuantity: '1',
      currency: 'EUR',
      priceList: { name: 'Dealer' },
    });
    expect(await quote(id, '2030-03-01', '25.5')).toMatchObject({
      amount: '90.50',
      amountWithVat: '98.65',
      minQuantity: '10',
    });
    // Four decimals stay four: a unit price is not rounded to cents.
    expect(await quote(id, '2030-03-01', '100')).toMatchObject({
      amount: '80.1234',
      amountWithVat: '87.3345',
    });
    expect(await quote(id, '2029-12-31')).toBeNull();
    const unknownList = await ok(
      catalog,
      QUOTE,
      { id, list: '00000000-0000-0000-0000-000000000000', on: '2030-03-01' },
      sales(),
    );
    expect(unknownList.product.price).toBeNull();
  });

  it('makes a change take effect on its date, keeping the old price as history, and announces it', async () => {
    const id = await createProduct(catalog);
    await setPrice(id, { amount: '10', validFrom: '2030-01-01' });
    const changed = await setPrice(id, { amount: '10.50', validFrom: '2030-06-01' });
    expect(changed.data.setPrice).toMatchObject({
      amount: '10.50',
      amountWithVat: '12.71',
      validFrom: '2030-06-01',
      validTo: null,
    });
    expect((await quote(id, '2030-05-31')).amount).toBe('10.00');
    expect((await quote(id, '2030-06-01')).amount).toBe('10.50');
    const history = await ok(
      catalog,
      'query($id: ID!, $l: ID!) { product(id: $id) { prices(priceListId: $l) { amount validFrom validTo } } }',
      { id, l: dealer },
      sales(),
    );
    expect(history.product.prices).toEqual([
      { amount: '10.50', validFrom: '2030-06-01', validTo: null },
      { amount: '10.00', validFrom: '2030-01-01', validTo: '2030-05-31' },
    ]);
    expect(await eventsOf(catalog, id)).toEqual([
      events.productCreated.type,
      events.priceChanged.type,
      events.priceChanged.type,
    ]);
    const [{ payload }] = await catalog.deps.db.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject = $2 ORDER BY id DESC LIMIT 1`,
      [id, events.priceChanged.type],
    );
    expect(payload.data).toMatchObject({ amount: '10.50', previousAmount: '10.00', validFrom: '2030-06-01' });
  });

  it('refuses overlapping periods of one product, list and break (CONFLICT), also straight in the database', async () => {
    const id = await createProduct(catalog);
    await setPrice(id, { amount: '10', validFrom: '2031-01-01', validTo: '2031-12-31' });
    // A period starting inside the first one supersedes it from its date; one starting earlier and reaching in is refused.
    const overlapping = await setPrice(id, { amount: '11', validFrom: '2030-06-01', validTo: '2031-02-01' });
    expect(overlapping.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'validFrom' });
    // Another break of the same period is fine.
    expect(
      (await setPrice(id, { amount: '9', minQuantity: '5', validFrom: '2031-01-01' })).errors,
    ).toBeUndefined();
    await expect(
      catalog.deps.db.query(
        `INSERT INTO price (product_id, price_list_id, min_quantity, amount, valid_from, valid_to)
         VALUES ($1, $2, 1, 1, '2031-03-01', '2031-03-31')`,
        [id, dealer],
      ),
    ).rejects.toThrow(/price_no_overlap/);
    const backwards = await setPrice(id, { amount: '1', validFrom: '2032-02-01', validTo: '2032-01-01' });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
    const negative = await setPrice(id, { amount: '-1', validFrom: '2033-01-01' });
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
  });

  it('does not rewrite history: a change dated before today on a running price is refused', async () => {
    const id = await createProduct(catalog);
    await setPrice(id, { amount: '10', validFrom: '2020-01-01' });
    const past = await setPrice(id, { amount: '1', validFrom: '2021-01-01' });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validFrom' });
  });

  it('lets only controllers set prices and lists: an employee or a salesperson is FORBIDDEN', async () => {
    const id = await createProduct(catalog);
    expect(codeOf(await setPrice(id, { amount: '0.01', validFrom: '2030-01-01' }, employee))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await setPrice(id, { amount: '0.01', validFrom: '2030-01-01' }, sales()))).toBe(
      'FORBIDDEN',
    );
    const list = await gql(
      catalog,
      'mutation { createPriceList(name: "Mine", currency: "EUR") { id } }',
      {},
      sales(),
    );
    expect(codeOf(list)).toBe('FORBIDDEN');
    const lists = await gql(catalog, '{ priceLists { id } }', {}, employee);
    expect(codeOf(lists)).toBe('FORBIDDEN');
    const [{ n }] = await catalog.deps.db.query(
      'SELECT count(*)::int AS n FROM price WHERE product_id = $1',
      [id],
    );
    expect(n).toBe(0);
  });
});
