/**
 * `npm run check -w @jcaco-tools/pack-check [-- --only @jcaco/ode --no-build --keep --json FILE]`:
 * packs every package, installs it in a fresh project outside the workspace and imports it there.
 * Prints a table (packed size, cold ESM import time, checks) and exits 1 when a checked package fails.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, runPackCheck } from './pack-check.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    only: { type: 'string', multiple: true },
    'no-build': { type: 'boolean', default: false },
    'no-lint': { type: 'boolean', default: false },
    'import-runs': { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const root = resolve(values.root ?? new URL('../../../', import.meta.url).pathname);
let report: Awaited<ReturnType<typeof runPackCheck>>;
try {
  report = await runPackCheck({
    root,
    ...(values.only ? { only: values.only } : {}),
    build: !values['no-build'],
    lint: !values['no-lint'],
    importRuns: Number(values['import-runs']),
    keep: values.keep,
    log: (line) => process.stderr.write(`pack-check: ${line}\n`),
  });
} catch (e) {
  process.stderr.write(`pack-check: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
process.stdout.write(formatReport(report) + '\n');
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
process.exitCode = report.ok ? 0 : 1;
