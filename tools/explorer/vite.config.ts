import { defineConfig } from 'vite';

/**
 * The explorer's build: a static site in `dist/` with relative paths (`base: './'`), so any static
 * file server (or a sub-folder of one) can serve it. `@jcaco/*` resolve through the private
 * `@jcaco/source` condition: the packages' TypeScript sources, no package build needed.
 */
export default defineConfig({
  base: './',
  resolve: { conditions: ['@jcaco/source', 'module', 'browser', 'development|production'] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: true },
  server: { host: '127.0.0.1' },
});
