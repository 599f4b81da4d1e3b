import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../src/__tests__/static-server.ts';
const site = await serveStatic('dist');
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'h19-')), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
});
const page = await ctx.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const t0 = Date.now();
await page.goto(site.url + '?' + (process.argv[2] ?? 'preset=paper&ues=30&seed=7&speed=0&run=1'));
await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 60000 });
console.log('status', await page.textContent('[data-testid=status]'), (Date.now() - t0) / 1000, 's');
console.log('cert', await page.textContent('[data-testid=certificate]'));
console.log('error', await page.textContent('[data-testid=error]'));
await page.screenshot({ path: '/tmp/h19-desktop.png', fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: '/tmp/h19-phone.png', fullPage: true });
await ctx.close();
await site.close();
