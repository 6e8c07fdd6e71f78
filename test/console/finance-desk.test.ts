import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GraphQLClient,
  type Platform,
  graphqlClient,
  mintToken,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { desk as deskEn } from '../../apps/console/src/i18n/en/desk.js';
import { holds as holdsEn } from '../../apps/console/src/i18n/en/holds.js';
import { payroll as payrollEn } from '../../apps/console/src/i18n/en/payroll.js';
import { reports as reportsEn } from '../../apps/console/src/i18n/en/reports.js';
import { desk as deskNl } from '../../apps/console/src/i18n/nl/desk.js';
import { holds as holdsNl } from '../../apps/console/src/i18n/nl/holds.js';
import { reports as reportsNl } from '../../apps/console/src/i18n/nl/reports.js';
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
import { backdate, columnTotal, hire, invoice, ok } from './finance-desk.fixture.js';
import { type ConsolePlatform, startConsolePlatform } from './console-platform.js';

/**
 * The books' reports, the service desk's reassignment, breaches and trend, and legal holds, as people
 * use them in a real browser against the real platform (one platform for every scenario here, a Dutch
 * company). What a scenario starts from is made through the API; the service desk's weeks of history
 * are made by moving its tickets' times back in its database, as weeks passing would.
 */
const runId = uniqueRunId();
const env: Record<string, string> = { ...testEnv(runId), COUNTRY: 'NL' };
// The pager's texts came with the payroll screen.
const EN = { ...CATALOGUE.en, ...payrollEn, ...reportsEn, ...deskEn, ...holdsEn };
const NL = { ...CATALOGUE.nl, ...reportsNl, ...deskNl, ...holdsNl };
/** The books are dated by today: this year's profit and loss, this quarter's VAT return, January's period. */
const NOW = new Date();
const YEAR = NOW.getUTCFullYear();
const QUARTER = Math.floor(NOW.getUTCMonth() / 3) + 1;
const QUARTER_START = `${YEAR}-${String((QUARTER - 1) * 3 + 1).padStart(2, '0')}-01`;

let consolePlatform: ConsolePlatform | undefined;
let platform: Platform;
let origin: string;
let hr: GraphQLClient;
let accountant: GraphQLClient;
let desk: GraphQLClient;
const staff: Record<'requester' | 'alex' | 'bo', string> = { requester: '', alex: '', bo: '' };
const tickets: Record<'late' | 'onTime' | 'lateResolved' | 'fresh' | 'urgent', string> = {
  late: '',
  onTime: '',
  lateResolved: '',
  fresh: '',
  urgent: '',
};

async function open(roles: string[], employeeId?: string, language?: SignInLanguage) {
  const page = await (consolePlatform as ConsolePlatform).open(roles, employeeId, language);
  // Closing a period and releasing a hold ask first; the person in these scenarios says yes.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

beforeAll(async () => {
  consolePlatform = await startConsolePlatform(runId, env);
  ({ platform, origin } = consolePlatform);
  hr = graphqlClient(platform.gatewayUrl, await mintToken({ sub: 'finance-desk-hr', roles: ['hr'] }));
  accountant = graphqlClient(
    platform.gatewayUrl,
    await mintToken({ sub: 'finance-desk-accountant', roles: ['accountant'] }),
  );
  desk = graphqlClient(platform.gatewayUrl, await mintToken({ sub: 'finance-desk-it', roles: ['it_agent'] }));

  // The books: a customer invoice and a supplier invoice at the start of this quarter, both at 21 % VAT.
  await invoice(accountant, runId, 'CUSTOMER', 'Acme BV', QUARTER_START, '1000.00');
  await invoice(accountant, runId, 'SUPPLIER', 'Office Supplies BV', QUARTER_START, '400.00');
  // Twenty-one cash deposits at the bank, on one day: more lines on 1100 than one page of its general ledger.
  await Promise.all(
    Array.from({ length: 21 }, (_, i) =>
      ok(accountant, 'mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { id } }', {
        i: {
          date: QUARTER_START,
          description: `Cash deposit ${i + 1}`,
          lines: [
            { accountCode: '1100', debit: '10.00' },
            { accountCode: '1000', credit: '10.00' },
          ],
        },
      }),
    ),
  );

  // The desk: a requester and two agents, five tickets over the last weeks.
  const dept = await ok(
    hr,
    'mutation { createDepartment(input: { name: "Service", costCenter: "SVC-1" }) { id } }',
  );
  staff.requester = await hire(hr, runId, 'Rita', 'Requester', dept.createDepartment.id);
  staff.alex = await hire(hr, runId, 'Alex', 'Agent', dept.createDepartment.id);
  staff.bo = await hire(hr, runId, 'Bo', 'Backup', dept.createDepartment.id);
  // IT learns of the new employees from hr's events: the roster takes them once it has.
  for (const id of [staff.alex, staff.bo])
    await until(async () => {
      const r = await desk.query('mutation($e: ID!) { registerAgent(employeeId: $e) { active } }', { e: id });
      return !r.errors && r.data.registerAgent.active;
    }, 60_000);
  const create = async (title: string, priority: string) => {
    const data = await ok(desk, 'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }', {
      i: { title, category: 'HARDWARE', priority, requesterEmployeeId: staff.requester },
    });
    return data.createTicket.id as string;
  };
  tickets.late = await create('Laptop screen flickers', 'P2');
  tickets.onTime = await create('Mouse missing', 'P4');
  tickets.lateResolved = await create('Docking station', 'P3');
  tickets.fresh = await create('New keyboard', 'P3');
  tickets.urgent = await create('VPN down for finance', 'P1');
  const db = new pg.Client({
    connectionString: (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
      /\/[^/]*$/,
      `/backoffice_it${env.DATABASE_SUFFIX}`,
    ),
  });
  await db.connect();
  try {
    await backdate(db, tickets.late, 21);
    await backdate(db, tickets.onTime, 14, 13.9);
    await backdate(db, tickets.lateResolved, 35, 25);
    await backdate(db, tickets.urgent, 7);
  } finally {
    await db.end();
  }
}, 300_000);

afterAll(() => consolePlatform?.stop(), 60_000);
afterAll(
  keepReadmeScreenshots(
    'financial-reports',
    'financial-reports-nl',
    'service-desk-breaches',
    'service-desk-breaches-nl',
  ),
);

describe('financial reports and periods in the console', () => {
  it('shows the accountant profit and loss, balance sheet and the quarter’s VAT return, and why periods are not theirs to close', async () => {
    const page = await open(['accountant']);
    await page.getByRole('link', { name: EN['nav.reports'] }).click();
    await page.getByRole('heading', { name: EN['reports.title'], level: 1 }).waitFor();
    // Profit and loss of the year so far: the invoice's revenue, the supplier's cost, what is left.
    const revenue = page.getByRole('table', { name: EN['reports.revenue'], exact: true });
    await revenue.getByRole('rowheader', { name: /^8000 / }).waitFor();
    await expect(revenue.textContent()).resolves.toContain('€1,000.00');
    await expect(
      page.getByRole('table', { name: EN['reports.expenses'], exact: true }).textContent(),
    ).resolves.toContain('€400.00');
    await expect(page.getByTestId('net-income').textContent()).resolves.toBe(
      `${EN['reports.netIncome']}: €600.00`,
    );
    await page
      .getByRole('figure', { name: EN['reports.pnlChart'] })
      .getByRole('img', { name: EN['reports.pnlChart'] })
      .waitFor();
    // The balance sheet balances, with the year's result in equity.
    await page.getByTestId('balance-check').getByText(EN['reports.balanced']).waitFor();
    await expect(
      page.getByRole('table', { name: EN['reports.equity'], exact: true }).textContent(),
    ).resolves.toContain('€600.00');
    // The VAT return of today's quarter: 21 % on the sale in 1a, the purchase's VAT in 5b.
    const vat = page.getByTestId('vat-return');
    await vat.getByRole('caption').getByText(`VAT return Q${QUARTER} ${YEAR}`).waitFor();
    await expect(vat.getByRole('row', { name: /^1a/ }).textContent()).resolves.toBe('1a€1,000.00€210.00');
    await expect(vat.getByRole('row', { name: /^5b/ }).textContent()).resolves.toContain('€84.00');
    await expect(
      vat
        .getByRole('row', { name: new RegExp(`^${EN['reports.vatPayable'].replace(/[()]/g, '\\$&')}`) })
        .textContent(),
    ).resolves.toContain('€126.00');
    // The general ledger of the bank account, twenty lines a page, with the running balance.
    const ledger = page.getByRole('form', { name: EN['reports.generalLedger'] });
    await ledger.getByLabel(EN['reports.account']).selectOption({ label: '1100 Bank' });
    await ledger.getByRole('button', { name: EN['reports.show'] }).click();
    await page.getByText('1100 Bank: 21 lines').waitFor();
    const lines = page.getByTestId('ledger-line');
    await expect(lines.count()).resolves.toBe(20);
    // All on one day, in the order accounting numbered them: the balance grows by €10.00 a line.
    await expect(lines.first().textContent()).resolves.toMatch(/Cash deposit \d+€10\.00€10\.00$/);
    await expect(lines.last().textContent()).resolves.toMatch(/Cash deposit \d+€10\.00€200\.00$/);
    await expectAccessible(page, 'financial reports');
    await screenshot(page, 'financial-reports');
    const ledgerSection = page.locator('#general-ledger-heading').locator('..');
    await ledgerSection.getByRole('button', { name: EN['pager.next'] }).click();
    await ledgerSection.getByText('Page 2 of 2').waitFor();
    await until(async () => (await lines.count()) === 1);
    await expect(page.getByTestId('general-ledger').locator('tfoot').textContent()).resolves.toBe(
      `${EN['reports.closing']}€210.00€0.00€210.00`,
    );
    await ledgerSection.getByRole('button', { name: EN['pager.previous'] }).click();
    await ledgerSection.getByText('Page 1 of 2').waitFor();
    await until(async () => (await lines.count()) === 20);
    // A range that ends before it starts: accounting's refusal in place of the lines, with a retry.
    // Exact: 'To' is also in the account list's text once an account is called Inventory.
    await ledger.getByLabel(EN['reports.from'], { exact: true }).fill(`${YEAR}-12-31`);
    await ledger.getByLabel(EN['reports.to'], { exact: true }).fill(`${YEAR}-01-01`);
    await ledger.getByRole('button', { name: EN['reports.show'] }).click();
    const refusal = ledgerSection.getByRole('alert');
    await refusal.getByText(/^Could not load the general ledger: /).waitFor();
    await expect(refusal.textContent()).resolves.toContain('from must not be after to');
    await refusal.getByRole('button', { name: EN['common.retry'] }).waitFor();
    // Another quarter has nothing.
    await page.getByLabel(EN['reports.quarter']).selectOption(QUARTER === 1 ? '2' : '1');
    await vat.getByText(EN['reports.noVat']).waitFor();

    // The periods: an accountant sees where each stands and why there are no buttons.
    await page.getByRole('link', { name: EN['nav.ledger'] }).click();
    const periods = page.getByTestId('periods');
    await periods.getByRole('rowheader', { name: `January ${YEAR}` }).waitFor();
    await page
      .getByTestId('controller-only')
      .getByText(/needs the controller role/)
      .waitFor();
    expect(await periods.getByRole('button').count()).toBe(0);
  }, 120_000);

  it('lets a controller close a month and reopen it with a reason, refusing a blank one', async () => {
    const page = await open(['controller'], undefined, DUTCH);
    await page.getByRole('link', { name: NL['nav.reports'] }).click();
    await page.getByRole('heading', { name: NL['reports.title'], level: 1 }).waitFor();
    await page.getByTestId('vat-return').getByRole('row', { name: /^1a/ }).waitFor();
    await expect(page.getByTestId('net-income').textContent()).resolves.toBe(
      `${NL['reports.netIncome']}: €${NBSP}600,00`,
    );
    await expectAccessible(page, 'financial reports in Dutch');
    await screenshot(page, 'financial-reports-nl');

    await page.getByRole('link', { name: NL['nav.ledger'] }).click();
    const january = page.getByTestId(`period-${YEAR}-01`);
    const month = `januari ${YEAR}`;
    await january.getByRole('button', { name: `${NL['ledger.close']} ${month}` }).click();
    await january.getByText('afgesloten', { exact: true }).waitFor();
    await january.getByText(/^afgesloten door dev-/).waitFor();
    await january.getByRole('button', { name: `${NL['periods.reopen']} ${month}` }).click();
    // A reason of spaces passes the form but not accounting: its refusal is shown as it came.
    await january.getByLabel(`Waarom ${month} heropenen?`).fill('   ');
    await january.getByRole('button', { name: `${month} heropenen` }).click();
    await january
      .getByRole('alert')
      .getByText(/^Geweigerd: /)
      .waitFor();
    await expect(january.getByRole('alert').textContent()).resolves.toContain('reason is required');
    await january.getByLabel(`Waarom ${month} heropenen?`).fill('Late leveranciersfactuur');
    await january.getByRole('button', { name: `${month} heropenen` }).click();
    await january.getByText(/^heropend door dev-.*reden: Late leveranciersfactuur$/).waitFor();
    await january.getByText('open', { exact: true }).waitFor();
    await expectAccessible(page, 'periods in Dutch');
    await screenshot(page, 'periods-nl');
  }, 90_000);
});

describe('the service desk in the console', () => {
  it('lists the SLA breaches, draws the weekly trend, and an agent hands a breached ticket to a colleague', async () => {
    const alex = await open(['it_agent'], staff.alex);
    await alex.getByRole('link', { name: EN['nav.serviceDesk'] }).click();
    const breaches = alex.getByTestId('breaches');
    await alex.getByText('3 tickets breached their SLA').waitFor();
    // Most recently breached first: the P1 of a week ago, the P2 of three weeks ago, the resolved P3.
    const titles = await breaches.locator('tbody tr > :nth-child(2)').allTextContents();
    expect(titles).toEqual(['VPN down for finance', 'Laptop screen flickers', 'Docking station']);
    const trend = alex.getByTestId('ticket-trend');
    const chart = trend.getByRole('img', { name: /^Tickets opened, resolved and breached per week/ });
    await chart.waitFor();
    await expect(chart.getAttribute('aria-description')).resolves.toContain('Opened:');
    // Opened: the five above and the onboarding tickets IT opened for the three hires, all this run.
    const all = await ok(desk, '{ tickets(first: 100) { totalCount } }');
    expect(all.tickets.totalCount).toBeGreaterThanOrEqual(5);
    expect(await columnTotal(alex, 'ticket-trend', EN['trend.opened'])).toBe(all.tickets.totalCount);
    expect(await columnTotal(alex, 'ticket-trend', EN['trend.resolved'])).toBe(2);
    expect(await columnTotal(alex, 'ticket-trend', EN['trend.breached'])).toBe(3);
    await expectAccessible(alex, 'service desk with breaches and trend');
    await screenshot(alex, 'service-desk-breaches');

    await breaches
      .getByRole('row', { name: /Laptop screen flickers/ })
      .getByRole('link')
      .click();
    await alex.getByRole('heading', { name: /Laptop screen flickers/, level: 1 }).waitFor();
    await alex.getByTestId('assignee').getByText(EN['assign.nobody']).waitFor();
    await alex.getByLabel(EN['assign.to']).selectOption({ label: 'Bo Backup' });
    await alex.getByRole('button', { name: EN['assign.submit'] }).click();
    await alex.getByTestId('assignee').getByText('Assigned to Bo Backup').waitFor();
    await alex.getByText(new RegExp(`Assignee.*${staff.bo}`)).waitFor();
    await expectAccessible(alex, 'ticket reassignment');
    await screenshot(alex, 'ticket-reassigned');

    // Bo, in Dutch, finds it among the breaches under their name.
    const bo = await open(['it_agent'], staff.bo, DUTCH);
    await bo.getByRole('link', { name: NL['nav.serviceDesk'] }).click();
    await bo
      .getByTestId('breaches')
      .getByRole('row', { name: /Laptop screen flickers.*Bo Backup/ })
      .waitFor();
    await bo.getByTestId('ticket-trend').getByRole('columnheader', { name: NL['trend.breached'] }).waitFor();
    await expectAccessible(bo, 'service desk in Dutch');
    await screenshot(bo, 'service-desk-breaches-nl');

    // The requester sees who works their ticket, without the means to change it.
    const rita = await open(['employee'], staff.requester);
    expect(await rita.getByRole('link', { name: EN['nav.serviceDesk'] }).count()).toBe(0);
    expect(await rita.getByRole('link', { name: EN['nav.reports'] }).count()).toBe(0);
    await rita.goto(`${origin}/console/reports`);
    await rita.getByText(EN['reports.notAllowed']).waitFor();
    await rita.goto(`${origin}/console/service-desk/${tickets.late}`);
    await rita.getByTestId('assignee').getByText('Assigned to Bo Backup').waitFor();
    await rita.getByText(EN['assign.agentsOnly']).waitFor();
    expect(await rita.getByRole('button', { name: EN['assign.submit'] }).count()).toBe(0);
  }, 120_000);
});

describe('legal holds in the console', () => {
  it('are placed and released by compliance; the invoice’s keeper sees the status, not the buttons', async () => {
    const title = `Supplier invoice ${runId}`;
    const token = await mintToken({ sub: 'finance-desk-accountant', roles: ['accountant'] });
    const upload = await fetch(`${origin}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'text/plain',
        'x-document-title': encodeURIComponent(title),
        'x-document-type': 'invoice',
        'x-document-classification': 'INTERNAL',
      },
      body: 'Invoice 4711: office chairs',
    });
    expect([200, 201]).toContain(upload.status);

    const officer = await open(['compliance_officer']);
    await officer.getByRole('link', { name: EN['nav.documents'] }).click();
    await officer.getByText(EN['holds.none']).waitFor();
    const row = officer.getByRole('row', { name: new RegExp(title) });
    await row.getByRole('button', { name: `${EN['holds.place']} Place a legal hold on ${title}` }).click();
    await row.getByLabel(`Reason for holding ${title}`).fill('Dispute with the supplier');
    await row.getByRole('button', { name: EN['holds.placeSubmit'] }).click();
    await row.getByText(EN['documents.legalHold'], { exact: true }).waitFor({ timeout: 30_000 });
    const held = officer.getByTestId('legal-hold-row').filter({ hasText: title });
    await held.getByText('Dispute with the supplier').waitFor();
    await held.getByText(EN['enum.LegalHoldStatus.ACTIVE']).waitFor();
    await officer.getByText('1 hold, 1 in force').waitFor();
    await expectAccessible(officer, 'documents with a legal hold');
    await screenshot(officer, 'legal-holds');

    // The accountant keeps invoices: told the document is held, given no button to place or release.
    const keeper = await open(['accountant'], undefined, DUTCH);
    await keeper.getByRole('link', { name: NL['nav.documents'] }).click();
    const kept = keeper.getByRole('row', { name: new RegExp(title) });
    await kept.getByText(NL['documents.legalHold'], { exact: true }).waitFor();
    expect(await keeper.getByRole('button', { name: new RegExp(NL['holds.place']) }).count()).toBe(0);
    expect(await keeper.getByRole('heading', { name: NL['holds.title'] }).count()).toBe(0);
    await expectAccessible(keeper, 'documents in Dutch, held');
    await screenshot(keeper, 'documents-held-nl');

    // Compliance releases it: the hold is released and the badge goes.
    await held.getByRole('button', { name: `${EN['holds.release']} Release the hold on ${title}` }).click();
    await held.getByText(EN['enum.LegalHoldStatus.RELEASED']).waitFor({ timeout: 30_000 });
    await officer.getByTestId('hold-released').waitFor();
    await until(async () => (await row.getByText(EN['documents.legalHold'], { exact: true }).count()) === 0);
    await expect(row.getByRole('button', { name: new RegExp(EN['holds.place']) }).count()).resolves.toBe(1);
    await keeper.reload();
    await kept.waitFor();
    expect(await kept.getByText(NL['documents.legalHold'], { exact: true }).count()).toBe(0);
  }, 120_000);
});
