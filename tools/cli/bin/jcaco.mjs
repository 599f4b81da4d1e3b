#!/usr/bin/env node
// The jcaco command. Inside the repository (../src/main.ts exists) it runs the TypeScript sources:
// the workspace packages resolve through the private `@jcaco/source` export condition and tsx
// compiles on the fly, so no build is needed; the flags go on the command line (not a runtime
// hook) so worker threads inherit them. Installed from the registry (no src/ in the tarball) it
// runs the built JavaScript in this process: `dist/main.js` exports `runCli(argv)`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
if (!existsSync(main)) {
  const { runCli } = await import('../dist/main.js');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  const flags = ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning'];
  const r = spawnSync(process.execPath, [...flags, main, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.error) {
    process.stderr.write(`jcaco: could not start node: ${r.error.message}\n`);
    process.exit(1);
  }
  process.exit(r.status ?? 1);
}
