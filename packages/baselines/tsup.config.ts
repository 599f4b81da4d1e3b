import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild({ index: 'src/index.ts' }, fileURLToPath(new URL('./package.json', import.meta.url))),
);
