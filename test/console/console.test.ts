import { hr as hrEvents } from '@backoffice/events';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GraphQLClient,
  type Platform,
  graphqlClient,
  mintToken,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { CATALOGUE, expectAccessible, keepReadmeScreenshots, screenshot, signIn, until } from './browser.js';
import { type ConsolePlatform, startConsolePlatform } from './console-platform.js';

/**
 * The back-office console in a real browser against the real platform: five subgraphs and the
 * gateway serving the production build, Debian's Chromium, the dev login, and axe-core on every screen.
 */
const runId = uniqueRunId();
// A Dutch company: the console opens in Dutch; the other scenarios choose English as their users would.
const env: Record<string, string> = { ...testEnv(runId), COUNTRY: 'NL' };
let consolePlatform: ConsolePlatform | undefined;
let platform: Platform;
let browser: Browser;
let origin: string;
let hr: GraphQLClient;
let departmentId: string;

const open = (roles: string[], employeeId?: string) =>
  (consolePlatform as ConsolePlatform).open(roles, employeeId);

beforeAll(async () => {
  consolePlatform = await startConsolePlatform(runId, env);
  ({ platform, browser, origin } = consolePlatform);
  hr = graphqlClient(platform.gatewayUrl, await mintToken({ sub: 'console-hr', roles: ['hr'] }));
  const dept = await hr.query(
    'mutation { createDepartment(input: { name: "Service desk", costCenter: "SD-1" }) { id } }',
  );
  expect(dept.errors).toBeUndefined();
  departmentId = dept.data.createDepartment.id;
}, 240_000);

afterAll(() => consolePlatform?.stop(), 60_000);

describe('the console, served by the gateway', () => {
  it('serves the app with SPA fallback, long-lived assets, GraphiQL, and a dev login only outside production', async () => {
    const page = await fetch(`${origin}/console/people/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${origin}${asset}`);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${origin}/console/assets/missing.js`)).status).toBe(404);
    const graphiql = await fetch(`${origin}/graphiql`);
    expect(await graphiql.text()).toContain('GraphiQL');
    const login = await fetch(`${origin}/console/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['analyst'] }),
    });
    const { token } = (await login.json()) as { token: string };
    const me = await graphqlClient(platform.gatewayUrl, token).query('{ departments { id } }');
    expect(me.errors).toBeUndefined();
  });

  it('hires through the UI as hr and shows the onboarding ticket to IT on the employee page', async () => {
    const page = await open(['hr']);
    await expectAccessible(page, 'login → people');
    await page.getByLabel('Given name').fill('Ada');
    await page.getByLabel('Family name').fill('Lovelace');
    await page.getByLabel('Email').fill(`ada.${runId}@example.com`);
    await page.locator('select[name="departmentId"]').selectOption(departmentId);
    await page.getByLabel('Start date').fill('2026-12-01');
    await page.getByLabel('Monthly salary (EUR)').fill('5400.00');
    await page.getByRole('button', { name: 'Hire' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    const employeeId = page.url().split('/').pop() as string;
    // hr reads the contract but not IT's tickets. The heading shows before the contract's own answer
    // does: wait for the salary (isVisible() would ask once, at whatever moment that is).
    await page.getByText('€5,400.00').waitFor();
    await page.getByText('Tickets: not visible to your role').waitFor();
    await screenshot(page, 'people-hire-hr');

    // IT sees the onboarding ticket arrive (through the bus) and not the contract.
    const it = await open(['it_agent']);
    await it.goto(`${origin}/console/people/${employeeId}`);
    await it.getByText('Contract: not visible to your role').waitFor();
    await until(async () => {
      await it.reload();
      await it.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
      return (await it.getByRole('link', { name: /^IT-\d+$/ }).count()) > 0;
    });
    await expectAccessible(it, 'employee page');
    await screenshot(it, 'employee-page');

    // The analyst sees the directory and the record, but no pay.
    const analyst = await open(['analyst']);
    await analyst.getByLabel('Search').fill('Lovelace');
    await analyst.getByRole('link', { name: 'Ada Lovelace' }).click();
    await analyst.getByText('Contract: not visible to your role').waitFor();
    expect(await analyst.getByText('€5,400.00').count()).toBe(0);
    await screenshot(analyst, 'employee-page-analyst');

    // The service desk queue: the ticket with its SLA, then comment and transition on its page.
    await it.getByRole('link', { name: 'Service desk' }).click();
    await it.getByRole('heading', { name: 'Service desk', level: 1 }).waitFor();
    await it.getByRole('figure', { name: /Tickets by status/ }).waitFor();
    await it
      .getByText(/Lovelace/)
      .first()
      .waitFor();
    await expectAccessible(it, 'service desk');
    await screenshot(it, 'service-desk-queue');
    await it
      .getByRole('link', { name: /^IT-\d+$/ })
      .first()
      .click();
    await it.getByRole('heading', { name: /Onboarding|Lovelace/ }).waitFor();
    await it.getByLabel('Add a comment').fill('Laptop ordered.');
    await it.getByRole('button', { name: 'Comment' }).click();
    await it.getByText('Laptop ordered.').waitFor();
    const move = it.getByRole('button', { name: /^Move to / }).first();
    const to = ((await move.textContent()) ?? '').replace('Move to ', '');
    await move.click();
    await it.locator('p strong', { hasText: to }).waitFor();
    await expectAccessible(it, 'ticket page');
    await screenshot(it, 'ticket-page');

    // The employee themself: their own contract and ticket, their work.
    const self = await open(['employee'], employeeId);
    await self.goto(`${origin}/console/people/${employeeId}`);
    await self.getByText('€5,400.00').waitFor();
    await self.getByRole('link', { name: 'My work' }).click();
    await self.getByRole('heading', { name: 'My tickets' }).waitFor();
    await expectAccessible(self, 'my work');
    await screenshot(self, 'my-work-employee');
  }, 150_000);

  it('opens in Dutch for a Dutch company, with Dutch amounts and dates, and switches to English for good', async () => {
    const nl = CATALOGUE.nl;
    const en = CATALOGUE.en;
    const hired = await hr.query(
      `mutation { hireEmployee(input: { givenName: "Grietje", familyName: "Brouwer", email: "grietje.${runId}@example.com",
        departmentId: "${departmentId}", startDate: "2026-12-01", workLocation: HYBRID,
        contract: { monthlySalary: "5400.00", currency: "EUR", fte: 1 } }) { id } }`,
    );
    expect(hired.errors).toBeUndefined();
    const employeeId = hired.data.hireEmployee.id as string;

    // No choice stored: the gateway's COUNTRY=NL makes Dutch the default, from the login page on.
    const { page } = await signIn(browser, origin, ['hr'], undefined, { expect: 'nl' });
    consolePlatform?.pages.push(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByRole('link', { name: nl['nav.myWork'] }).waitFor();

    // A Dutch amount typed the Dutch way, and the server's CONFLICT shown in Dutch with its message as detail.
    await page.getByLabel(nl['hire.givenName']).fill('Grietje');
    await page.getByLabel(nl['hire.familyName']).fill('Brouwer');
    await page.getByLabel(nl['hire.email']).fill(`grietje.${runId}@example.com`);
    await page.locator('select[name="departmentId"]').selectOption(departmentId);
    await page.getByLabel(nl['hire.startDate']).fill('2026-12-01');
    await page.getByLabel(nl['hire.monthlySalary']).fill('1.234,56');
    await page.getByRole('button', { name: nl['hire.submit'], exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: nl['error.CONFLICT'] });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('already has the email');
    await page.getByLabel(nl['hire.email']).fill(`griet.${runId}@example.com`);
    await page.getByRole('button', { name: nl['hire.submit'], exact: true }).click();
    await page.getByRole('heading', { name: 'Grietje Brouwer', level: 1 }).waitFor();
    await expect(page.getByTestId('monthly-salary').textContent()).resolves.toBe('€\u00a01.234,56');

    // The first hire, opened directly: Dutch labels, amount and dates.
    await page.goto(`${origin}/console/people/${employeeId}`);
    await page.getByRole('heading', { name: nl['employee.leave'] }).waitFor();
    await expect(page.getByTestId('monthly-salary').textContent()).resolves.toBe('€\u00a05.400,00');
    await page.getByText('sinds 1 december 2026').waitFor();
    await page.getByText(`${nl['employee.tickets']}: niet zichtbaar voor jouw rol`).waitFor();
    await expectAccessible(page, 'employee page in Dutch');
    await screenshot(page, 'employee-page-nl');

    // The switch in the header: English at once, and still English after a reload.
    await page.getByLabel(nl['language.label']).selectOption('en');
    await page.getByRole('heading', { name: en['employee.leave'] }).waitFor();
    await expect(page.getByTestId('monthly-salary').textContent()).resolves.toBe('€5,400.00');
    await page.getByText('since 1 December 2026').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: en['employee.leave'] }).waitFor();
    await page.getByRole('link', { name: en['nav.myWork'] }).waitFor();
    expect(await page.getByText(nl['employee.leave']).count()).toBe(0);
    await screenshot(page, 'employee-page-en');
  }, 90_000);

  it('posts an entry above the threshold as accountant and approves it as controller in My work', async () => {
    const accountant = await open(['accountant']);
    await accountant.getByRole('link', { name: 'Ledger' }).click();
    await accountant.getByRole('heading', { name: 'Trial balance' }).waitFor();
    await accountant.getByLabel('Description').fill(`Bank transfer ${runId}`);
    await accountant.getByLabel('Account of line 1').selectOption('1100');
    await accountant.getByLabel('Account of line 2').selectOption('1000');
    await accountant.getByLabel('Debit of line 1').fill('15000.00');
    await accountant.getByLabel('Credit of line 2').fill('14999.99');
    await expect(accountant.getByTestId('balance').textContent()).resolves.toContain('off by 0.01');
    await expect(accountant.getByRole('button', { name: 'Post entry' }).isDisabled()).resolves.toBe(true);
    await accountant.getByLabel('Credit of line 2').fill('15000.00');
    await expect(accountant.getByTestId('balance').textContent()).resolves.toContain('balanced');
    await accountant.getByRole('button', { name: 'Post entry' }).click();
    await accountant
      .getByTestId('posted')
      .getByText(/four-eyes/)
      .waitFor();
    await expectAccessible(accountant, 'ledger');
    await screenshot(accountant, 'ledger');

    const controller = await open(['controller']);
    await controller.getByRole('link', { name: 'My work' }).click();
    const approval = await until(async () => {
      await controller.reload();
      await controller.getByRole('heading', { name: 'Approvals to decide' }).waitFor();
      const item = controller.getByTestId('approval').filter({ hasText: '€15,000.00' });
      return (await item.count()) > 0 ? item.first() : undefined;
    });
    await expectAccessible(controller, 'my work (approvals)');
    await screenshot(controller, 'my-work-approvals');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await until(
      async () => (await controller.getByTestId('approval').filter({ hasText: '€15,000.00' }).count()) === 0,
    );

    const books = graphqlClient(
      platform.gatewayUrl,
      await mintToken({ sub: 'console-check', roles: ['accountant'] }),
    );
    await until(async () => {
      const r = await books.query('{ journalEntries(first: 50) { edges { node { description status } } } }');
      return r.data?.journalEntries.edges.some(
        (e: { node: { description: string; status: string } }) =>
          e.node.description === `Bank transfer ${runId}` && e.node.status === 'POSTED',
      );
    });
  }, 150_000);

  it('uploads a document with progress and finds it with a safely highlighted snippet', async () => {
    const page = await open(['hr']);
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('heading', { name: 'Upload' }).waitFor();
    const word = `zebra${runId}`;
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        `Meeting notes about the ${word} project. <img src=x onerror="window.pwned=1"> end.\n`,
      ),
    });
    await page.getByLabel('Title', { exact: true }).fill(`Notes ${runId}`);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByTestId('upload-done').waitFor();
    await page.getByLabel('Search titles, tags and text').fill(word);
    const hit = await until(async () => {
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForTimeout(300);
      const hits = page.getByTestId('search-hit');
      return (await hits.count()) > 0 ? hits.first() : undefined;
    });
    await expect(hit.locator('mark').first().textContent()).resolves.toContain(word);
    expect(await hit.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    await hit.getByRole('button', { name: /Versions/ }).click();
    await page.getByText(/v1: notes\.txt/).waitFor();
    await expectAccessible(page, 'documents');
    await screenshot(page, 'documents');
  }, 60_000);

  it('shows compliance the verified audit trail and findings', async () => {
    const page = await open(['compliance_officer']);
    await page.getByRole('link', { name: 'Compliance' }).click();
    await page
      .getByTestId('verification')
      .getByText(/Hash chain intact/)
      .waitFor();
    await page.getByRole('figure', { name: 'Open findings' }).waitFor();
    await page.getByLabel('Event type').fill(hrEvents.employeeHired.type);
    await page.getByRole('button', { name: 'Filter' }).click();
    await until(
      async () => (await page.getByRole('cell', { name: hrEvents.employeeHired.type }).count()) > 0,
    );
    await expectAccessible(page, 'compliance');
    await screenshot(page, 'compliance');
  }, 60_000);

  it('opens the analyst workbench with the token and the example queries', async () => {
    const page = await open(['analyst']);
    const sent = (name: string) =>
      page.waitForResponse(
        (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(name),
      );
    // The schema loads through the gateway's limits (GraphiQL's introspection, made shallow enough).
    const introspected = sent('IntrospectionQuery');
    await page.getByRole('link', { name: 'Analyst workbench' }).click();
    await page.locator('.graphiql-container').waitFor();
    const schema = (await (await introspected).json()) as {
      data?: { __schema: { queryType: { name: string } } };
    };
    expect(schema.data?.__schema.queryType.name).toBe('Query');
    // Every example is a tab; the first (headcount) is open and runs with the pre-filled token.
    for (const name of ['HeadcountByDepartment', 'Employee360', 'ServiceDeskSla', 'ComplianceOverview'])
      await page.locator('.graphiql-tab', { hasText: name }).waitFor();
    // GraphiQL may still be setting up its editor when the tabs appear: a click then does nothing, so
    // click until the request goes out (bounded).
    let result: Awaited<ReturnType<typeof sent>> | undefined;
    for (let attempt = 0; attempt < 4 && !result; attempt++) {
      const executed = sent('HeadcountByDepartment').catch(() => undefined);
      await page.getByRole('button', { name: /Execute query/ }).click();
      result = await Promise.race([
        executed,
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 8_000)),
      ]);
    }
    if (!result) throw new Error('GraphiQL never sent the example query');
    expect(result.request().headers().authorization).toMatch(/^Bearer ey/);
    const body = (await result.json()) as { data?: { departments: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.departments.length).toBeGreaterThan(0);
    await screenshot(page, 'graphiql');
  }, 60_000);
});

afterAll(keepReadmeScreenshots('employee-page-en', 'employee-page-nl', 'service-desk-queue'));
