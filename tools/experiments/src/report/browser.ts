/**
 * Opens the report in the system's Chromium (Debian's `chromium` package at /usr/bin/chromium,
 * driven by playwright-core; no browser is ever downloaded) to check and photograph it as a
 * person would see it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian installs Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

// Playwright itself passes --headless, --no-sandbox (chromiumSandbox: false), --no-first-run,
// --disable-background-networking, --disable-component-update and --disable-sync; these two it does not.
const ARGS = ['--disable-gpu', '--disable-quic'];
/**
 * Runs `use` with a fresh headless Chromium context (its own temporary user-data-dir, removed after).
 * @param use - what to do with the context.
 * @param executablePath - the browser (default {@link CHROMIUM}).
 * @returns what `use` returns.
 * @throws Error when the browser is missing or fails to start.
 * @example
 * await withChromium(async (ctx) => (await ctx.newPage()).evaluate(() => 1 + 1)); // → 2
 */
export async function withChromium<T>(use: (ctx: BrowserContext) => Promise<T>, executablePath = CHROMIUM): Promise<T> {
  if (!existsSync(executablePath))
    throw new Error(`withChromium: no browser at ${executablePath} (install Debian's chromium package)`);
  const profile = mkdtempSync(join(tmpdir(), 'jcaco-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 900 },
  });
  try {
    return await use(ctx);
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Runs in the page (a string: this package is type-checked without the DOM library). */
const MEASURE = `(() => {
  const figs = [...document.querySelectorAll('figure .fig > svg, figure img')].map((el, k) => {
    const r = el.getBoundingClientRect();
    return { id: (el.closest('figure') && el.closest('figure').id) || 'figure ' + (k + 1), width: r.width, height: r.height };
  });
  const broken = [...document.querySelectorAll('img')]
    .filter((i) => !(i.complete && i.naturalWidth > 0))
    .map((i) => i.getAttribute('src') || '');
  return { figs, broken };
})()`;

/** What a page showed: its figures' sizes, images that did not load, console errors. */
export interface PageCheck {
  /** Width and height of every inline figure SVG and every image, in CSS pixels. */
  figures: Array<{ id: string; width: number; height: number }>;
  /** Images whose file did not load (naturalWidth 0). */
  brokenImages: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

/**
 * Opens a local HTML file and measures what it shows.
 * @param ctx - a context from {@link withChromium}.
 * @param file - the HTML file.
 * @param screenshot - when set, a full-page PNG is written there.
 * @returns the figures' sizes, broken images and console errors.
 * @example
 * await withChromium((ctx) => checkPage(ctx, 'reproduction/report/index.html')); // → { figures: [...], brokenImages: [], errors: [] }
 */
export async function checkPage(ctx: BrowserContext, file: string, screenshot?: string): Promise<PageCheck> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`failed to load ${r.url()}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const measured = (await page.evaluate(MEASURE)) as {
    figs: PageCheck['figures'];
    broken: string[];
  };
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return { figures: measured.figs, brokenImages: measured.broken, errors };
}
