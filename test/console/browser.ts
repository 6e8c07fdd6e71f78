import { eventually } from '@backoffice/testkit';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../apps/console/src/i18n/en.js';
import { LANGUAGE_KEY, type Language } from '../../apps/console/src/i18n/language.js';
import { nl } from '../../apps/console/src/i18n/nl.js';

/**
 * Browser helpers for the console tests: build the console with Vite (programmatically), drive
 * Debian's Chromium through playwright-core (never a browser download), and check screens with axe-core.
 */
const require = createRequire(import.meta.url);
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONSOLE_DIR = join(REPO_ROOT, 'apps/console');
export const ARTIFACTS = join(REPO_ROOT, 'test/console/artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `vite build` of apps/console into outDir (vite resolves from the console package, not the root). */
export async function buildConsole(outDir: string): Promise<void> {
  const vitePath = require.resolve('vite', { paths: [CONSOLE_DIR] });
  // Typed loosely: vite is a dependency of the console package only.
  const vite = (await import(pathToFileURL(vitePath).href)) as { build(config: object): Promise<unknown> };
  await vite.build({
    root: CONSOLE_DIR,
    configFile: join(CONSOLE_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

export async function launchChromium(): Promise<Browser> {
  // playwright gives every launch a fresh temporary profile (user-data-dir) and removes it on close.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Signed {
  context: BrowserContext;
  page: Page;
}

export const CATALOGUE = { en, nl };

export interface SignInLanguage {
  /** The user's own choice, stored before the first load as the header's switch would; none = the company's default. */
  choose?: Language;
  /** The language the pages are expected in, whose labels the sign-in looks for. */
  expect: Language;
}

/** Signs in through the console's dev login page with the given roles (and employee id), in English unless told. */
export async function signIn(
  browser: Browser,
  origin: string,
  roles: string[],
  employeeId?: string,
  language: SignInLanguage = { choose: 'en', expect: 'en' },
): Promise<Signed> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (language.choose)
    // Only when nothing is stored yet: a switch made later in the test must survive a reload.
    await context.addInitScript(
      ([key, value]) => {
        const { localStorage } = globalThis as unknown as {
          localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
        };
        if (!localStorage.getItem(key)) localStorage.setItem(key, value);
      },
      [LANGUAGE_KEY, language.choose] as const,
    );
  const text = CATALOGUE[language.expect];
  const page = await context.newPage();
  await page.goto(`${origin}/console/`);
  await page.getByRole('heading', { name: text['login.title'] }).waitFor();
  // The form appears once the gateway said how to sign in; all() would not wait for it.
  await page.locator('input[name="role"]').first().waitFor();
  for (const box of await page.locator('input[name="role"]').all()) {
    const role = await box.getAttribute('value');
    if ((await box.isChecked()) !== roles.includes(role ?? '')) await box.click();
  }
  if (employeeId) await page.getByLabel(text['login.employeeId']).fill(employeeId);
  await page.getByRole('button', { name: text['login.submit'], exact: true }).click();
  await page.getByRole('heading', { name: text['people.title'], level: 1 }).waitFor();
  const who = (await page.getByTestId('who').textContent()) ?? '';
  if (!roles.every((role) => who.includes(role)))
    throw new Error(`signed in as "${who}", wanted ${roles.join(', ')}`);
  return { context, page };
}

let axeSource: string | undefined;

/** Runs axe-core in the page and returns the serious and critical violations, readably. */
/** Signing in in English or in Dutch: what the login's language switch is set to, and what the console then shows. */
export const ENGLISH: SignInLanguage = { choose: 'en', expect: 'en' };
export const DUTCH: SignInLanguage = { choose: 'nl', expect: 'nl' };
/** The no-break space Dutch amounts are formatted with (`€ 1.234,56`). */
export const NBSP = '\u00a0';

/** axe finds nothing serious or critical on `page` (named `screen` in the failure). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
}

export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate runs through the DevTools protocol, so the console's CSP (script-src 'self') allows it.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const page = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<any> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  })) as { id: string; impact: string; help: string; targets: string[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await writeFile(path, await page.screenshot({ fullPage: true }));
  return path;
}

/** Polls `check` until it gives a value (a page's state reached through the platform); fails on the deadline. */
export async function until<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const value = await eventually(check, Boolean, timeoutMs);
  if (!value) throw new Error(`timed out after ${timeoutMs} ms waiting`);
  return value;
}

/**
 * The README shows some of the screenshots, in both languages: each test file names its own. They
 * are copied into docs/screenshots only when asked (UPDATE_SCREENSHOTS=1), so a test run leaves the
 * working tree as it found it.
 */
export function keepReadmeScreenshots(...names: string[]): () => Promise<void> {
  return async () => {
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    const docs = join(REPO_ROOT, 'docs/screenshots');
    await mkdir(docs, { recursive: true });
    for (const name of names) await copyFile(join(ARTIFACTS, `${name}.png`), join(docs, `${name}.png`));
  };
}
