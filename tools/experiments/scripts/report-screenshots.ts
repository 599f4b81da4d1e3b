// Full-page screenshots of a reproduction's report and gallery in headless Chromium, for a person
// to review (not compared pixel by pixel anywhere). Also prints each page's figure count and any
// console error or image that did not load.
// Usage: node tools/cli/bin/run-ts.mjs tools/experiments/scripts/report-screenshots.ts REPRODUCTION_DIR [OUT_DIR]
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPage, withChromium } from '../src/report/browser.js';

const src = process.argv[2];
if (!src || !existsSync(join(src, 'report', 'index.html'))) {
  process.stderr.write(
    'report-screenshots: usage: report-screenshots.ts REPRODUCTION_DIR [OUT_DIR] (a folder with report/index.html)\n',
  );
  process.exit(2);
}
const out = resolve(process.argv[3] ?? join(src, 'report', 'screenshots'));
mkdirSync(out, { recursive: true });
let bad = 0;
await withChromium(async (ctx) => {
  for (const page of ['index', 'gallery']) {
    const file = resolve(src, 'report', `${page}.html`);
    const shot = join(out, `${page}.png`);
    const r = await checkPage(ctx, file, shot);
    const empty = r.figures.filter((f) => !(f.width > 0 && f.height > 0));
    bad += empty.length + r.brokenImages.length + r.errors.length;
    process.stdout.write(
      `${shot}: ${r.figures.length} figures, ${empty.length} empty, ${r.brokenImages.length} broken images, ${r.errors.length} console errors\n`,
    );
    for (const e of [...r.errors, ...r.brokenImages]) process.stdout.write(`  ${e}\n`);
  }
});
process.exit(bad ? 1 : 0);
