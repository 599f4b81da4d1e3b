import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractBlocks, type DocBlock } from './doc-blocks.js';
import { pack, unpack } from '@publint/pack';
import { x, type Output } from 'tinyexec';
import { tail } from './exec.js';
import { fetchNode, jcacoNodeSmoke, NODE_VERSIONS } from './node-versions.js';
import { jcacoSmoke, type SmokeCommand } from './smoke.js';
import {
  dependencyProblems,
  internalRangeProblems,
  manifestProblems,
  readmeLinkProblems,
  type BuiltFile,
} from './hygiene.js';
import {
  findPackages,
  jsonExports,
  optionalPeers,
  skipReason,
  workspaceClosure,
  type EntryPoint,
  type WorkspacePackage,
} from './workspace.js';

/** The outcome of one check on one package. */
export interface CheckOutcome {
  /** e.g. `build`, `pack`, `manifest`, `publint`, `attw`, `install`, `esm`, `cjs`, `types:node16`, `types:bundler`, `readme`. */
  name: string;
  ok: boolean;
  /** Wall time of the check, milliseconds. */
  ms: number;
  /** A one-line summary when it passed; what went wrong when it failed. */
  detail: string;
}

/** Everything the check found out about one package. */
export interface PackageReport {
  name: string;
  relDir: string;
  status: 'checked' | 'skipped';
  /** Why the package was skipped (its code is not there yet). */
  skipReason?: string;
  /** True when every check passed (false for a skipped package). */
  ok: boolean;
  checks: CheckOutcome[];
  /** Size of the `.tgz`, bytes. */
  packedBytes?: number;
  /** Size of the files in the tarball, bytes. */
  unpackedBytes?: number;
  fileCount?: number;
  /** Median over fresh Node.js processes of the time to `await import()` the main entry, ms. */
  esmImportMs?: number;
}

/** The result of a whole run. */
export interface PackCheckReport {
  root: string;
  packages: PackageReport[];
  /** True when every checked package passed. Skipped packages do not make it false. */
  ok: boolean;
  ms: number;
}

/** Options for {@link runPackCheck}. */
export interface PackCheckOptions {
  /** The workspace root: packages are `<root>/packages/*`. */
  root: string;
  /** Check only these packages (by name); their workspace dependencies are still packed. */
  only?: readonly string[];
  /** Build each package with tsup first (default true); false checks the `dist` already there. */
  build?: boolean;
  /** Run publint and attw on each tarball (default true), or only on the packages named. */
  lint?: boolean | readonly string[];
  /** Fresh processes to time the cold ESM import over (default 3; 0 skips timing). */
  importRuns?: number;
  /** Keep the temporary directory (its path is logged). */
  keep?: boolean;
  /** Where tool binaries (tsup, tsc, attw) are found; default: this repository's root. */
  toolsRoot?: string;
  /** Progress lines; default none. */
  log?: (line: string) => void;
  /**
   * What each bin of a public tool must do when installed, by bin name (default: `jcaco`'s
   * {@link jcacoSmoke}); a tool's bin without an entry here fails.
   */
  smoke?: Readonly<Record<string, (version: string) => SmokeCommand[]>>;
  /**
   * Node.js versions to run a bin's `nodeSmoke` commands under, from the same install (default
   * {@link NODE_VERSIONS}; empty skips). Binaries come through npm into `nodeCache`.
   */
  nodeVersions?: readonly string[];
  /** Where the fetched Node.js binaries are kept (default `<root>/node_modules/.cache/jcaco-pack-check-node`). */
  nodeCache?: string;
  /** What runs under each of `nodeVersions`, by bin name, from its smoke list (default: `jcaco` → `jcacoNodeSmoke`). */
  nodeSmoke?: Readonly<Record<string, (smoke: readonly SmokeCommand[]) => SmokeCommand[]>>;
}

const TOOLS_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Node.js flags for the CommonJS check: forbid `require(esm)`, so `require` must find real CommonJS. */
function cjsNodeFlags(): string[] {
  return process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
    ? ['--no-experimental-require-module']
    : [];
}

interface Packed {
  pkg: WorkspacePackage;
  tarball: string;
  /** The tarball's files, by path inside the package. */
  files: ReadonlyMap<string, Uint8Array>;
}

function timed(name: string, t0: number, ok: boolean, detail: string): CheckOutcome {
  return { name, ok, ms: Math.round(performance.now() - t0), detail };
}

function bin(toolsRoot: string, rel: string): string {
  return join(toolsRoot, 'node_modules', rel);
}

function isInstallableJs(path: string): boolean {
  return /\.(c|m)?js$/.test(path) || /\.d\.(c|m)?ts$/.test(path);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding a lock directory, so two checks of the same checkout never rebuild the same
 * `dist` at once (tsup cleans it first). A lock left by a dead process is taken over.
 */
async function withBuildLock<T>(root: string, fn: () => Promise<T>, log: (line: string) => void): Promise<T> {
  const lock = join(tmpdir(), `jcaco-pack-check-${createHash('sha1').update(root).digest('hex').slice(0, 10)}.lock`);
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // the holder has not written its pid yet
      }
      if (pid > 0 && !isAlive(pid)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`pack-check: ${lock} is held by process ${pid} for too long`);
      if (!told) log(`waiting for another pack check of this checkout (lock ${lock}, pid ${pid})`);
      told = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Sub-step of the build/pack phase: tsup in the package directory. */
async function buildPackage(pkg: WorkspacePackage, toolsRoot: string): Promise<CheckOutcome> {
  const t0 = performance.now();
  const r = await x(process.execPath, [bin(toolsRoot, 'tsup/dist/cli-default.js')], {
    nodeOptions: { cwd: pkg.dir, env: { ...process.env, NO_COLOR: '1' } },
    timeout: 240_000,
    throwOnError: false,
  });
  const what = pkg.kind === 'library' ? 'ESM + CJS + .d.ts' : 'ESM + .d.ts';
  return timed('build', t0, r.exitCode === 0, r.exitCode === 0 ? `tsup: ${what}` : tail(r));
}

/** What packing produced: the tarball and the files in it (path inside the package → contents). */
interface PackInfo {
  tarball: string;
  files: Map<string, Uint8Array>;
  packedBytes: number;
  unpackedBytes: number;
}

/** Packs with npm (through `@publint/pack`, lifecycle scripts off) and reads the tarball back. */
async function packPackage(pkg: WorkspacePackage, dest: string): Promise<{ outcome: CheckOutcome; info?: PackInfo }> {
  const t0 = performance.now();
  let tarball: string;
  try {
    tarball = await pack(pkg.dir, { destination: dest, ignoreScripts: true });
  } catch (e) {
    return { outcome: timed('pack', t0, false, e instanceof Error ? e.message : String(e)) };
  }
  const { files: entries, rootDir } = await unpack(readFileSync(tarball));
  const files = new Map(entries.map((f) => [f.name.slice(rootDir.length + 1), f.data]));
  const packedBytes = statSync(tarball).size;
  const unpackedBytes = entries.reduce((a, f) => a + f.data.byteLength, 0);
  const name = tarball.split(sep).pop()!;
  return {
    outcome: timed(
      'pack',
      t0,
      true,
      `${name}: ${files.size} files, ${packedBytes} B packed, ${unpackedBytes} B unpacked`,
    ),
    info: { tarball, files, packedBytes, unpackedBytes },
  };
}

/** The published-files rules: README present, no tests shipped, manifest complete, dependencies honest. */
function checkContents(
  pkg: WorkspacePackage,
  files: ReadonlyMap<string, Uint8Array>,
  all: ReadonlyMap<string, WorkspacePackage>,
): CheckOutcome {
  const t0 = performance.now();
  const paths = [...files.keys()];
  const text = (p: string): string => Buffer.from(files.get(p)!).toString('utf8');
  const problems = manifestProblems(pkg.manifest, pkg.relDir);
  problems.push(...internalRangeProblems(pkg.manifest, all));
  if (!paths.includes('README.md')) problems.push('README.md is not in the tarball');
  else problems.push(...readmeLinkProblems(text('README.md'), paths));
  for (const spec of jsonExports(pkg.manifest)) {
    const target = (pkg.manifest.exports as Record<string, unknown>)[`./${spec.slice(pkg.name.length + 1)}`];
    if (typeof target !== 'string' || !paths.includes(target.replace(/^\.\//, '')))
      problems.push(`export "${spec}" points at ${JSON.stringify(target)}, which is not in the tarball`);
  }
  const tests = paths.filter((p) => /(^|\/)__tests__\/|\.test\.[cm]?[jt]s$/.test(p));
  if (tests.length) problems.push(`test files are published: ${tests.slice(0, 5).join(', ')}`);
  const built: BuiltFile[] = paths
    .filter((p) => isInstallableJs(p) && !p.startsWith('src/'))
    .map((p) => ({ path: p, code: text(p) }));
  if (built.length === 0)
    problems.push('the tarball contains no built JavaScript (is "dist" in "files", and was it built?)');
  problems.push(...dependencyProblems(pkg.manifest, built));
  return timed(
    'manifest',
    t0,
    problems.length === 0,
    problems.length === 0
      ? `fields complete, ${built.length} built files, dependencies match imports`
      : problems.join('\n'),
  );
}

async function checkPublint(tarball: string): Promise<CheckOutcome> {
  const t0 = performance.now();
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const data = readFileSync(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, strict: true, level: 'suggestion' });
  const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
  return timed(
    'publint',
    t0,
    messages.length === 0,
    messages.length === 0 ? 'no errors, warnings or suggestions (strict)' : lines.join('\n'),
  );
}

async function checkAttw(tarball: string, toolsRoot: string, kind: WorkspacePackage['kind']): Promise<CheckOutcome> {
  const t0 = performance.now();
  // Libraries serve require() too (node16: node10 subpaths ignored); the tools are ESM only.
  const profile = kind === 'library' ? 'node16' : 'esm-only';
  const r = await x(
    process.execPath,
    [
      bin(toolsRoot, '@arethetypeswrong/cli/dist/index.js'),
      tarball,
      '--profile',
      profile,
      '--format',
      'ascii',
      '--no-color',
      '--no-emoji',
    ],
    { nodeOptions: { cwd: tmpdir(), env: { ...process.env, NO_COLOR: '1' } }, timeout: 120_000, throwOnError: false },
  );
  return timed('attw', t0, r.exitCode === 0, r.exitCode === 0 ? `no problems (profile ${profile})` : tail(r, 40));
}

/** Shape of one line of the ESM / CJS probe scripts' output. */
interface Probe {
  spec: string;
  ok: boolean;
  resolved?: string;
  keys?: string[];
  error?: string;
}

const ESM_PROBE = `
const specs = JSON.parse(process.argv[2]);
const out = [];
for (const spec of specs) {
  try {
    const resolved = import.meta.resolve(spec);
    const m = await import(spec);
    out.push({ spec, ok: true, resolved, keys: Object.keys(m).sort() });
  } catch (e) {
    out.push({ spec, ok: false, error: String((e && e.stack) || e).split('\\n').slice(0, 4).join('\\n') });
  }
}
process.stdout.write(JSON.stringify(out));
`;

const CJS_PROBE = `
const { pathToFileURL } = require('node:url');
const specs = JSON.parse(process.argv[2]);
const out = [];
for (const spec of specs) {
  try {
    const resolved = pathToFileURL(require.resolve(spec)).href;
    const m = require(spec);
    out.push({ spec, ok: true, resolved, keys: Object.keys(m).sort() });
  } catch (e) {
    out.push({ spec, ok: false, error: String((e && e.stack) || e).split('\\n').slice(0, 4).join('\\n') });
  }
}
process.stdout.write(JSON.stringify(out));
`;

const JSON_PROBE = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const out = [];
for (const spec of JSON.parse(process.argv[2])) {
  try {
    const resolved = require.resolve(spec);
    const m = await import(spec, { with: { type: 'json' } });
    out.push({ spec, ok: true, resolved: 'file://' + resolved, keys: Object.keys(m.default).sort() });
  } catch (e) {
    out.push({ spec, ok: false, error: String((e && e.message) || e) });
  }
}
process.stdout.write(JSON.stringify(out));
`;

/** The exported JSON files (schemas) resolve with `require.resolve` and load as JSON modules. */
async function checkJsonExports(pkg: WorkspacePackage, consumer: string): Promise<CheckOutcome | undefined> {
  const specs = jsonExports(pkg.manifest);
  if (specs.length === 0) return undefined;
  const t0 = performance.now();
  writeFileSync(join(consumer, 'probe-json.mjs'), JSON_PROBE);
  const r = await x(process.execPath, ['--no-warnings=ExperimentalWarning', 'probe-json.mjs', JSON.stringify(specs)], {
    nodeOptions: { cwd: consumer },
    timeout: 60_000,
    throwOnError: false,
  });
  const { problems } = judgeProbe('json', r, consumer, pkg, /^\.json$/);
  return timed(
    'json-exports',
    t0,
    problems.length === 0,
    problems.length === 0 ? `require.resolve and import (type json) of ${specs.join(', ')}` : problems.join('\n'),
  );
}

function parseProbe(r: Output): Probe[] | undefined {
  try {
    return JSON.parse(r.stdout) as Probe[];
  } catch {
    return undefined;
  }
}

const KIND_FILE = { esm: 'ES module', cjs: 'CommonJS', json: 'JSON' } as const;

/**
 * Judges a probe: every entry loaded, from the installed copy's built files (not `src`, not the
 * workspace), with at least one export.
 */
function judgeProbe(
  kind: 'esm' | 'cjs' | 'json',
  r: Output,
  consumer: string,
  pkg: WorkspacePackage,
  exts: RegExp,
): { problems: string[]; probes: Probe[] } {
  const probes = parseProbe(r);
  if (!probes) return { problems: [tail(r)], probes: [] };
  const installed = join(consumer, 'node_modules', ...pkg.name.split('/')) + sep;
  const problems: string[] = [];
  for (const p of probes) {
    if (!p.ok) {
      problems.push(`${kind === 'cjs' ? 'require' : 'import'}('${p.spec}') failed: ${p.error}`);
      continue;
    }
    const file = new URL(p.resolved!).pathname;
    if (!file.startsWith(installed)) problems.push(`'${p.spec}' resolved outside the installed package: ${file}`);
    else if (relative(installed, file).startsWith(`src${sep}`) || !exts.test(extname(file)))
      problems.push(`'${p.spec}' resolved to ${relative(installed, file)}, not a built ${KIND_FILE[kind]} file`);
    if (!p.keys?.length) problems.push(`'${p.spec}' has no exports`);
  }
  return { problems, probes };
}

function identifierAccess(ns: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${ns}.${key}` : `${ns}[${JSON.stringify(key)}]`;
}

/** A TypeScript file that imports every entry and touches every runtime export, so each must be typed. */
function typeProbeSource(entries: readonly EntryPoint[], keys: ReadonlyMap<string, string[]>): string {
  const lines: string[] = [];
  const uses: string[] = [];
  entries.forEach((e, i) => {
    lines.push(`import * as m${i} from '${e.specifier}';`);
    for (const k of keys.get(e.specifier) ?? []) uses.push(identifierAccess(`m${i}`, k));
  });
  lines.push(`export const used: unknown[] = [${uses.join(', ')}];`);
  return lines.join('\n') + '\n';
}

async function checkTypes(
  name: string,
  consumer: string,
  config: Record<string, unknown>,
  files: Record<string, string>,
  toolsRoot: string,
): Promise<CheckOutcome> {
  const t0 = performance.now();
  const dir = join(consumer, name.replace(':', '-'));
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          // An environment-neutral consumer: ES2023 + DOM globals (zod's declarations use `URL`), no
          // @types/node; every declaration file is checked except TypeScript's own lib files.
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          skipDefaultLibCheck: true,
          types: [],
          ...config,
        },
        files: Object.keys(files),
      },
      null,
      2,
    ),
  );
  const r = await x(process.execPath, [bin(toolsRoot, 'typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], {
    nodeOptions: { cwd: consumer },
    timeout: 120_000,
    throwOnError: false,
  });
  const cfg = `module ${String(config.module)}, moduleResolution ${String(config.moduleResolution)}, skipLibCheck ${String(config.skipLibCheck ?? false)}`;
  return timed(
    name,
    t0,
    r.exitCode === 0,
    r.exitCode === 0 ? `${Object.keys(files).join(' + ')} type-check (${cfg})` : tail(r, 30),
  );
}

async function installInto(consumer: string, specs: readonly string[]): Promise<Output> {
  return x(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', ...specs],
    {
      nodeOptions: {
        cwd: consumer,
        env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
      },
      timeout: 240_000,
      throwOnError: false,
    },
  );
}

/**
 * Runs the package README's executable examples inside the consumer project, where the package
 * resolves to the installed tarball's `dist` (no source condition): the README must hold for
 * what users install, not only for the workspace.
 */
async function checkReadmeExamples(
  pkg: WorkspacePackage,
  consumer: string,
  toolsRoot: string,
): Promise<CheckOutcome | undefined> {
  const t0 = performance.now();
  const file = join(pkg.dir, 'README.md');
  if (!existsSync(file)) return undefined;
  let blocks: DocBlock[];
  try {
    blocks = extractBlocks(readFileSync(file, 'utf8'), `${pkg.relDir}/README.md`).filter((b) => b.mode === 'run');
  } catch (e) {
    return timed('readme', t0, false, String(e));
  }
  if (blocks.length === 0) return undefined;
  const loader = pathToFileURL(join(toolsRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const problems: string[] = [];
  for (const b of blocks) {
    const path = join(consumer, `readme-L${b.line}.mts`);
    writeFileSync(path, `${b.code}\nexport {};\n`);
    const r = await x(process.execPath, ['--import', loader, '--no-warnings=ExperimentalWarning', path], {
      nodeOptions: { cwd: consumer, env: { ...process.env, NODE_OPTIONS: '' } },
      timeout: 60_000,
      throwOnError: false,
    });
    if (r.exitCode !== 0)
      problems.push(
        `${b.file}:${b.line}: exited with ${String(r.exitCode)} against the installed package\n${tail(r, 15)}`,
      );
  }
  return timed(
    'readme',
    t0,
    problems.length === 0,
    problems.length === 0
      ? `${blocks.length} README example(s) run against the installed tarball`
      : problems.join('\n'),
  );
}

/** The consumer phase: a fresh project outside the workspace, the tarballs installed, then imported. */
async function checkConsumer(
  pkg: WorkspacePackage,
  packed: ReadonlyMap<string, Packed>,
  all: ReadonlyMap<string, WorkspacePackage>,
  work: string,
  opts: Required<Pick<PackCheckOptions, 'importRuns' | 'toolsRoot'>>,
  report: PackageReport,
): Promise<void> {
  const push = (c: CheckOutcome): CheckOutcome => (report.checks.push(c), c);
  const t0 = performance.now();
  const closure = workspaceClosure(pkg, all);
  const missing = closure.filter((p) => !packed.has(p.name)).map((p) => p.name);
  if (missing.length) {
    push(
      timed('install', t0, false, `cannot install: no tarball for ${missing.join(', ')} (skipped or failed to pack)`),
    );
    return;
  }
  const consumer = mkdtempSync(join(work, `consumer-${pkg.name.replace(/[@/]/g, '_')}-`));
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'jcaco-pack-check-consumer', version: '0.0.0', private: true, type: 'module' }, null, 2),
  );
  const tarballs = closure.map((p) => packed.get(p.name)!.tarball);
  const inst = await installInto(consumer, tarballs);
  if (
    push(
      timed(
        'install',
        t0,
        inst.exitCode === 0,
        inst.exitCode === 0 ? `${closure.map((p) => p.name).join(' + ')} from tarballs` : tail(inst),
      ),
    ).ok === false
  )
    return;

  writeFileSync(join(consumer, 'probe-esm.mjs'), ESM_PROBE);
  writeFileSync(join(consumer, 'probe-cjs.cjs'), CJS_PROBE);
  const esmProbe = async (specs: string[]): Promise<Output> =>
    x(process.execPath, ['probe-esm.mjs', JSON.stringify(specs)], {
      nodeOptions: { cwd: consumer },
      timeout: 60_000,
      throwOnError: false,
    });

  let entries = pkg.entries;
  const peers = optionalPeers(pkg.manifest);
  if (peers.length) {
    // The main entry must load without the optional peers; the subpaths that need them are checked after.
    const t1 = performance.now();
    const main = entries.filter((e) => e.subpath === '.');
    const { problems } = judgeProbe('esm', await esmProbe(main.map((e) => e.specifier)), consumer, pkg, /^\.m?js$/);
    push(
      timed(
        'esm:no-optional-peers',
        t1,
        problems.length === 0,
        problems.length === 0 ? `'${pkg.name}' loads without ${peers.join(', ')}` : problems.join('\n'),
      ),
    );
    const t2 = performance.now();
    const r = await installInto(consumer, peers);
    if (!push(timed('install:optional-peers', t2, r.exitCode === 0, r.exitCode === 0 ? peers.join(', ') : tail(r))).ok)
      entries = main;
  }
  const specs = entries.map((e) => e.specifier);

  const t3 = performance.now();
  const esm = judgeProbe('esm', await esmProbe(specs), consumer, pkg, /^\.m?js$/);
  const keys = new Map(esm.probes.filter((p) => p.ok).map((p) => [p.spec, p.keys ?? []]));
  const exportCount = [...keys.values()].reduce((a, k) => a + k.length, 0);
  push(
    timed(
      'esm',
      t3,
      esm.problems.length === 0,
      esm.problems.length === 0 ? `import of ${specs.join(', ')}: ${exportCount} exports` : esm.problems.join('\n'),
    ),
  );

  const t4 = performance.now();
  const cjsRun = await x(process.execPath, [...cjsNodeFlags(), 'probe-cjs.cjs', JSON.stringify(specs)], {
    nodeOptions: { cwd: consumer },
    timeout: 60_000,
    throwOnError: false,
  });
  const cjs = judgeProbe('cjs', cjsRun, consumer, pkg, /^\.c?js$/);
  for (const p of cjs.probes) {
    const e = keys.get(p.spec);
    if (!p.ok || !e) continue;
    const onlyEsm = e.filter((k) => !p.keys!.includes(k));
    const onlyCjs = p.keys!.filter((k) => !e.includes(k));
    if (onlyEsm.length || onlyCjs.length)
      cjs.problems.push(
        `'${p.spec}': ESM and CommonJS exports differ (only ESM: ${onlyEsm.join(', ') || '-'}; only CJS: ${onlyCjs.join(', ') || '-'})`,
      );
  }
  push(
    timed(
      'cjs',
      t4,
      cjs.problems.length === 0,
      cjs.problems.length === 0
        ? `require of ${specs.join(', ')} (require(esm) disabled), same exports as ESM`
        : cjs.problems.join('\n'),
    ),
  );

  const probe = typeProbeSource(entries, keys);
  push(
    await checkTypes(
      'types:node16',
      consumer,
      { module: 'Node16', moduleResolution: 'Node16' },
      { 'consumer.mts': probe, 'consumer.cts': probe },
      opts.toolsRoot,
    ),
  );
  // The declarations themselves are checked once, above (skipLibCheck false, the costly part);
  // under Bundler the question is only whether every entry resolves to types that fit its runtime.
  push(
    await checkTypes(
      'types:bundler',
      consumer,
      { module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true },
      { 'consumer.ts': probe },
      opts.toolsRoot,
    ),
  );

  const json = await checkJsonExports(pkg, consumer);
  if (json) push(json);

  const readme = await checkReadmeExamples(pkg, consumer, opts.toolsRoot);
  if (readme) push(readme);

  if (opts.importRuns > 0 && esm.problems.length === 0) {
    const ms: number[] = [];
    const code = `const t=performance.now(); await import(${JSON.stringify(pkg.name)}); process.stdout.write(String(performance.now()-t));`;
    for (let i = 0; i < opts.importRuns; i++) {
      const r = await x(process.execPath, ['--input-type=module', '-e', code], {
        nodeOptions: { cwd: consumer },
        timeout: 60_000,
        throwOnError: false,
      });
      if (r.exitCode === 0) ms.push(Number(r.stdout));
    }
    if (ms.length) report.esmImportMs = Math.round(median(ms) * 10) / 10;
  }
}

/**
 * Runs an installed bin's smoke commands in the consumer project, one check each. With `node`,
 * that binary's folder leads PATH, so the bin's `#!/usr/bin/env node` (and `node` probes) start it,
 * and check names get a `node<version>:` prefix.
 */
async function runSmoke(
  bin: string,
  commands: readonly SmokeCommand[],
  consumer: string,
  push: (c: CheckOutcome) => CheckOutcome,
  node?: { version: string; bin: string },
): Promise<void> {
  const PATH = node ? `${dirname(node.bin)}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH;
  const prefix = node ? `node${node.version}:` : '';
  for (const c of commands) {
    const t0 = performance.now();
    // The bin as npm linked it (node_modules/.bin), started the way a shell starts it.
    const program =
      c.program === 'node' ? (node?.bin ?? process.execPath) : join(consumer, 'node_modules', '.bin', bin);
    const r = await x(program, c.args, {
      nodeOptions: { cwd: consumer, env: { ...process.env, PATH, NODE_OPTIONS: '', NO_COLOR: '1' } },
      timeout: 300_000,
      throwOnError: false,
    });
    const want = c.exit ?? 0;
    const problems =
      r.exitCode === want
        ? (c.judge?.(r, consumer) ?? [])
        : [`exit code ${String(r.exitCode)}, expected ${want}\n${tail(r)}`];
    const line = `${node ? `(node ${node.version}) ` : ''}${c.program === 'node' ? 'node' : bin} ${c.args.join(' ')}`;
    push(
      timed(
        prefix + c.name,
        t0,
        problems.length === 0,
        problems.length === 0 ? `${line}: exit ${want}` : `${line}\n${problems.join('\n')}`,
      ),
    );
  }
}

/**
 * A bin's `nodeSmoke` commands under each of `nodeVersions`, from the install already made. A
 * version whose binary cannot be fetched (no registry) is a passing check that says it was skipped.
 */
async function runUnderNodeVersions(
  bin: string,
  smoke: readonly SmokeCommand[],
  consumer: string,
  push: (c: CheckOutcome) => CheckOutcome,
  opts: Required<Pick<PackCheckOptions, 'nodeVersions' | 'nodeCache' | 'nodeSmoke' | 'log'>>,
): Promise<void> {
  const pick = opts.nodeSmoke[bin];
  if (!pick) return;
  for (const version of opts.nodeVersions) {
    const t0 = performance.now();
    let node: Awaited<ReturnType<typeof fetchNode>>;
    try {
      node = await fetchNode(version, opts.nodeCache);
    } catch (e) {
      push(timed(`node${version}`, t0, false, e instanceof Error ? e.message : String(e)));
      continue;
    }
    if ('skipped' in node) {
      opts.log(`${bin} under Node.js ${version}: SKIPPED, ${node.skipped}`);
      push(timed(`node${version}`, t0, true, `skipped: ${node.skipped}`));
      continue;
    }
    opts.log(`${bin} under Node.js ${version}`);
    await runSmoke(bin, pick(smoke), consumer, push, node);
  }
}

/**
 * The consumer phase of the public tools (ESM only, some with a bin): one fresh project for all
 * of them (the CLI's closure is every package: one install, not one per tool), then each tool's
 * entries imported and type-checked, its JSON exports resolved, and its bin's smoke commands run.
 */
async function checkToolConsumer(
  tools: readonly WorkspacePackage[],
  packed: ReadonlyMap<string, Packed>,
  all: ReadonlyMap<string, WorkspacePackage>,
  work: string,
  opts: Required<Pick<PackCheckOptions, 'toolsRoot' | 'smoke' | 'nodeVersions' | 'nodeCache' | 'nodeSmoke' | 'log'>>,
  reports: ReadonlyMap<string, PackageReport>,
): Promise<void> {
  const t0 = performance.now();
  const closure = new Map<string, WorkspacePackage>();
  for (const t of tools) for (const q of workspaceClosure(t, all)) closure.set(q.name, q);
  const missing = [...closure.keys()].filter((n) => !packed.has(n));
  const consumer = mkdtempSync(join(work, 'consumer-tools-'));
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'jcaco-pack-check-tools', version: '0.0.0', private: true, type: 'module' }, null, 2),
  );
  const inst = missing.length
    ? undefined
    : await installInto(
        consumer,
        [...closure.keys()].map((n) => packed.get(n)!.tarball),
      );
  const installed: CheckOutcome = inst
    ? timed(
        'install',
        t0,
        inst.exitCode === 0,
        inst.exitCode === 0 ? `${[...closure.keys()].join(' + ')} from tarballs, one project` : tail(inst),
      )
    : timed('install', t0, false, `cannot install: no tarball for ${missing.join(', ')} (skipped or failed to pack)`);
  writeFileSync(join(consumer, 'probe-esm.mjs'), ESM_PROBE);
  for (const pkg of tools) {
    const report = reports.get(pkg.name)!;
    const push = (c: CheckOutcome): CheckOutcome => (report.checks.push(c), c);
    if (!push(installed).ok) continue;
    const t1 = performance.now();
    const specs = pkg.entries.map((e) => e.specifier);
    const probe = await x(process.execPath, ['probe-esm.mjs', JSON.stringify(specs)], {
      nodeOptions: { cwd: consumer },
      timeout: 60_000,
      throwOnError: false,
    });
    const esm = judgeProbe('esm', probe, consumer, pkg, /^\.m?js$/);
    push(
      timed(
        'esm',
        t1,
        esm.problems.length === 0,
        esm.problems.length === 0 ? `import of ${specs.join(', ')}` : esm.problems.join('\n'),
      ),
    );
    const keys = new Map(esm.probes.filter((p) => p.ok).map((p) => [p.spec, p.keys ?? []]));
    push(
      await checkTypes(
        'types:node16',
        consumer,
        { module: 'Node16', moduleResolution: 'Node16', skipLibCheck: true },
        { [`${pkg.name.replace(/[@/]/g, '_')}.mts`]: typeProbeSource(pkg.entries, keys) },
        opts.toolsRoot,
      ),
    );
    const json = await checkJsonExports(pkg, consumer);
    if (json) push(json);
    const bins =
      typeof pkg.manifest.bin === 'string'
        ? { [pkg.name.split('/').pop()!]: pkg.manifest.bin }
        : (pkg.manifest.bin ?? {});
    for (const bin of Object.keys(bins)) {
      const commands = opts.smoke[bin];
      if (commands) {
        await runSmoke(bin, commands(pkg.manifest.version), consumer, push);
        await runUnderNodeVersions(bin, commands(pkg.manifest.version), consumer, push, opts);
      } else
        push(
          timed(
            `bin:${bin}`,
            performance.now(),
            false,
            `no smoke commands for the bin "${bin}" (PackCheckOptions.smoke)`,
          ),
        );
    }
  }
}

/**
 * Packs every package under `<root>/packages`, installs each tarball (with its workspace
 * dependencies, also as tarballs) into a fresh project outside the workspace, and there imports
 * it from ESM and CommonJS and type-checks against its declarations (node16 and bundler
 * resolution); also lints the tarballs (publint, attw) and the manifests. Nothing here sets the
 * `@jcaco/source` condition, so a package that only works from its sources fails.
 * @param options - the workspace root and what to run.
 * @returns one report per package (skipped ones included).
 */
export async function runPackCheck(options: PackCheckOptions): Promise<PackCheckReport> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const toolsRoot = options.toolsRoot ?? TOOLS_ROOT;
  const build = options.build ?? true;
  const lint = options.lint ?? true;
  const importRuns = options.importRuns ?? 3;
  const smoke = options.smoke ?? { jcaco: jcacoSmoke };
  const nodeVersions = options.nodeVersions ?? NODE_VERSIONS;
  const nodeCache = options.nodeCache ?? join(options.root, 'node_modules', '.cache', 'jcaco-pack-check-node');
  const nodeSmoke = options.nodeSmoke ?? { jcaco: jcacoNodeSmoke };
  const all = findPackages(options.root);
  const byName = new Map(all.map((p) => [p.name, p]));
  const unknown = (options.only ?? []).filter((n) => !all.some((p) => p.name === n));
  if (unknown.length) {
    throw new RangeError(
      `runPackCheck: unknown package(s) ${unknown.join(', ')}; expected some of ${all.map((p) => p.name).join(', ')}`,
    );
  }
  const selected = options.only ? all.filter((p) => options.only!.includes(p.name)) : all;
  // Workspace dependencies of the selected packages are packed too (installed as tarballs).
  const toPack = new Map<string, WorkspacePackage>();
  for (const p of selected) for (const q of workspaceClosure(p, byName)) toPack.set(q.name, q);

  const work = mkdtempSync(join(tmpdir(), 'jcaco-pack-check-'));
  const tarDir = join(work, 'tarballs');
  mkdirSync(tarDir);
  if (options.keep) log(`work directory: ${work}`);
  const reports = new Map<string, PackageReport>();
  const packed = new Map<string, Packed>();
  try {
    // Phase 1: build and pack every package that has code (under the lock: tsup cleans dist first).
    const buildAndPack = async (): Promise<void> => {
      for (const pkg of all.filter((p) => toPack.has(p.name))) {
        const report: PackageReport = { name: pkg.name, relDir: pkg.relDir, status: 'checked', ok: false, checks: [] };
        reports.set(pkg.name, report);
        const skip = skipReason(pkg);
        if (skip) {
          Object.assign(report, { status: 'skipped', skipReason: skip });
          log(`${pkg.name}: skipped (${skip})`);
          continue;
        }
        log(`${pkg.name}: ${build ? 'build and pack' : 'pack'}`);
        if (build) {
          const b = await buildPackage(pkg, toolsRoot);
          report.checks.push(b);
          if (!b.ok) continue;
        }
        const { outcome, info } = await packPackage(pkg, tarDir);
        report.checks.push(outcome);
        if (!info) continue;
        Object.assign(report, {
          packedBytes: info.packedBytes,
          unpackedBytes: info.unpackedBytes,
          fileCount: info.files.size,
        });
        packed.set(pkg.name, { pkg, tarball: info.tarball, files: info.files });
      }
    };
    await (build ? withBuildLock(options.root, buildAndPack, log) : buildAndPack());
    // Phase 2: what the tarballs contain, and publint + attw on them.
    for (const { pkg, tarball, files } of packed.values()) {
      const report = reports.get(pkg.name)!;
      const lintThis = Array.isArray(lint) ? lint.includes(pkg.name) : lint === true;
      log(`${pkg.name}: contents${lintThis ? ', publint, attw' : ''}`);
      report.checks.push(checkContents(pkg, files, byName));
      if (lintThis) {
        report.checks.push(await checkPublint(tarball));
        report.checks.push(await checkAttw(tarball, toolsRoot, pkg.kind));
      }
    }
    // Phase 3: each selected library in its own fresh consumer project; the tools in one.
    const ready = selected.filter((p) => reports.get(p.name)!.status !== 'skipped' && packed.has(p.name));
    for (const pkg of ready.filter((p) => p.kind === 'library')) {
      log(`${pkg.name}: install and import in a fresh project`);
      await checkConsumer(pkg, packed, byName, work, { importRuns, toolsRoot }, reports.get(pkg.name)!);
    }
    const tools = ready.filter((p) => p.kind === 'tool');
    if (tools.length) {
      log(`${tools.map((p) => p.name).join(', ')}: install in one fresh project, import, run the bins`);
      await checkToolConsumer(
        tools,
        packed,
        byName,
        work,
        { toolsRoot, smoke, nodeVersions, nodeCache, nodeSmoke, log },
        reports,
      );
    }
    for (const pkg of selected) {
      const report = reports.get(pkg.name)!;
      if (report.status === 'skipped') continue;
      report.ok = report.checks.length > 0 && report.checks.every((c) => c.ok);
      log(`${pkg.name}: ${report.ok ? 'ok' : 'FAILED'}`);
    }
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
  const packages = selected.map((p) => reports.get(p.name)!);
  return {
    root: options.root,
    packages,
    ok: packages.every((p) => p.status === 'skipped' || p.ok),
    ms: Math.round(performance.now() - t0),
  };
}

/**
 * A human-readable table of a report: per package its status, packed size, cold import time and
 * failed checks with their details.
 * @param report - from {@link runPackCheck}.
 * @returns the text to print.
 */
export function formatReport(report: PackCheckReport): string {
  const kb = (b: number | undefined): string => (b === undefined ? '-' : `${(b / 1024).toFixed(1)} kB`);
  const rows = [['package', 'status', 'packed', 'unpacked', 'files', 'ESM import (cold)', 'checks']];
  for (const p of report.packages) {
    rows.push([
      p.name,
      p.status === 'skipped' ? `skipped: ${p.skipReason}` : p.ok ? 'ok' : 'FAILED',
      kb(p.packedBytes),
      kb(p.unpackedBytes),
      p.fileCount === undefined ? '-' : String(p.fileCount),
      p.esmImportMs === undefined ? '-' : `${p.esmImportMs} ms`,
      p.checks.map((c) => `${c.ok ? '' : '✗'}${c.name}`).join(' '),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  for (const p of report.packages) {
    for (const c of p.checks.filter((c) => !c.ok)) {
      lines.push('', `✗ ${p.name} ${c.name}:`, ...c.detail.split('\n').map((l) => `    ${l}`));
    }
  }
  const checked = report.packages.filter((p) => p.status === 'checked');
  lines.push(
    '',
    `${checked.filter((p) => p.ok).length}/${checked.length} checked packages ok, ` +
      `${report.packages.length - checked.length} skipped, ${(report.ms / 1000).toFixed(1)} s`,
  );
  return lines.join('\n');
}
