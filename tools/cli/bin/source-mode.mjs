// Inside the repository only (this file is not published): loads the CLI from its TypeScript
// sources. tsx compiles on the fly and the private `@jcaco/source` export condition makes the
// workspace packages resolve to their src/. An installed copy has no src/ and never loads this file.
import { register } from 'node:module';

/**
 * Main thread: registers the source condition (a resolve hook) and tsx, then imports the module.
 * @param {string} href - the module's URL (src/main.ts).
 */
export async function importSourceInProcess(href) {
  register('./source-condition.mjs', import.meta.url);
  const tsx = await import('tsx/esm/api');
  tsx.register();
  return import(href);
}

/**
 * Worker thread (the condition comes from its execArgv): imports the module through tsx.
 * @param {string} href - the module's URL (src/main.ts).
 * @param {string} parent - the importing module's URL.
 */
export async function importSourceInThread(href, parent) {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(href, parent);
}
