import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild(
    { index: 'src/index.ts', arbitraries: 'src/arbitraries.ts' },
    new URL('./package.json', import.meta.url),
  ),
);
