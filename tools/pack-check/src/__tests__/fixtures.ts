import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway workspace, outside the repository, whose packages are already "built" by hand. */
type Files = Record<string, string>;

function manifest(name: string, extra: Record<string, unknown> = {}): string {
  const dir = name.split('/')[1]!;
  const entry = (base: string): Record<string, unknown> => ({
    '@jcaco/source': `./src/${base}.ts`,
    import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
  });
  return JSON.stringify(
    {
      name,
      version: '0.1.0',
      description: `Fixture ${name} for the pack check's own tests.`,
      keywords: ['fixture'],
      license: 'MIT',
      repository: { type: 'git', url: 'git+https://github.com/jcaco/jcaco.git', directory: `packages/${dir}` },
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20.19' },
      publishConfig: { access: 'public', provenance: true },
      main: './dist/index.cjs',
      module: './dist/index.js',
      types: './dist/index.d.ts',
      exports: { '.': entry('index'), './package.json': './package.json' },
      files: ['dist', 'src', 'README.md'],
      ...extra,
    },
    null,
    2,
  );
}

const README = "# fixture\n\nA package for the pack check's tests.\n";

/** A correct package with no dependencies. */
const dep: Files = {
  'package.json': manifest('@jcaco-fixture/dep'),
  'README.md': README,
  'src/index.ts': '/** Twice `x`. */\nexport function double(x: number): number {\n  return 2 * x;\n}\n',
  'dist/index.js': 'export function double(x) {\n  return 2 * x;\n}\n',
  'dist/index.cjs':
    '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nfunction double(x) {\n  return 2 * x;\n}\nexports.double = double;\n',
  'dist/index.d.ts': '/** Twice `x`. */\nexport declare function double(x: number): number;\n',
  'dist/index.d.cts': '/** Twice `x`. */\nexport declare function double(x: number): number;\n',
};

/** A correct package with a second entry point and a workspace dependency (installed as a tarball). */
const good: Files = {
  'package.json': manifest('@jcaco-fixture/good', {
    dependencies: { '@jcaco-fixture/dep': '^0.1.0' },
    exports: {
      '.': {
        '@jcaco/source': './src/index.ts',
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
      './extra': {
        '@jcaco/source': './src/extra.ts',
        import: { types: './dist/extra.d.ts', default: './dist/extra.js' },
        require: { types: './dist/extra.d.cts', default: './dist/extra.cjs' },
      },
      './package.json': './package.json',
    },
  }),
  'README.md': `${README}\n\`\`\`ts\nimport { strict as assert } from 'node:assert';\nimport { quadruple } from '@jcaco-fixture/good';\n\nassert.equal(quadruple(2), 8);\n\`\`\`\n`,
  'src/index.ts':
    "import { double } from '@jcaco-fixture/dep';\n/** Four times `x`. */\nexport const quadruple = (x: number): number => double(double(x));\n",
  'src/extra.ts': '/** One. */\nexport const EXTRA = 1;\n',
  'dist/index.js': "import { double } from '@jcaco-fixture/dep';\nexport const quadruple = (x) => double(double(x));\n",
  'dist/index.cjs':
    '"use strict";\nconst dep = require(\'@jcaco-fixture/dep\');\nexports.quadruple = (x) => dep.double(dep.double(x));\n',
  'dist/index.d.ts': '/** Four times `x`. */\nexport declare const quadruple: (x: number) => number;\n',
  'dist/index.d.cts': '/** Four times `x`. */\nexport declare const quadruple: (x: number) => number;\n',
  'dist/extra.js': 'export const EXTRA = 1;\n',
  'dist/extra.cjs': '"use strict";\nexports.EXTRA = 1;\n',
  'dist/extra.d.ts': '/** One. */\nexport declare const EXTRA = 1;\n',
  'dist/extra.d.cts': '/** One. */\nexport declare const EXTRA = 1;\n',
};

/**
 * Works in the workspace (the `@jcaco/source` condition points at `src/index.ts`) and nowhere
 * else: nothing was built, and `files` does not even list `dist`.
 */
const sourceOnly: Files = {
  'package.json': manifest('@jcaco-fixture/source-only', { files: ['src', 'README.md'] }),
  'README.md': README,
  'src/index.ts': '/** Three. */\nexport const THREE = 3;\n',
};

/** Built correctly, but imports a workspace package it does not declare. */
const undeclared: Files = {
  'package.json': manifest('@jcaco-fixture/undeclared'),
  'README.md': README,
  'src/index.ts': "import { double } from '@jcaco-fixture/dep';\n/** Six. */\nexport const SIX = double(3);\n",
  'dist/index.js': "import { double } from '@jcaco-fixture/dep';\nexport const SIX = double(3);\n",
  'dist/index.cjs': '"use strict";\nexports.SIX = require(\'@jcaco-fixture/dep\').double(3);\n',
  'dist/index.d.ts': '/** Six. */\nexport declare const SIX: number;\n',
  'dist/index.d.cts': '/** Six. */\nexport declare const SIX: number;\n',
};

/** Built and packaged correctly, but its README example no longer matches the code. */
const readmeDrift: Files = {
  ...dep,
  'package.json': manifest('@jcaco-fixture/readme-drift'),
  'README.md': `${README}\n\`\`\`ts\nimport { strict as assert } from 'node:assert';\nimport { double } from '@jcaco-fixture/readme-drift';\n\nassert.equal(double(2), 5);\n\`\`\`\n`,
};

/**
 * Built and installable, but careless metadata: a `"*"` range on a workspace dependency, no
 * `publishConfig` (a scoped package would publish restricted), and a README link into the
 * repository that is dead on the registry page.
 */
const careless: Files = {
  ...Object.fromEntries(Object.entries(good).filter(([k]) => !k.includes('extra'))),
  // `undefined` leaves the field out of the JSON.
  'package.json': manifest('@jcaco-fixture/careless', {
    publishConfig: undefined,
    dependencies: { '@jcaco-fixture/dep': '*' },
  }),
  'README.md': `${README}\nSee the [API reference](../../docs/api/) and [the spec](https://example.org/spec).\n`,
};

/** A package folder with a manifest and nothing else yet: must be reported as skipped. */
const empty: Files = { 'package.json': manifest('@jcaco-fixture/empty') };

/** The fixture packages by folder name. */
const FIXTURES = {
  dep,
  good,
  'source-only': sourceOnly,
  undeclared,
  'readme-drift': readmeDrift,
  careless,
  empty,
} as const;

function toolManifest(name: string, bin: string): string {
  const dir = name.split('/')[1]!;
  return JSON.stringify(
    {
      name,
      version: '0.2.0',
      description: `Fixture tool ${name} for the pack check's own tests.`,
      keywords: ['fixture'],
      license: 'MIT',
      repository: { type: 'git', url: 'git+https://github.com/jcaco/jcaco.git', directory: `tools/${dir}` },
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20.19' },
      publishConfig: { access: 'public', provenance: true },
      bin: { [bin]: `./bin/${bin}.mjs` },
      types: './dist/index.d.ts',
      exports: {
        '.': { '@jcaco/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
        './package.json': './package.json',
      },
      files: ['bin', 'dist', 'src', 'README.md'],
    },
    null,
    2,
  );
}

function tool(name: string, bin: string, binCode: string): Files {
  return {
    'package.json': toolManifest(name, bin),
    'README.md': README,
    [`bin/${bin}.mjs`]: `#!/usr/bin/env node\n${binCode}`,
    'src/index.ts': "/** The version. */\nexport const VERSION = '0.2.0';\n",
    'dist/index.js': "export const VERSION = '0.2.0';\n",
    'dist/index.d.ts': '/** The version. */\nexport declare const VERSION = "0.2.0";\n',
  };
}

/**
 * The public tools (ESM only, with a bin): `fixcli` runs its built code when installed; `srccli`'s
 * bin loads its TypeScript source, which works in the workspace and nowhere else.
 */
const TOOL_FIXTURES = {
  fixcli: tool(
    '@jcaco-fixture/fixcli',
    'fixcli',
    "const { VERSION } = await import('../dist/index.js');\nprocess.stdout.write(VERSION + '\\n');\n",
  ),
  srccli: tool(
    '@jcaco-fixture/srccli',
    'srccli',
    "const { VERSION } = await import('../src/index.ts');\nprocess.stdout.write(VERSION + '\\n');\n",
  ),
} as const;

/**
 * Writes the fixture workspace to a fresh temporary directory.
 * @returns the workspace root (libraries under `packages/`, tools under `tools/`).
 */
export function writeFixtureWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'jcaco-pack-fixture-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fixture-root', private: true }));
  const groups = [
    ['packages', FIXTURES],
    ['tools', TOOL_FIXTURES],
  ] as const;
  for (const [folder, fixtures] of groups) {
    for (const [dir, files] of Object.entries(fixtures)) {
      for (const [rel, text] of Object.entries(files)) {
        const file = join(root, folder, dir, rel);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text, { mode: rel.startsWith('bin/') ? 0o755 : 0o644 });
      }
    }
  }
  return root;
}
