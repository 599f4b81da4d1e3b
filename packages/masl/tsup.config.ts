import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// shims: the CJS build gets import.meta.url, from which the parallel runner finds its worker file (the bundle itself).
export default defineConfig({
  ...packageBuild({ index: 'src/index.ts' }, new URL('./package.json', import.meta.url)),
  shims: true,
});
