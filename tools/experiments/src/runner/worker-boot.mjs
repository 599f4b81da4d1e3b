// Entry point of the worker threads. Node 20 does not apply the main thread's tsx loader to
// worker threads, so each worker loads the TypeScript sources through tsx's scoped loader.
// The `@jcaco/source` export condition comes from the worker's execArgv (see pool.ts).
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./worker.ts', import.meta.url);
export default mod.default;
