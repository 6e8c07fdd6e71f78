import { catalog as events } from '@backoffice/events';
import type { Identity, RunningSubgraph } from '@backoffice/kit';
import {
  callSubgraph,
  eventually,
  newTestRun,
  startTestSubgraph,
  type TestRun,
  testIdentity,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogServices } from '../src/services.js';

/**
 * The reservation-expiry job with two replicas of catalog on one database, as deployed: one replica
 * leads the job (its /metrics says so), the reservation comes back once, with one event.
 */
// Not from ./support.js: that loads the subgraph (and its settings) before the interval below is set.
const controller = testIdentity(['controller']);
const warehouse = testIdentity(['warehouse']);
const sales = testIdentity(['sales']);
const JOB_LEADER_METRIC = 'backoffice_job_leader';
let run: TestRun;
let replicas: RunningSubgraph<CatalogServices>[];

beforeAll(async () => {
  // The job's interval is read once at import: set it before the subgraph is loaded.
  process.env.RESERVATION_EXPIRY_EVERY_MS = '1000';
  const { catalogSubgraph } = await import('../src/catalog.subgraph.js');
  run = newTestRun({ JOB_LEADER_RETRY_MS: '200' });
  replicas = [];
  for (let i = 0; i < 2; i++) replicas.push(await startTestSubgraph(run, catalogSubgraph));
}, 60_000);
afterAll(() => run?.cleanup());

async function leads(subgraph: RunningSubgraph<CatalogServices>): Promise<number> {
  const body = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
  const line = body
    .split('\n')
    .find((l) => l.startsWith(`${JOB_LEADER_METRIC}{`) && l.includes('job="reservation-expiry"'));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}

describe('reservation expiry across replicas', () => {
  it('is led by one replica and gives an expired reservation back once', async () => {
    const [a, b] = replicas;
    const must = async (url: string, query: string, variables: Record<string, unknown>, who: Identity) => {
      const r = await callSubgraph(url, query, variables, who);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data;
    };
    const product = await must(
      a.url,
      'mutation { createProduct(input: { sku: "EXP-1", name: "Valve", unit: "piece", vatRate: "21" }) { id } }',
      {},
      controller,
    );
    const wh = await must(
      b.url,
      'mutation { createWarehouse(code: "EXP", name: "Expiry") { id } }',
      {},
      warehouse,
    );
    const stock = { productId: product.createProduct.id, warehouseId: wh.createWarehouse.id };
    await must(
      a.url,
      'mutation($i: StockInput!) { receiveStock(input: $i) { id } }',
      { i: { ...stock, quantity: '5' } },
      warehouse,
    );
    const r = await must(
      b.url,
      'mutation($i: StockInput!, $e: DateTime) { reserveStock(input: $i, expiresAt: $e) { id } }',
      { i: { ...stock, quantity: '5' }, e: new Date(Date.now() + 1500).toISOString() },
      sales,
    );
    const [row] = await eventually(
      () => a.deps.db.query('SELECT status FROM reservation WHERE id = $1', [r.reserveStock.id]),
      (rows: { status: string }[]) => rows[0]?.status === 'EXPIRED',
      15_000,
    );
    expect(row.status).toBe('EXPIRED');
    expect((await Promise.all(replicas.map(leads))).sort()).toEqual([0, 1]);
    // Another pass of either replica finds nothing more to give back.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const released = await a.deps.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND subject = $2`,
      [stock.productId, events.stockReleased.type],
    );
    expect(released[0].n).toBe(1);
    const [balance] = await a.deps.db.query(
      'SELECT reserved::text FROM stock_balance WHERE product_id = $1',
      [stock.productId],
    );
    expect(balance.reserved).toBe('0.000');
  });
});
