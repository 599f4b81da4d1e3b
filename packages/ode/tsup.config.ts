import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild(
    { index: 'src/index.ts', problems: 'src/problems/index.ts' },
    new URL('./package.json', import.meta.url),
  ),
);
