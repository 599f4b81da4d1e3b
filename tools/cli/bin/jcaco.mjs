#!/usr/bin/env node
// Runs the jcaco CLI from its TypeScript sources: the workspace packages resolve through the
// private `@jcaco/source` export condition and tsx compiles on the fly, so no build is needed.
// The flags go on the command line (not a runtime hook) so worker threads inherit them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const flags = ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning'];
const r = spawnSync(process.execPath, [...flags, main, ...process.argv.slice(2)], { stdio: 'inherit' });
if (r.error) {
  process.stderr.write(`jcaco: could not start node: ${r.error.message}\n`);
  process.exit(1);
}
process.exit(r.status ?? 1);
