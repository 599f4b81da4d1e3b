import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '@jcaco/model';
import { MAX_SCENARIO_BYTES } from '../protocol.js';
import { jcaco } from './cli.js';
import { serveStatic, type StaticServer } from './static-server.js';

/**
 * The explorer in a real browser: Debian's Chromium (never a downloaded one) driven by
 * playwright-core against the built site served on 127.0.0.1 by a plain static server.
 */
const CHROMIUM = process.env.JCACO_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'jcaco-explorer-browser-'));
let site: StaticServer;
let context: BrowserContext;
let cliDoc: Record<string, unknown>;
let badMessage: string;
const bad = { schema: 'jcaco/scenario@1', name: 'broken', aps: [{ id: 'ap1', position: [0, 0], bandwidthHz: -5 }] };

/** Records every long main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) as [start, duration]. */
const LONGTASK_PROBE = `
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

beforeAll(async () => {
  const scenarioFile = join(tmp, 's.json');
  const badFile = join(tmp, 'bad.json');
  const [, gen] = await Promise.all([
    build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' }),
    jcaco(['generate', '--preset', 'paper', '--ues', '30', '--seed', '7', '--out', scenarioFile]),
  ]);
  expect(gen.status).toBe(0);
  writeFileSync(badFile, JSON.stringify(bad));
  const [run, badRun] = await Promise.all([
    jcaco(['run', '--scenario', scenarioFile, '--algo', 'masl', '--json', '--quiet']),
    jcaco(['run', '--scenario', badFile, '--algo', 'masl']),
  ]);
  cliDoc = JSON.parse(run.stdout) as Record<string, unknown>;
  badMessage = badRun.stderr.trim().replace(`jcaco: scenario ${badFile}: `, 'scenario bad.json: ');
  site = await serveStatic(join(ROOT, 'dist'));
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    // Playwright adds --headless, --no-sandbox, --no-first-run and the background-networking/sync/update switches itself.
    args: ['--disable-gpu', '--disable-quic'],
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(LONGTASK_PROBE);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await site?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(query: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${site.url}${query}`);
  return page;
}

const status = (page: Page, value: string, timeout = 60_000) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=status]')?.textContent === v, value, { timeout });

describe('the explorer in Chromium', () => {
  it('a URL-started run ends with the certificate and profile of jcaco run', async () => {
    const page = await open('?preset=paper&ues=30&seed=7&algo=masl&speed=0&run=1');
    await status(page, 'done');
    const cert = page.getByTestId('certificate');
    expect(Number(await cert.getAttribute('data-max-deviation-gain'))).toBe(cliDoc.maxDeviationGain);
    expect(await cert.getAttribute('data-pure-nash')).toBe(String((cliDoc.maxDeviationGain as number) <= 0));
    expect(await cert.textContent()).toContain(`${(cliDoc.maxDeviationGain as number).toExponential(3)} s`);
    const runJson = await page.evaluate(async () => {
      const a = document.getElementById('export-run') as HTMLAnchorElement;
      return (await fetch(a.href)).text();
    });
    const doc = JSON.parse(runJson) as Record<string, unknown>;
    expect(doc.profile).toEqual(cliDoc.profile);
    expect(doc.iterations).toBe(cliDoc.iterations);
    expect(await page.locator('#compare-table tbody tr').count()).toBeGreaterThan(5);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('pauses, steps and resumes the playback; no main-thread task reaches 200 ms', async () => {
    const page = await open('?preset=paper&ues=30&seed=7&algo=masl&speed=5&compare=0');
    await status(page, 'idle');
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Run' }).click();
    await status(page, 'playing');
    await page.getByRole('button', { name: 'Pause' }).click();
    await status(page, 'paused');
    const position = page.locator('#position');
    const held = await position.textContent();
    await page.waitForTimeout(600);
    expect(await position.textContent()).toBe(held);
    await page.getByRole('button', { name: 'Step' }).click();
    const stepped = await position.textContent();
    const iteration = (t: string | null): number => Number(/iteration (\d+)/.exec(t ?? '')?.[1]);
    expect(iteration(stepped)).toBeGreaterThan(iteration(held));
    await page.getByRole('button', { name: 'Resume' }).click();
    await status(page, 'playing');
    await page.selectOption('#speed', '120');
    await status(page, 'done');
    // The longest task from the click on Run to the end (the page's own start-up is not part of a run).
    const tasks = await page.evaluate(
      () => (window as unknown as { __longtasks: Array<[number, number]> }).__longtasks,
    );
    const longest = Math.max(0, ...tasks.filter(([start]) => start >= started).map(([, duration]) => duration));
    expect(longest).toBeLessThan(200);
    await page.close();
  }, 90_000);

  it('shows the CLI\u2019s field-path message for a malformed file and keeps the loaded scenario; a dropped file loads', async () => {
    const page = await open('?preset=tiny&seed=2');
    await status(page, 'idle');
    const summary = await page.getByTestId('scenario-summary').textContent();
    await page.getByTestId('scenario-file').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await page.getByTestId('error').waitFor({ state: 'visible' });
    expect(await page.getByTestId('error').textContent()).toBe(badMessage);
    expect(await page.getByTestId('scenario-summary').textContent()).toBe(summary);
    await page.getByTestId('scenario-file').setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(MAX_SCENARIO_BYTES + 1, 32),
    });
    await page.waitForFunction(() =>
      /larger than/.test(document.querySelector('[data-testid=error]')?.textContent ?? ''),
    );
    expect(await page.getByTestId('scenario-summary').textContent()).toBe(summary);
    // Drag and drop: a good file dropped on the page replaces the scenario.
    const dropped = JSON.stringify(generateScenario({ preset: 'tiny', seed: 9, name: 'dropped-scenario' }));
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dropped);
    await page.waitForFunction(() =>
      /^dropped-scenario: .*from the file dropped\.json/.test(
        document.querySelector('[data-testid=scenario-summary]')?.textContent ?? '',
      ),
    );
    expect(await page.getByTestId('error').isHidden()).toBe(true);
    await page.close();
  }, 60_000);

  it('renders names with markup and script from a loaded file as text', async () => {
    const evil = (s: string): string =>
      `<img src=x onerror="window.__pwned='${s}'"><script>window.__pwned='${s}'</script>`;
    const s = generateScenario({ preset: 'tiny', seed: 4 });
    s.name = evil('name');
    s.aps.forEach((ap, m) => (ap.id = `${evil('ap')}${m}`));
    s.servers.forEach((srv, k) => {
      srv.id = `${evil('server')}${k}`;
      srv.models.forEach((g, j) => (g.id = `${evil('model')}${j}`));
    });
    s.ues.forEach((u, i) => (u.id = `${evil('ue')}${i}`));
    const page = await open('?preset=tiny&seed=2&speed=0&compare=0');
    await status(page, 'idle');
    const before = await page.evaluate(() => document.querySelectorAll('img, script').length);
    await page.getByTestId('scenario-file').setInputFiles({
      name: 'evil.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(s)),
    });
    await page.waitForFunction(() => /from the file evil\.json/.test(document.body.textContent ?? ''));
    await page.getByRole('button', { name: 'Run' }).click();
    await status(page, 'done');
    await page.locator('circle.ue').first().focus();
    const card = page.locator('#hover');
    await card.waitFor({ state: 'visible' });
    expect(await card.textContent()).toContain(`UE ${s.ues[0]!.id}`);
    expect(await page.getByTestId('scenario-summary').textContent()).toContain(s.name);
    expect(await page.evaluate(() => document.querySelectorAll('img, script').length)).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('falls back to defaults with a visible notice for bad query values, never a blank page', async () => {
    const page = await open('?ues=abc&algo=magic&seed=7');
    await status(page, 'idle');
    const notices = await page.getByTestId('notices').locator('li').allTextContents();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^ues="abc" ignored/);
    expect(notices[1]).toMatch(/^algo="magic" ignored/);
    expect(await page.getByTestId('scenario-summary').textContent()).toMatch(/^paper-n30-.*seed7: 30 UEs/);
    await page.close();
  }, 60_000);
});
