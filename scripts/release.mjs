#!/usr/bin/env node
/**
 * `npm run release -- [VERSION | major | minor | patch | pre*] [--dry-run] [--first-release]`
 *
 * Versions every workspace package together (Nx release, one fixed group, nx.json `release`):
 * the next version comes from the conventional commits since the last `v*` tag, or from the
 * argument; internal `^` ranges follow; `CHANGELOG.md` at the root and in every package get the
 * commits; `CITATION.cff` and the root `package.json` get the version (CITATION.cff the date too). Then one commit `chore(release): vX` and
 * an annotated tag `vX`. Publishing is the CI's job (`npx nx release publish`, with npm provenance).
 *
 * `--dry-run` prints the next versions, the changelogs and the CITATION.cff change, and writes
 * nothing. Bad input — a version that is not semver, a dirty working tree (real runs), the tag of
 * an exact version that exists — is one `jcaco-release:` line and exit 2, before anything is
 * written or tagged.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUMPS = ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease'];
// The regular expression of semver.org (§ "Is there a suggested regular expression").
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

class BadInput extends Error {}

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'first-release': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new BadInput(e.message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new BadInput(`expected at most one version, got ${positionals.join(' ')}`);
  const specifier = positionals[0];
  if (specifier !== undefined && !BUMPS.includes(specifier) && !SEMVER.test(specifier))
    throw new BadInput(`"${specifier}" is not a semver version (e.g. 1.2.3, 1.2.3-rc.1) or one of ${BUMPS.join(', ')}`);
  return { specifier, dryRun: values['dry-run'], firstRelease: values['first-release'], help: values.help };
}

/** Refuses what would make a release that cannot be reproduced from its tag. */
function checkTree(dryRun) {
  let status;
  try {
    status = git('status', '--porcelain');
  } catch {
    throw new BadInput(`${ROOT} is not a git checkout`);
  }
  if (status === '') return;
  const n = status.split('\n').length;
  if (!dryRun)
    throw new BadInput(`the working tree has uncommitted changes (${n} path(s)); commit or stash them first`);
  process.stderr.write(`jcaco-release: note: ${n} uncommitted path(s); a real release would refuse them\n`);
}

/** Sets `version:` and `date-released:` of CITATION.cff; returns the new text. */
function citationFor(text, version, date) {
  if (!/^version: .*$/m.test(text)) throw new Error('CITATION.cff has no top-level "version:" line');
  let out = text.replace(/^version: .*$/m, `version: ${version}`);
  out = /^date-released: .*$/m.test(out)
    ? out.replace(/^date-released: .*$/m, `date-released: "${date}"`)
    : out.replace(/^version: .*$/m, `version: ${version}\ndate-released: "${date}"`);
  return out;
}

async function release({ specifier, dryRun, firstRelease }) {
  checkTree(dryRun);
  // An exact version names its tag up front; a bump starts from the latest tag, so cannot hit one.
  if (specifier && SEMVER.test(specifier) && git('tag', '--list', `v${specifier}`) !== '')
    throw new BadInput(`the tag v${specifier} exists already`);
  // No `v*` tag yet: the current version is the one in the manifests (Nx's first-release mode).
  firstRelease ||= git('tag', '--list', 'v*') === '';
  const { releaseVersion, releaseChangelog } = await import('nx/release/index.js');
  const { workspaceVersion, projectsVersionData } = await releaseVersion({
    specifier,
    dryRun,
    firstRelease,
    verbose: false,
    gitCommit: false,
    gitTag: false,
  });
  if (!workspaceVersion) {
    process.stdout.write('jcaco-release: no release: no conventional commits (feat, fix, …!) since the last tag\n');
    return 0;
  }
  const tag = `v${workspaceVersion}`;
  const citationFile = `${ROOT}/CITATION.cff`;
  const before = readFileSync(citationFile, 'utf8');
  const after = citationFor(before, workspaceVersion, new Date().toISOString().slice(0, 10));
  // The root manifest carries the workspace version too (CITATION.cff is checked against it).
  const rootFile = `${ROOT}/package.json`;
  const rootText = readFileSync(rootFile, 'utf8').replace(
    /^ {2}"version": ".*",$/m,
    `  "version": "${workspaceVersion}",`,
  );
  if (dryRun) {
    process.stdout.write(`\nCITATION.cff [dry-run]\n${after.match(/^(version|date-released): .*$/gm).join('\n')}\n`);
    process.stdout.write(`package.json [dry-run]\n  "version": "${workspaceVersion}"\n`);
  } else {
    writeFileSync(citationFile, after);
    writeFileSync(rootFile, rootText);
  }
  await releaseChangelog({
    versionData: projectsVersionData,
    version: workspaceVersion,
    dryRun,
    firstRelease,
    verbose: false,
    gitCommit: false,
    gitTag: false,
  });
  if (dryRun) {
    process.stdout.write(`\njcaco-release: dry run: would commit "chore(release): ${tag}" and tag ${tag}\n`);
    return 0;
  }
  git('add', '--all');
  git('commit', '--quiet', '-m', `chore(release): ${tag}`);
  git('tag', '--annotate', tag, '-m', tag);
  process.stdout.write(`jcaco-release: tagged ${tag}; push it (git push --follow-tags) and let CI publish\n`);
  return 0;
}

const HELP = `usage: npm run release -- [VERSION | ${BUMPS.join(' | ')}] [--dry-run] [--first-release]\n`;

try {
  const opts = parse(process.argv.slice(2));
  if (opts.help) process.stdout.write(HELP);
  else process.exitCode = await release(opts);
} catch (e) {
  if (e instanceof BadInput) {
    process.stderr.write(`jcaco-release: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`jcaco-release: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
