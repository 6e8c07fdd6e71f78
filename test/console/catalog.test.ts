import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, graphqlClient, mintToken, testEnv, uniqueRunId } from '@backoffice/testkit';
import type { Locator, Page } from 'playwright-core';
import { catalog as catalogEn } from '../../apps/console/src/i18n/en/catalog.js';
import { payroll as payrollEn } from '../../apps/console/src/i18n/en/payroll.js';
import { catalog as catalogNl } from '../../apps/console/src/i18n/nl/catalog.js';
import {
  CATALOGUE,
  DUTCH,
  expectAccessible,
  keepReadmeScreenshots,
  NBSP,
  screenshot,
  type SignInLanguage,
  until,
} from './browser.js';
import { asSignedIn, type Catalogue, daysFromToday, makeCatalogue, PUMPS } from './catalog.fixture.js';
import { type ConsolePlatform, startConsolePlatform } from './console-platform.js';

/**
 * The catalog in the console as its people use it, in a real browser against the real platform (one
 * platform for every scenario here, a Dutch company): a salesperson finds a product, reads its prices
 * and stock and reserves some; the warehouse receives, counts and transfers; a controller keeps the
 * products and prices, and a large price change waits for a second controller. Each role also tries
 * something it may not do: the console does not offer it and the server refuses it.
 */
const runId = uniqueRunId();
const env: Record<string, string> = { ...testEnv(runId), COUNTRY: 'NL' };
// The pager's texts came with the payroll screen.
const EN = { ...CATALOGUE.en, ...payrollEn, ...catalogEn };
const NL = { ...CATALOGUE.nl, ...catalogNl };

let consolePlatform: ConsolePlatform | undefined;
let platform: Platform;
let catalogue: Catalogue;

const open = (roles: string[], language?: SignInLanguage) =>
  (consolePlatform as ConsolePlatform).open(roles, undefined, language);

/** A row of a table (by test id) that holds `text`. */
const row = (page: Page, testId: string, text: string) => page.getByTestId(testId).filter({ hasText: text });

/** Waits until the element's text matches, e.g. a stock row's on hand, reserved and available. */
const shows = (element: Locator, text: RegExp) =>
  until(async () => text.test((await element.textContent()) ?? ''));

beforeAll(async () => {
  consolePlatform = await startConsolePlatform(runId, env);
  ({ platform } = consolePlatform);
  const client = async (sub: string, roles: string[]) =>
    graphqlClient(platform.gatewayUrl, await mintToken({ sub, roles }));
  catalogue = await makeCatalogue(
    await client('catalog-setup-controller', ['controller']),
    await client('catalog-setup-warehouse', ['warehouse']),
  );
}, 240_000);

afterAll(() => consolePlatform?.stop(), 60_000);
afterAll(keepReadmeScreenshots('catalog-prices', 'catalog-stock-nl'));

describe('the catalog in the console', () => {
  it('shows a salesperson products page by page, a product’s prices and stock, and lets them reserve but not receive', async () => {
    const page = await open(['sales']);
    const nav = page.getByRole('navigation', { name: EN['app.mainNavigation'] });
    await nav.getByRole('link', { name: EN['nav.products'] }).click();
    await page.getByRole('heading', { name: EN['products.title'], level: 1 }).waitFor();
    await page.getByText(`${PUMPS + 1} products`, { exact: true }).waitFor();
    // Sales reads the catalogue; the books and master data are not theirs.
    expect(await nav.getByRole('link', { name: EN['nav.ledger'] }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: EN['products.create'] }).count()).toBe(0);

    // Ten a page, by SKU: the valve, below its reorder level, is on the second page and marked.
    await page.getByText('Page 1 of 2').waitFor();
    expect(await page.getByTestId('product-row').count()).toBe(10);
    await page.getByRole('button', { name: EN['pager.next'] }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await row(page, 'product-row', 'VLV-001').getByTestId('low-stock').waitFor();
    await row(page, 'product-row', 'PMP-012').waitFor();
    expect(await row(page, 'product-row', 'PMP-012').getByTestId('low-stock').count()).toBe(0);
    await expectAccessible(page, 'products (sales)');

    await page.getByLabel(EN['catalog.search']).fill('pmp-001');
    await page.getByText('1 product', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'PMP-001' }).click();
    await page.getByRole('heading', { name: 'PMP-001 Pump 1', level: 1 }).waitFor();
    // Net and with 21 % VAT, per quantity break.
    const prices = page.getByTestId('prices');
    await prices.getByText('€121.00').waitFor();
    await expect(row(page, 'price-row', '€100.00').textContent()).resolves.toContain('€121.00');
    await expect(row(page, 'price-row', '€90.00').textContent()).resolves.toContain('€108.90');
    await expect(
      page.getByTestId('product-stock').getByRole('row', { name: /AMS-1/ }).textContent(),
    ).resolves.toMatch(/Amsterdam\s*40\s*0\s*40/);
    // The ledger, with its cost prices, is not for sales.
    expect(await page.getByRole('heading', { name: EN['stockLedger.title'] }).count()).toBe(0);
    await expectAccessible(page, 'product page (sales)');

    // Reserve three for an order, then give them back.
    await nav.getByRole('link', { name: EN['nav.stock'] }).click();
    await page.getByRole('heading', { name: EN['stock.title'], level: 1 }).waitFor();
    await page.getByRole('button', { name: `${EN['stock.select']} Record stock of PMP-001` }).click();
    await page.getByRole('heading', { name: 'PMP-001 in AMS-1' }).waitFor();
    expect(await page.getByRole('form', { name: EN['stock.receive'] }).count()).toBe(0);
    const reserve = page.getByRole('form', { name: EN['stock.reserve'] });
    await reserve.getByLabel(EN['catalog.quantity']).fill('3');
    await reserve.getByLabel(EN['catalog.reference']).fill('ORDER-7');
    // Held for a week, to the end of that day where the salesperson is (the browser runs in this machine's zone).
    const holdUntil = daysFromToday(7);
    await reserve.getByLabel(EN['stock.holdUntil']).fill(holdUntil);
    await reserve.getByRole('button', { name: EN['stock.reserveSubmit'] }).click();
    const heldDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(
      new Date(`${holdUntil}T23:59:00`),
    );
    await reserve.getByText(`Reserved 3 piece until ${heldDay}, 23:59.`).waitFor();
    await shows(row(page, 'stock-row', 'PMP-001'), /40\s*3\s*37/);
    await page
      .getByTestId('reservations')
      .getByRole('row', { name: /ORDER-7/ })
      .getByText('dev-sales')
      .waitFor();
    await expectAccessible(page, 'stock (sales)');
    await page
      .getByRole('button', { name: `${EN['stock.release']} Release the reservation ORDER-7` })
      .click();
    await page.getByText(EN['stock.releasedOk']).waitFor();
    await page.getByText(EN['stock.noReservations']).waitFor();
    await shows(row(page, 'stock-row', 'PMP-001'), /40\s*0\s*40/);

    // Receiving goods is the warehouse's: not offered above, and refused to this user's own token.
    const refused = await asSignedIn(page, 'mutation($i: StockInput!) { receiveStock(input: $i) { id } }', {
      i: { productId: catalogue.pump, warehouseId: catalogue.warehouses.ams, quantity: '5' },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 120_000);

  it('lets the warehouse receive, count and transfer, in Dutch, with low stock marked until it is replenished', async () => {
    const page = await open(['warehouse'], DUTCH);
    await page.getByRole('link', { name: NL['nav.stock'] }).click();
    await page.getByRole('heading', { name: NL['stock.title'], level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Voorraad in AMS-1' }).waitFor();
    await page.getByLabel(NL['catalog.search']).fill('VLV');
    await page.getByText('1 artikel', { exact: true }).waitFor();
    const valve = row(page, 'stock-row', 'VLV-001');
    await valve.getByTestId('low-stock').getByText(NL['catalog.lowStock']).waitFor();
    await valve.getByRole('button', { name: /Voorraad van VLV-001 boeken/ }).click();
    await page.getByRole('heading', { name: 'VLV-001 in AMS-1' }).waitFor();

    const receipt = page.getByRole('form', { name: NL['stock.receive'] });
    await receipt.getByLabel(NL['catalog.quantity']).fill('10');
    await receipt.getByLabel(NL['stock.unitCost']).fill('12,50');
    await receipt.getByRole('button', { name: NL['stock.receiveSubmit'] }).click();
    await receipt.getByText('10 piece ontvangen.').waitFor();
    await shows(valve, /14\s*0\s*14/);
    expect(await valve.getByTestId('low-stock').count()).toBe(0);

    // Counted one fewer than the books say: the count records the difference.
    const count = page.getByRole('form', { name: NL['stock.count'] });
    await count.getByLabel(NL['stock.counted']).fill('13');
    await count.getByRole('button', { name: NL['stock.countSubmit'] }).click();
    await count.getByText(/^Telling geboekt: [-−]1 piece\.$/).waitFor();
    await shows(valve, /13\s*0\s*13/);

    const transfer = page.getByRole('form', { name: NL['stock.transfer'] });
    await transfer.getByLabel(NL['stock.to']).selectOption({ label: 'RTM-1 Rotterdam' });
    await transfer.getByLabel(NL['catalog.quantity']).fill('5');
    await transfer.getByRole('button', { name: NL['stock.transferSubmit'] }).click();
    await transfer.getByText('5 piece overgeboekt.').waitFor();
    await shows(valve, /8\s*0\s*8/);
    await expectAccessible(page, 'stock (warehouse, Dutch)');
    await screenshot(page, 'catalog-stock-nl');
    await page
      .getByRole('search')
      .getByLabel(NL['catalog.warehouse'])
      .selectOption({ label: 'RTM-1 Rotterdam' });
    await page.getByRole('heading', { name: 'Voorraad in RTM-1' }).waitFor();
    await shows(valve, /5\s*0\s*5/);
    // The product's ledger says what the balances were made of: two receipts, the count's correction, both legs of the transfer.
    await valve.getByRole('link', { name: 'VLV-001' }).click();
    await page.getByRole('heading', { name: 'VLV-001 Klep', level: 1 }).waitFor();
    const ledger = page.getByTestId('stock-ledger');
    await page.getByText('5 mutaties', { exact: true }).waitFor();
    await ledger.getByRole('row', { name: /Correctie\s*[-−]1 piece/ }).waitFor();
    await ledger.getByRole('row', { name: /Overboeking in\s*5 piece/ }).waitFor();
    await expectAccessible(page, 'product page with its stock ledger (warehouse, Dutch)');

    // Prices are the controller's: the warehouse reads them without a form, and the server refuses.
    await page.getByRole('link', { name: NL['nav.priceLists'] }).click();
    await page.getByRole('link', { name: 'Retail' }).click();
    await page.getByRole('heading', { name: 'Prijzen op Retail' }).waitFor();
    await row(page, 'price-row', 'PMP-001').first().getByText(`€${NBSP}121,00`).waitFor();
    expect(await page.getByRole('form', { name: NL['prices.set'] }).count()).toBe(0);
    const refused = await asSignedIn(page, 'mutation($i: SetPriceInput!) { setPrice(input: $i) { id } }', {
      i: {
        productId: catalogue.pump,
        priceListId: catalogue.retail,
        amount: '1.00',
        validFrom: daysFromToday(1),
      },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 120_000);

  it('lets a controller keep products and prices; a large change waits for another controller, never its author', async () => {
    const author = await open(['controller']);
    await author.getByRole('link', { name: EN['nav.products'] }).click();
    const create = author.getByRole('form', { name: EN['products.create'] });
    await create.getByLabel(EN['catalog.sku']).fill('hose-1');
    await create.getByLabel(EN['catalog.nameEn']).fill('Garden hose');
    await create.getByLabel(EN['catalog.nameNl']).fill('Tuinslang');
    await create.getByLabel(EN['catalog.unit']).fill('m');
    await create.getByLabel(EN['catalog.group']).fill('hoses');
    await create.getByRole('button', { name: EN['products.createSubmit'] }).click();
    await author.getByRole('heading', { name: 'HOSE-1 Garden hose', level: 1 }).waitFor();
    await author.getByText(EN['products.noStock']).waitFor();
    await author.getByText(EN['prices.none']).waitFor();
    await author.getByText(EN['stockLedger.none']).waitFor();
    await author.getByText(EN['products.edit']).click();
    const edit = author.getByRole('form', { name: EN['products.edit'] });
    await edit.getByLabel(EN['catalog.reorderLevel']).fill('25');
    await edit.getByRole('button', { name: EN['catalog.save'] }).click();
    await author.getByTestId('product-details').getByText('25', { exact: true }).waitFor();
    await author.getByTestId('low-stock').waitFor();

    // A price from today, a quantity break, then a rise of 50 % from next month: that one waits.
    await author.getByRole('link', { name: EN['nav.priceLists'] }).click();
    await author.getByRole('link', { name: 'Retail' }).click();
    await author.getByRole('heading', { name: 'Prices on Retail' }).waitFor();
    await author.getByLabel(EN['catalog.search']).fill('HOSE');
    await author.getByText('1 product', { exact: true }).waitFor();
    await row(author, 'list-prices', 'HOSE-1').getByText(EN['prices.noneFor']).waitFor();
    const set = author.getByRole('form', { name: EN['prices.set'] });
    const setPrice = async (amount: string, from: string, quantity = '1') => {
      await set.getByLabel(EN['prices.product']).selectOption({ label: 'HOSE-1 Garden hose' });
      await set.getByLabel(/^Net amount per unit/).fill(amount);
      await set.getByLabel(EN['prices.fromQuantity']).fill(quantity);
      await set.getByLabel(EN['prices.validFrom']).fill(from);
      await set.getByRole('button', { name: EN['prices.setSubmit'] }).click();
    };
    await setPrice('10.00', daysFromToday(0));
    await set.getByText(/^Price set: it applies from /).waitFor();
    await row(author, 'price-row', '€10.00').getByText('€12.10').waitFor();
    await setPrice('9.00', daysFromToday(0), '100');
    await row(author, 'price-row', '€9.00').getByText('€10.89').waitFor();
    await setPrice('15.00', daysFromToday(30));
    await set.getByText(EN['prices.setPending']).waitFor();
    const pending = row(author, 'price-row', '€15.00');
    await pending.getByText(EN['enum.PriceStatus.PENDING_APPROVAL']).waitFor();
    await pending.getByText('Waits for a controller other than dev-controller.').waitFor();
    await expectAccessible(author, 'price list (controller)');
    await screenshot(author, 'catalog-prices');

    // The author may not approve it: My work does not offer it, and compliance refuses it.
    await pending.getByRole('link', { name: EN['prices.openApproval'] }).click();
    await author.getByRole('heading', { name: EN['myWork.approvals'] }).waitFor();
    await author.getByText(EN['myWork.noApprovals']).waitFor();
    const approvals = (await asSignedIn(
      author,
      '{ approvals(filter: { subjectType: "Price", status: PENDING }) { id } }',
    )) as { data: { approvals: { id: string }[] } };
    expect(approvals.data.approvals).toHaveLength(1);
    const own = await asSignedIn(
      author,
      'mutation($id: ID!) { decideApproval(id: $id, approve: true) { id } }',
      {
        id: approvals.data.approvals[0].id,
      },
    );
    expect(['FORBIDDEN', 'CONFLICT']).toContain(own.errors?.[0].extensions?.code);

    // A second controller approves it from My work; the list then shows the new price as active.
    const second = await open(['controller', 'accountant']);
    await second.getByRole('link', { name: EN['nav.myWork'] }).click();
    const approval = second.getByTestId('approval').filter({ hasText: EN['enum.ApprovalSubject.Price'] });
    await approval.getByText('asked by dev-controller').waitFor();
    await approval.getByRole('button', { name: EN['decide.approve'] }).click();
    await second.getByText(EN['myWork.noApprovals']).waitFor();
    await author.goBack();
    await until(async () => {
      await author.reload();
      const status = await row(author, 'price-row', '€15.00').textContent({ timeout: 10_000 });
      return status?.includes(EN['enum.PriceStatus.ACTIVE']) && !status.includes('Pending');
    }, 30_000);
  }, 150_000);

  it('shows the catalog only to the roles it is for, and says when nothing matches or nothing is there', async () => {
    const hr = await open(['hr']);
    expect(await hr.getByRole('link', { name: EN['nav.products'] }).count()).toBe(0);
    await hr.goto(`${platform.gatewayOrigin}/console/stock`);
    await hr.getByText(EN['catalog.notAllowed']).waitFor();

    const analyst = await open(['analyst']);
    await analyst.getByRole('link', { name: EN['nav.products'] }).click();
    await analyst.getByLabel(EN['catalog.search']).fill('no such thing');
    await analyst.getByText(EN['products.count'].zero, { exact: true }).waitFor();
    await analyst.goto(`${platform.gatewayOrigin}/console/products/00000000-0000-4000-8000-000000000000`);
    await analyst.getByRole('heading', { name: EN['products.notFound'], level: 1 }).waitFor();
    await expectAccessible(analyst, 'product not found');
  }, 60_000);

  it('says it is loading while the graph answers, and offers a retry when the gateway cannot be reached', async () => {
    const page = await open(['analyst']);
    // The stock screen's first question is held until the loading text has been seen, then let through;
    // the second time the gateway is cut off, as a dropped connection would.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/graphql', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('link', { name: EN['nav.stock'] }).click();
    await page.getByText('Loading the warehouses…').waitFor();
    release();
    await page.getByRole('heading', { name: 'Stock in AMS-1' }).waitFor();
    // An analyst reads stock but records nothing.
    await page.getByRole('button', { name: `${EN['stock.select']} Record stock of PMP-001` }).click();
    await page.getByText(EN['stock.readOnly']).waitFor();
    expect(await page.getByRole('button', { name: EN['stock.reserveSubmit'] }).count()).toBe(0);

    await page.unroute('**/graphql');
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: EN['nav.products'] }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'Could not load the products' });
    await failed.getByText(EN['error.UNREACHABLE']).waitFor();
    await expectAccessible(page, 'products (gateway unreachable)');
    await page.unroute('**/graphql');
    await failed.getByRole('button', { name: EN['common.retry'] }).click();
    await page.getByTestId('products').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 60_000);
});
