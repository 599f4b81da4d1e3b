import { defineConfig } from 'tsup';
import { toolBuild } from '../../tsup.shared';

// `worker` is the file the worker threads load when installed (runner/pool.ts).
export default defineConfig(
  toolBuild(
    { index: 'src/index.ts', fs: 'src/data/fs.ts', worker: 'src/runner/worker.ts' },
    new URL('./package.json', import.meta.url),
    ['index', 'fs'],
  ),
);
