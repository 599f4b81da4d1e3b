import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x } from 'tinyexec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `npm run release` in a throwaway clone of this repository's HEAD (its node_modules linked). */
describe('scripts/release.mjs (npm run release)', () => {
  let clone: string;
  /** The tags the clone came with (a released repository has some); the tests add none but one. */
  let tags: string;
  const git = async (...args: string[]): Promise<string> =>
    (await x('git', args, { nodeOptions: { cwd: clone }, throwOnError: true })).stdout.trim();
  const release = (...args: string[]) =>
    x(process.execPath, ['scripts/release.mjs', ...args], {
      nodeOptions: {
        cwd: clone,
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
      },
      timeout: 180_000,
      throwOnError: false,
    });
  const version = (rel: string): string =>
    (JSON.parse(readFileSync(join(clone, rel, 'package.json'), 'utf8')) as { version: string }).version;

  beforeAll(async () => {
    clone = join(mkdtempSync(join(tmpdir(), 'jcaco-release-')), 'repo');
    await x('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { throwOnError: true });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    // .gitignore's `node_modules/` matches directories, not this symlink.
    appendFileSync(join(clone, '.git/info/exclude'), 'node_modules\n');
    await git('config', 'user.email', 'release-test@example.invalid');
    await git('config', 'user.name', 'release test');
    tags = await git('tag', '--list');
  }, 120_000);
  afterAll(() => rmSync(join(clone, '..'), { recursive: true, force: true }));

  it.each([['1.2'], ['v1.2.3'], ['1.2.3.4'], ['latest']])(
    'refuses the version %s with one jcaco-release line and exit 2, writing and tagging nothing',
    async (bad) => {
      const r = await release(bad);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`^jcaco-release: "${bad.replace(/\./g, '\\.')}" is not a semver version[^\n]*\n$`),
      );
      expect(await git('status', '--porcelain')).toBe('');
      expect(await git('tag', '--list')).toBe(tags);
    },
  );

  it('refuses a dirty working tree with exit 2 before versioning anything', async () => {
    writeFileSync(join(clone, 'stray.txt'), 'uncommitted\n');
    try {
      const r = await release('patch');
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^jcaco-release: the working tree has uncommitted changes \(1 path\(s\)\)/);
      expect(await git('status', '--porcelain')).toBe('?? stray.txt');
      expect(version('packages/model')).toBe(version('tools/cli'));
      expect(await git('tag', '--list')).toBe(tags);
    } finally {
      rmSync(join(clone, 'stray.txt'));
    }
  });

  it('--dry-run shows the next versions, the changelogs and CITATION.cff, and writes nothing', async () => {
    const before = version('packages/model');
    const r = await release('minor', '--dry-run');
    expect(r.exitCode, r.stderr).toBe(0);
    const [major, minor] = before.split('.').map(Number);
    const next = `${major}.${minor! + 1}.0`;
    expect(r.stdout).toContain(`New version ${next} written to manifest: packages/model/package.json`);
    // Nx prints the file previews on stderr.
    expect(r.stderr).toMatch(/^(CREATE|UPDATE) CHANGELOG\.md \[dry-run\]$/m);
    expect(r.stderr).toMatch(/^(CREATE|UPDATE) tools\/cli\/CHANGELOG\.md \[dry-run\]$/m);
    expect(r.stdout).toMatch(/^\+ ## \d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\)$/m);
    expect(r.stdout).toContain(`CITATION.cff [dry-run]\nversion: ${next}`);
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('tag', '--list')).toBe(tags);
  }, 180_000);

  it('a real release (the control) versions every package and its internal ranges, CITATION.cff, changelogs, one commit and a tag', async () => {
    const r = await release('9.9.9');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await git('tag', '--list', 'v9.9.9')).toBe('v9.9.9');
    expect(await git('log', '-1', '--format=%s')).toBe('chore(release): v9.9.9');
    expect(await git('status', '--porcelain')).toBe('');
    for (const rel of ['packages/model', 'packages/masl', 'tools/experiments', 'tools/cli']) {
      expect({ rel, version: version(rel) }).toEqual({ rel, version: '9.9.9' });
      expect(existsSync(join(clone, rel, 'CHANGELOG.md'))).toBe(true);
    }
    const cli = JSON.parse(readFileSync(join(clone, 'tools/cli/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(cli.dependencies['@jcaco/model']).toBe('^9.9.9');
    expect(readFileSync(join(clone, 'CITATION.cff'), 'utf8')).toMatch(/^version: 9\.9\.9$/m);
    expect(version('.')).toBe('9.9.9');
    expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toMatch(/^## 9\.9\.9 /);
    // The tag exists now: asking for it again is bad input.
    const again = await release('9.9.9');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/^jcaco-release: the tag v9\.9\.9 exists already/);
  }, 180_000);
});
