import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deleteTestStream,
  dropTestDatabases,
  type Platform,
  startPlatformOnFreePorts,
} from '@backoffice/testkit';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, ENGLISH, launchChromium, type SignInLanguage, signIn } from './browser.js';

export interface ConsolePlatform {
  platform: Platform;
  browser: Browser;
  /** The gateway's origin, where the console is served at /console. */
  origin: string;
  /** Pages the scenarios opened: their browser contexts are closed with the platform. */
  pages: Page[];
  /** A new browser context signed in with `roles` (and an employee record), in `language`. */
  open(roles: string[], employeeId?: string, language?: SignInLanguage): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * The whole platform serving a production build of the console, and Debian's Chromium: what every
 * console test file starts once for its scenarios. CONSOLE_TEST_DIST reuses a build made before
 * (quicker iterations); by default a fresh one, built while the platform starts (both take a while on
 * a busy machine). `stop` closes the pages and the browser, stops the platform and drops the run's
 * databases and stream.
 */
export async function startConsolePlatform(
  runId: string,
  env: Record<string, string>,
): Promise<ConsolePlatform> {
  const reuse = process.env.CONSOLE_TEST_DIST;
  const dist = reuse ?? (await mkdtemp(join(tmpdir(), 'console-dist-')));
  const [platform] = await Promise.all([
    startPlatformOnFreePorts({ ...env, CONSOLE_DIST: dist }, { readyTimeoutMs: 150_000 }),
    reuse ? Promise.resolve() : buildConsole(dist),
  ]);
  const browser = await launchChromium();
  const pages: Page[] = [];
  return {
    platform,
    browser,
    origin: platform.gatewayOrigin,
    pages,
    async open(roles, employeeId, language = ENGLISH) {
      const { page } = await signIn(browser, platform.gatewayOrigin, roles, employeeId, language);
      pages.push(page);
      return page;
    },
    async stop() {
      await Promise.all(
        pages.map((p) =>
          p
            .context()
            .close()
            .catch(() => {}),
        ),
      );
      await browser.close();
      await platform.stop();
      await dropTestDatabases(runId);
      await deleteTestStream(env.EVENTS_STREAM);
      if (!reuse) await rm(dist, { recursive: true, force: true });
    },
  };
}
