import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findPackages,
  formatReport,
  runPackCheck,
  skipReason,
  type PackCheckReport,
  type PackageReport,
  type SmokeCommand,
} from '../index.js';
import { NODE_VERSIONS } from '../node-versions.js';
import { writeFixtureWorkspace } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The fixture tools' bins must print their package version. */
const versionSmoke = (version: string): SmokeCommand[] => [
  {
    name: 'cli:version',
    args: ['--version'],
    judge: (r) => (r.stdout.trim() === version ? [] : [`printed ${JSON.stringify(r.stdout)}`]),
  },
];

function pkg(report: PackCheckReport, name: string): PackageReport {
  const p = report.packages.find((x) => x.name === name);
  if (!p) throw new Error(`no report for ${name}`);
  return p;
}

function outcome(p: PackageReport, check: string): boolean | undefined {
  return p.checks.find((c) => c.name === check)?.ok;
}

function failures(p: PackageReport): string[] {
  return p.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
}

describe('runPackCheck on a throwaway fixture workspace (the controls)', () => {
  let root: string;
  let report: PackCheckReport;

  beforeAll(async () => {
    root = writeFixtureWorkspace();
    // `dep` is only packed (as good's dependency); publint and attw run where their verdict is asserted.
    report = await runPackCheck({
      root,
      build: false,
      importRuns: 1,
      only: [
        '@jcaco-fixture/good',
        '@jcaco-fixture/source-only',
        '@jcaco-fixture/undeclared',
        '@jcaco-fixture/readme-drift',
        '@jcaco-fixture/careless',
        '@jcaco-fixture/empty',
        '@jcaco-fixture/fixcli',
        '@jcaco-fixture/srccli',
      ],
      lint: ['@jcaco-fixture/good', '@jcaco-fixture/source-only'],
      smoke: { fixcli: versionSmoke, srccli: versionSmoke },
    });
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('passes a correct package, installing its workspace dependency from a tarball', () => {
    const good = pkg(report, '@jcaco-fixture/good');
    expect(failures(good)).toEqual([]);
    expect(good.ok).toBe(true);
    expect(good.checks.map((c) => c.name)).toEqual([
      'pack',
      'manifest',
      'publint',
      'attw',
      'install',
      'esm',
      'cjs',
      'types:node16',
      'types:bundler',
      'readme',
    ]);
    expect(good.checks.find((c) => c.name === 'readme')!.detail).toMatch(
      /^1 README example\(s\) run against the installed tarball/,
    );
    expect(good.checks.find((c) => c.name === 'install')!.detail).toContain('@jcaco-fixture/dep');
    expect(good.checks.find((c) => c.name === 'esm')!.detail).toContain('@jcaco-fixture/good/extra');
    expect(good.packedBytes).toBeGreaterThan(0);
    expect(good.esmImportMs).toBeGreaterThan(0);
  });

  it('fails a package that only works through the @jcaco/source condition, at every consumer check', () => {
    const p = pkg(report, '@jcaco-fixture/source-only');
    expect(p.ok).toBe(false);
    for (const check of ['esm', 'cjs', 'types:node16', 'types:bundler', 'publint', 'attw', 'manifest']) {
      expect({ check, ok: outcome(p, check) }).toEqual({ check, ok: false });
    }
    expect(report.ok).toBe(false);
  });

  it('fails a package that imports a workspace package it does not declare (the fresh project does not have it)', () => {
    const p = pkg(report, '@jcaco-fixture/undeclared');
    expect(outcome(p, 'manifest')).toBe(false);
    expect(p.checks.find((c) => c.name === 'manifest')!.detail).toMatch(
      /imports "@jcaco-fixture\/dep", which is not declared/,
    );
    expect(outcome(p, 'esm')).toBe(false);
    expect(outcome(p, 'cjs')).toBe(false);
  });

  it('fails a package whose README example no longer holds for the installed tarball, and only on that', () => {
    const p = pkg(report, '@jcaco-fixture/readme-drift');
    expect(p.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['readme']);
    expect(p.checks.find((c) => c.name === 'readme')!.detail).toMatch(
      /packages\/readme-drift\/README\.md:\d+: exited with 1[\s\S]*4 !== 5/,
    );
  });

  it('fails careless metadata: a "*" workspace range, no publishConfig, a README link dead on the registry', () => {
    const p = pkg(report, '@jcaco-fixture/careless');
    expect(p.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['manifest']);
    const detail = p.checks.find((c) => c.name === 'manifest')!.detail;
    expect(detail).toMatch(/dependencies\["@jcaco-fixture\/dep"\] is "\*"; expected "\^0\.1\.0"/);
    expect(detail).toMatch(/"publishConfig" must be/);
    expect(detail).toMatch(/links to "\.\.\/\.\.\/docs\/api\/", which is not in the tarball/);
    expect(detail).not.toMatch(/example\.org/);
  });

  it('installs the public tools once, imports them and runs their bins from the installed copy', () => {
    const p = pkg(report, '@jcaco-fixture/fixcli');
    expect(failures(p)).toEqual([]);
    expect(p.checks.map((c) => c.name)).toEqual(['pack', 'manifest', 'install', 'esm', 'types:node16', 'cli:version']);
    expect(p.checks.find((c) => c.name === 'install')!.detail).toMatch(/one project/);
  });

  it('fails a tool whose bin only works from its TypeScript sources, at the bin and only there', () => {
    const p = pkg(report, '@jcaco-fixture/srccli');
    expect(p.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['cli:version']);
    expect(p.checks.find((c) => c.name === 'cli:version')!.detail).toMatch(/exit code 1, expected 0/);
  });

  it('reports a package with no src/index.ts as skipped, never as passed', () => {
    const p = pkg(report, '@jcaco-fixture/empty');
    expect(p.status).toBe('skipped');
    expect(p.ok).toBe(false);
    expect(p.checks).toEqual([]);
  });
});

describe('pack check of the workspace packages (build, pack, install elsewhere, import)', () => {
  const present = findPackages(ROOT)
    .filter((p) => !skipReason(p))
    .map((p) => p.name);
  let report: PackCheckReport;

  beforeAll(async () => {
    // One cold-import timing per package: the measurement is printed, never asserted.
    report = await runPackCheck({ root: ROOT, importRuns: 1 });
    // The measurements (packed size, cold import time) are for people, not asserted.
    console.log(formatReport(report));
    // Seven packages built, packed and installed (the CLI's closure once more, with its smoke
    // commands): a few minutes on an idle 2-core machine, much longer when the suite shares it.
  }, 1_500_000);

  it('checks every package whose code exists, and at least one', () => {
    expect(present.length).toBeGreaterThan(0);
    expect(report.packages.filter((p) => p.status === 'checked').map((p) => p.name)).toEqual(present);
  });

  it('runs the installed jcaco and imports @jcaco/model under every Node.js of NODE_VERSIONS, or says the version was skipped', () => {
    const names = pkg(report, '@jcaco/cli').checks.map((c) => c.name);
    for (const v of NODE_VERSIONS) {
      const skipped = pkg(report, '@jcaco/cli').checks.find((c) => c.name === `node${v}`);
      if (skipped) {
        expect(skipped.detail).toMatch(/^skipped: the npm registry could not be reached/);
        continue;
      }
      for (const c of ['cli:version', 'cli:generate', 'cli:run', 'model:esm', 'model:cjs'])
        expect(names).toContain(`node${v}:${c}`);
    }
  });

  it.each(present)('%s works from its tarball in a fresh project outside the workspace', (name) => {
    const p = pkg(report, name);
    expect(failures(p)).toEqual([]);
    expect(p.ok).toBe(true);
  });
});
