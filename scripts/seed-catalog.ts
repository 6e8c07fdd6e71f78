/**
 * The demo catalogue for `pnpm seed`, through the graph and idempotently: two warehouses, a retail and
 * a dealer price list, a dozen products of production equipment with quantity breaks, and stock.
 */
type Must = (query: string, variables?: Record<string, unknown>) => Promise<any>;

const WAREHOUSES = [
  { code: 'AMS', name: 'Amsterdam' },
  { code: 'RTM', name: 'Rotterdam' },
];
const LISTS = [
  { name: 'Retail', currency: 'EUR', factor: 1 },
  { name: 'Dealer', currency: 'EUR', factor: 0.8 },
];
/** sku, English, Dutch, unit, VAT, base price, reorder level, group. */
const PRODUCTS: [string, string, string, string, string, number, number, string][] = [
  ['PMP-100', 'Centrifugal pump 1 kW', 'Centrifugaalpomp 1 kW', 'piece', '21', 640, 4, 'PUMPS'],
  ['PMP-250', 'Centrifugal pump 2.5 kW', 'Centrifugaalpomp 2,5 kW', 'piece', '21', 1180, 2, 'PUMPS'],
  ['PMP-DOS', 'Dosing pump', 'Doseerpomp', 'piece', '21', 395, 3, 'PUMPS'],
  ['VLV-BALL-25', 'Ball valve DN25', 'Kogelkraan DN25', 'piece', '21', 38.5, 20, 'VALVES'],
  ['VLV-BALL-50', 'Ball valve DN50', 'Kogelkraan DN50', 'piece', '21', 72, 10, 'VALVES'],
  ['VLV-CHK-25', 'Check valve DN25', 'Terugslagklep DN25', 'piece', '21', 24.75, 20, 'VALVES'],
  ['HSE-PVC-25', 'PVC hose 25 mm', 'PVC-slang 25 mm', 'm', '21', 4.2, 100, 'HOSES'],
  ['HSE-RUB-50', 'Rubber hose 50 mm', 'Rubberslang 50 mm', 'm', '21', 11.9, 50, 'HOSES'],
  ['SNS-PRS', 'Pressure sensor 0-10 bar', 'Druksensor 0-10 bar', 'piece', '21', 149, 5, 'SENSORS'],
  ['SNS-FLW', 'Flow meter', 'Debietmeter', 'piece', '21', 289, 3, 'SENSORS'],
  ['MAN-PUMP-NL', 'Pump maintenance manual', 'Onderhoudshandboek pompen', 'piece', '9', 29.95, 0, 'MANUALS'],
  ['SRV-INSTALL', 'Installation (hour)', 'Installatie (uur)', 'hour', '21', 85, 0, 'SERVICES'],
];

export async function seedCatalog(must: Must, say: (m: string) => void): Promise<void> {
  const warehouses = new Map<string, string>(
    (await must('{ warehouses { id code } }')).warehouses.map((w: { id: string; code: string }) => [
      w.code,
      w.id,
    ]),
  );
  for (const w of WAREHOUSES) {
    if (warehouses.has(w.code)) continue;
    const created = await must(
      'mutation($c: String!, $n: String!) { createWarehouse(code: $c, name: $n) { id } }',
      {
        c: w.code,
        n: w.name,
      },
    );
    warehouses.set(w.code, created.createWarehouse.id);
  }
  const lists = new Map<string, string>(
    (await must('{ priceLists { id name } }')).priceLists.map((l: { id: string; name: string }) => [
      l.name,
      l.id,
    ]),
  );
  for (const l of LISTS) {
    if (lists.has(l.name)) continue;
    const created = await must(
      'mutation($n: String!, $c: String!) { createPriceList(name: $n, currency: $c) { id } }',
      {
        n: l.name,
        c: l.currency,
      },
    );
    lists.set(l.name, created.createPriceList.id);
  }
  const validFrom = `${new Date().getUTCFullYear()}-01-01`;
  let added = 0;
  for (const [i, [sku, name, nameNl, unit, vatRate, base, reorder, group]] of PRODUCTS.entries()) {
    if ((await must('query($s: String!) { productBySku(sku: $s) { id } }', { s: sku })).productBySku)
      continue;
    const { createProduct } = await must(
      'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      {
        i: {
          sku,
          name,
          nameNl,
          unit,
          vatRate,
          reorderLevel: reorder ? String(reorder) : null,
          productGroup: group,
        },
      },
    );
    for (const l of LISTS)
      for (const [minQuantity, discount] of [
        ['1', 1],
        ['10', 0.95],
        ['50', 0.9],
      ] as const)
        await must('mutation($i: SetPriceInput!) { setPrice(input: $i) { id } }', {
          i: {
            productId: createProduct.id,
            priceListId: lists.get(l.name),
            amount: (base * l.factor * discount).toFixed(2),
            minQuantity,
            validFrom,
          },
        });
    if (unit !== 'hour')
      for (const [code, share] of [
        ['AMS', 3],
        ['RTM', 1],
      ] as const)
        await must('mutation($i: StockInput!) { receiveStock(input: $i) { id } }', {
          i: {
            productId: createProduct.id,
            warehouseId: warehouses.get(code),
            quantity: String((reorder || 5) * share + (i % 3)),
            reference: 'opening stock',
          },
        });
    added++;
  }
  say(
    `catalogue: ${PRODUCTS.length} products (${added} new), ${LISTS.length} price lists, ${WAREHOUSES.length} warehouses`,
  );
}
