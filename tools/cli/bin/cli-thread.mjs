// One jcaco command in a worker thread (started by jcaco.mjs for the commands whose work is one
// synchronous computation), so that the main thread stays free to answer SIGINT/SIGTERM.
// Loads the TypeScript sources through tsx in the repository (the `@jcaco/source` condition
// comes from the worker's execArgv), the build in dist/ when installed from a tarball.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const source = new URL('../src/main.ts', import.meta.url);
let cli;
if (existsSync(source)) {
  const { importSourceInThread } = await import('./source-mode.mjs');
  cli = await importSourceInThread(source.href, import.meta.url);
} else {
  cli = await import(new URL('../dist/main.js', import.meta.url).href);
}
const code = await cli.runCli(workerData.argv);
parentPort.postMessage({ code });
