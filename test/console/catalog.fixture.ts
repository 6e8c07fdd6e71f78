import type { GraphQLClient } from '@backoffice/testkit';
import type { Page } from 'playwright-core';
import { ok } from './finance-desk.fixture.js';

/**
 * What catalog.test.ts starts from, made through the API as the controller and the warehouse would:
 * a retail price list, a page and a bit of pumps (so the lists page), a valve below its reorder level,
 * two warehouses and stock of the first pump.
 */
export const PUMPS = 12;

/** Where the console keeps the signed-in user's token (TOKEN_KEY in apps/console/src/auth.ts, a browser module). */
const TOKEN_KEY = 'backoffice.token';

export interface Catalogue {
  retail: string;
  pump: string;
  valve: string;
  warehouses: { ams: string; rtm: string };
}

export async function makeCatalogue(controller: GraphQLClient, warehouse: GraphQLClient): Promise<Catalogue> {
  const create = async (input: Record<string, unknown>) =>
    (
      await ok(controller, 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
        i: input,
      })
    ).createProduct.id as string;
  const retail = (
    await ok(controller, 'mutation { createPriceList(name: "Retail", currency: "EUR") { id } }')
  ).createPriceList.id as string;
  const pumps: string[] = [];
  for (let n = 1; n <= PUMPS; n++)
    pumps.push(
      await create({
        sku: `PMP-${String(n).padStart(3, '0')}`,
        name: `Pump ${n}`,
        nameNl: `Pomp ${n}`,
        unit: 'piece',
        vatRate: '21',
        productGroup: 'PUMPS',
      }),
    );
  const valve = await create({
    sku: 'VLV-001',
    name: 'Valve',
    nameNl: 'Klep',
    unit: 'piece',
    vatRate: '21',
    productGroup: 'VALVES',
    reorderLevel: '10',
  });
  const setPrice = (amount: string, minQuantity: string) =>
    ok(controller, 'mutation($i: SetPriceInput!) { setPrice(input: $i) { status } }', {
      i: { productId: pumps[0], priceListId: retail, amount, minQuantity, validFrom: '2026-01-01' },
    });
  await setPrice('100.00', '1');
  await setPrice('90.00', '10');

  const house = async (code: string, name: string) =>
    (
      await ok(
        warehouse,
        'mutation($c: String!, $n: String!) { createWarehouse(code: $c, name: $n) { id } }',
        {
          c: code,
          n: name,
        },
      )
    ).createWarehouse.id as string;
  const warehouses = { ams: await house('AMS-1', 'Amsterdam'), rtm: await house('RTM-1', 'Rotterdam') };
  const receive = (productId: string, quantity: string) =>
    ok(warehouse, 'mutation($i: StockInput!) { receiveStock(input: $i) { id } }', {
      i: { productId, warehouseId: warehouses.ams, quantity, unitCost: '50.00' },
    });
  await receive(pumps[0], '40');
  await receive(valve, '4');
  return { retail, pump: pumps[0], valve, warehouses };
}

/** Sends a GraphQL request from the page with the signed-in user's own token, as the console would. */
export async function asSignedIn(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> {
  return page.evaluate(
    async ([key, query, variables]) => {
      const { localStorage, fetch } = globalThis as unknown as {
        localStorage: { getItem(key: string): string | null };
        fetch(url: string, init: object): Promise<{ json(): Promise<unknown> }>;
      };
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${localStorage.getItem(key)}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
    },
    [TOKEN_KEY, query, variables] as const,
  );
}

/** A date `days` from today (UTC), as the date fields take it. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
