import { describe, expect, it } from 'vitest';
import { dependencyProblems, importedPackages } from '../hygiene.js';

describe('importedPackages', () => {
  it('finds static, dynamic, require and require.resolve imports of packages, by package name', () => {
    const code = [
      "import { z } from 'zod';",
      "const v = await import('vega-lite/build/index.js');",
      "const p = require('@jcaco/model/package.json');",
      "const dir = require.resolve('dejavu-fonts-ttf/package.json');",
    ].join('\n');
    expect(importedPackages(code).sort()).toEqual(['@jcaco/model', 'dejavu-fonts-ttf', 'vega-lite', 'zod']);
  });

  it('negative control: relative files and Node built-ins are not packages', () => {
    const code = "import a from './a.js';\nimport { join } from 'node:path';\nconst b = await import('../b.mjs');";
    expect(importedPackages(code)).toEqual([]);
  });

  it("negative control: a string union naming 'from' in a declaration is not an import", () => {
    const code = "type D = Omit<X, 'ue' | 'from' | 'to'> & { from: string };\nexport { a } from 'zod';";
    expect(importedPackages(code)).toEqual(['zod']);
  });
});

describe('dependencyProblems', () => {
  it('counts a dependency located with require.resolve as used', () => {
    const manifest = { name: 'x', version: '1.0.0', dependencies: { 'dejavu-fonts-ttf': '^2.37.3' } };
    const files = [{ path: 'dist/a.js', code: "const d = require.resolve('dejavu-fonts-ttf/package.json');" }];
    expect(dependencyProblems(manifest, files)).toEqual([]);
  });

  it('counts a dependency whose file a bundled build locates (require renamed require2) as used', () => {
    const manifest = { name: 'x', version: '1.0.0', dependencies: { 'dejavu-fonts-ttf': '^2.37.3' } };
    const files = [{ path: 'dist/a.js', code: 'const d = require2.resolve("dejavu-fonts-ttf/package.json");' }];
    expect(dependencyProblems(manifest, files)).toEqual([]);
  });

  it('negative control: a declared dependency no published file names is reported', () => {
    const manifest = { name: 'x', version: '1.0.0', dependencies: { 'pdf-lib': '^1.17.1' } };
    expect(dependencyProblems(manifest, [{ path: 'dist/a.js', code: 'export const a = 1;' }])).toEqual([
      'dependency "pdf-lib" is declared but no published file imports it',
    ]);
  });
});
