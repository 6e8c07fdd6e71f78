import { catalog as catalogEvents, compliance as complianceEvents } from '@backoffice/events';
import { domainEvent, type Identity, type RunningSubgraph } from '@backoffice/kit';
import {
  callSubgraph,
  eventually,
  newTestRun,
  publishSignedEvent,
  startTestSubgraph,
  type TestRun,
  testIdentity,
  testKeyring,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSubgraph } from '../../services/catalog/src/catalog.subgraph.js';
import { complianceSubgraph } from '../../services/compliance/src/compliance.subgraph.js';

/**
 * Four eyes on large price changes across two services: catalog keeps a change of more than its
 * percentage waiting and asks compliance; the author may not approve it; another controller's
 * approval makes it the price, a rejection never does.
 */
let run: TestRun;
let catalog: RunningSubgraph<any>;
let compliance: RunningSubgraph<any>;
const author = testIdentity(['controller'], { userId: 'controller-author' });
const second = testIdentity(['controller'], { userId: 'controller-second' });
const sales = testIdentity(['sales'], { userId: 'sales-1' });

const call = async (url: string, query: string, variables: Record<string, unknown>, who: Identity) => {
  const r = await callSubgraph(url, query, variables, who);
  return r;
};
const must = async (url: string, query: string, variables: Record<string, unknown>, who: Identity) => {
  const r = await call(url, query, variables, who);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};

beforeAll(async () => {
  run = newTestRun();
  [catalog, compliance] = await Promise.all([
    startTestSubgraph(run, { ...catalogSubgraph, jobs: undefined }),
    startTestSubgraph(run, { ...complianceSubgraph, jobs: undefined }),
  ]);
}, 60_000);
afterAll(() => run?.cleanup());

const SET = 'mutation($i: SetPriceInput!) { setPrice(input: $i) { id amount status } }';
const QUOTE =
  'query($id: ID!, $l: ID!) { product(id: $id) { price(priceListId: $l, on: "2031-06-01") { amount } } }';
const APPROVALS =
  'query($s: ID) { approvals(filter: { subjectType: "Price", subjectId: $s }) { id status requestedBy } }';
const DECIDE =
  'mutation($id: ID!, $a: Boolean!) { decideApproval(id: $id, approve: $a, comment: "checked") { status } }';

async function pricedProduct(sku: string) {
  const product = await must(
    catalog.url,
    'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
    { i: { sku, name: 'Pump', unit: 'piece', vatRate: '21' } },
    author,
  );
  const list = await must(
    catalog.url,
    'mutation($n: String!) { createPriceList(name: $n, currency: "EUR") { id } }',
    { n: `List ${sku}` },
    author,
  );
  const ids = { productId: product.createProduct.id, priceListId: list.createPriceList.id };
  await must(catalog.url, SET, { i: { ...ids, amount: '100', validFrom: '2030-01-01' } }, author);
  return ids;
}

const quoteOf = async (ids: { productId: string; priceListId: string }) =>
  (await must(catalog.url, QUOTE, { id: ids.productId, l: ids.priceListId }, sales)).product.price.amount;

async function approvalFor(priceId: string) {
  const [approval] = await eventually(
    async () => (await must(compliance.url, APPROVALS, { s: priceId }, second)).approvals,
    (list: { id: string; status: string; requestedBy: string }[]) => list.length === 1,
    15_000,
  );
  return approval;
}

describe('four eyes on price changes', () => {
  it('keeps a 25 % rise waiting until a controller other than its author approves it', async () => {
    const ids = await pricedProduct('PMP-4EYES-1');
    // Within the percentage: applies at once.
    expect(
      (await must(catalog.url, SET, { i: { ...ids, amount: '105', validFrom: '2031-01-01' } }, author))
        .setPrice.status,
    ).toBe('ACTIVE');
    const rise = (
      await must(catalog.url, SET, { i: { ...ids, amount: '131.25', validFrom: '2031-06-01' } }, author)
    ).setPrice;
    expect(rise.status).toBe('PENDING_APPROVAL');
    expect(await quoteOf(ids)).toBe('105.00');
    // One change waits at a time.
    const another = await call(
      catalog.url,
      SET,
      { i: { ...ids, amount: '150', validFrom: '2031-07-01' } },
      author,
    );
    expect(another.errors?.[0].extensions?.code).toBe('CONFLICT');

    const approval = await approvalFor(rise.id);
    expect(approval).toMatchObject({ status: 'PENDING', requestedBy: 'controller-author' });
    const own = await call(compliance.url, DECIDE, { id: approval.id, a: true }, author);
    expect(['FORBIDDEN', 'CONFLICT']).toContain(own.errors?.[0].extensions?.code);
    expect(await quoteOf(ids)).toBe('105.00');

    expect(
      (await must(compliance.url, DECIDE, { id: approval.id, a: true }, second)).decideApproval.status,
    ).toBe('APPROVED');
    expect(
      await eventually(
        () => quoteOf(ids),
        (amount) => amount === '131.25',
        15_000,
      ),
    ).toBe('131.25');
    const types = (
      await catalog.deps.db.query('SELECT subject FROM outbox WHERE aggregate_id = $1 ORDER BY id', [
        ids.productId,
      ])
    ).map((r: { subject: string }) => r.subject);
    expect(types.slice(-2)).toEqual([
      catalogEvents.priceApprovalRequested.type,
      catalogEvents.priceChanged.type,
    ]);
  });

  it('never applies a rejected change, nor an approval forged by another service', async () => {
    const ids = await pricedProduct('PMP-4EYES-2');
    const cut = (
      await must(catalog.url, SET, { i: { ...ids, amount: '50', validFrom: '2031-06-01' } }, author)
    ).setPrice;
    expect(cut.status).toBe('PENDING_APPROVAL');
    const approval = await approvalFor(cut.id);
    // A compromised service (it) signs an approval in compliance's name: the kit refuses it unread.
    const [{ approval_request_id: requestEventId }] = await catalog.deps.db.query(
      'SELECT approval_request_id FROM price WHERE id = $1',
      [cut.id],
    );
    const forged = domainEvent(
      complianceEvents.approvalDecided,
      approval.id,
      {
        approvalId: approval.id,
        subjectType: 'Price',
        subjectId: cut.id,
        status: 'APPROVED',
        decidedBy: 'controller-second',
        comment: null,
        requestEventId,
        requiredRole: 'controller',
      },
      { userId: 'controller-second' },
    );
    await publishSignedEvent(catalog.deps.bus, forged, { keyring: testKeyring('it') });
    // The real decision comes after it on the same durable: the price ends REJECTED, never ACTIVE.
    await must(compliance.url, DECIDE, { id: approval.id, a: false }, second);
    const [row] = await eventually(
      () => catalog.deps.db.query('SELECT status FROM price WHERE id = $1', [cut.id]),
      (rows: { status: string }[]) => rows[0]?.status === 'REJECTED',
      15_000,
    );
    expect(row.status).toBe('REJECTED');
    expect(await quoteOf(ids)).toBe('100.00');
  });
});
