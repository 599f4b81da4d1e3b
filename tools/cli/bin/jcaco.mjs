#!/usr/bin/env node
// The jcaco command, in this process (no child: a signal reaches the process doing the work).
// In the repository (src/ present) it runs from the TypeScript sources: a resolve hook adds the
// private `@jcaco/source` export condition, so workspace packages resolve to their sources, and
// tsx compiles them on the fly; worker threads get the condition from pool.ts and load tsx
// themselves (worker-boot.mjs). Installed from a tarball (no src/), it runs the build in dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const source = new URL('../src/main.ts', import.meta.url);
let entry = new URL('../dist/main.js', import.meta.url).href;
if (existsSync(source)) {
  register('./source-condition.mjs', import.meta.url);
  const tsx = await import('tsx/esm/api');
  tsx.register();
  entry = source.href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
