import { defineConfig } from 'tsup';
import { toolBuild } from '../../tsup.shared';

// `bin/jcaco.mjs` imports `dist/main.js` (its `runCli`) when installed; `index` is the programmatic API.
export default defineConfig(
  toolBuild({ main: 'src/main.ts', index: 'src/index.ts' }, new URL('./package.json', import.meta.url), ['index']),
);
