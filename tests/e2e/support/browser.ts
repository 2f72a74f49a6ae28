import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.INSON_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** The browser's own locale (what a PC's regional settings would say); Chromium's default when absent. */
  readonly locale?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/**
 * Debian's Chromium, headless, with a fresh profile folder (nothing carries over between files).
 *
 * @example const browser = await launchBrowser(); const page = await browser.newPage();
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'inson-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
