import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTypedoc } from '../typedoc-run.js';
import { findPackages, skipReason } from '../workspace.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(dirname(join(root, rel)), { recursive: true });
    fs.writeFileSync(join(root, rel), text);
  }
}

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    types: [],
    skipLibCheck: true,
  },
  include: ['src/**/*.ts'],
});

describe('typedoc.json (the controls, on a throwaway workspace with the same config)', () => {
  let root: string;

  beforeAll(() => {
    root = fs.mkdtempSync(join(tmpdir(), 'jcaco-typedoc-fixture-'));
    fs.copyFileSync(join(ROOT, 'typedoc.json'), join(root, 'typedoc.json'));
    const pkg = (name: string): string =>
      JSON.stringify({ name: `@jcaco-fixture/${name}`, version: '0.1.0', type: 'module' });
    writeFiles(root, {
      'packages/documented/package.json': pkg('documented'),
      'packages/documented/tsconfig.json': TSCONFIG,
      'packages/documented/src/index.ts':
        '/**\n * @packageDocumentation\n * A documented fixture.\n */\n\n/**\n * Twice `x`.\n * @param x - a number.\n * @returns `2x`.\n */\nexport function double(x: number): number {\n  return 2 * x;\n}\n',
      'packages/undocumented/package.json': pkg('undocumented'),
      'packages/undocumented/tsconfig.json': TSCONFIG,
      'packages/undocumented/src/index.ts':
        '/**\n * @packageDocumentation\n * A fixture with one export lacking TSDoc.\n */\n\n/** Documented. */\nexport const ONE = 1;\n\nexport function forgottenDocs(): number {\n  return 2;\n}\n',
    });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('passes a package whose every export has TSDoc', async () => {
    const r = await runTypedoc(root, ['packages/documented'], ROOT);
    expect(r.exitCode, plain(r.stdout + r.stderr)).toBe(0);
  }, 120_000);

  it('fails on an export without a TSDoc comment, naming it', async () => {
    const r = await runTypedoc(root, ['packages/undocumented'], ROOT);
    expect(r.exitCode).not.toBe(0);
    expect(plain(r.stdout + r.stderr)).toMatch(/forgottenDocs .*does not have any documentation/);
  }, 120_000);
});

/** What the entry glob of typedoc.json, `src/**\/@(index|arbitraries).ts` minus `__tests__`, matches in a package. */
function entryGlobMatches(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== '__tests__' && e.name !== 'node_modules') walk(join(d, e.name));
      } else if (e.name === 'index.ts' || e.name === 'arbitraries.ts') {
        out.push(`./${relative(dir, join(d, e.name)).split('\\').join('/')}`);
      }
    }
  };
  walk(join(dir, 'src'));
  return out.sort();
}

describe('typedoc.json entry points', () => {
  const config = JSON.parse(fs.readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as {
    packageOptions: { entryPoints: string[] };
  };

  it('documents exactly the public entry points of every package (the @jcaco/source targets of its exports)', () => {
    // The emulation below is of this glob; change both together.
    expect(config.packageOptions.entryPoints).toEqual(['src/**/@(index|arbitraries).ts']);
    // The API reference covers the libraries (typedoc.json's entryPointStrategy packages: packages/*).
    for (const p of findPackages(ROOT).filter((q) => q.kind === 'library' && !skipReason(q))) {
      const sources = p.entries
        .map((e) => e.source)
        .filter((s): s is string => s !== undefined)
        .sort();
      // A package's own typedoc.json, when it lists entry points, overrides the root glob for that package.
      const own = join(p.dir, 'typedoc.json');
      const listed = fs.existsSync(own)
        ? (JSON.parse(fs.readFileSync(own, 'utf8')) as { entryPoints?: string[] }).entryPoints
        : undefined;
      const documented = listed ? listed.map((e) => `./${e.replace(/^\.\//, '')}`).sort() : entryGlobMatches(p.dir);
      expect({ package: p.name, documented }).toEqual({ package: p.name, documented: sources });
    }
  });
});

describe('TypeDoc on the workspace (what `npm run docs` validates)', () => {
  const present = findPackages(ROOT)
    .filter((p) => p.kind === 'library' && !skipReason(p))
    .map((p) => p.relDir);

  it('every export of every package whose code exists has TSDoc, and every {@link} resolves', async () => {
    expect(present.length).toBeGreaterThan(0);
    const t0 = performance.now();
    const r = await runTypedoc(ROOT, present, ROOT);
    console.log(`typedoc over ${present.join(', ')}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(r.exitCode, plain(r.stdout + r.stderr)).toBe(0);
  }, 300_000);
});

describe('CITATION.cff', () => {
  const text = fs.readFileSync(join(ROOT, 'CITATION.cff'), 'utf8');
  const rootVersion = (JSON.parse(fs.readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('names the paper (arXiv 2605.22277) as the preferred citation and this software at the workspace version', () => {
    expect(text).toMatch(/^cff-version: 1\.2\.0$/m);
    expect(text).toMatch(/^preferred-citation:\n(?:\s+.*\n)*?\s+value: 10\.48550\/arXiv\.2605\.22277$/m);
    expect(text).toMatch(/^type: software$/m);
    expect(text.match(/^version: (.+)$/m)?.[1]).toBe(rootVersion);
  });
});
