import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMIT, VERSION } from '@jcaco/model';

/** Which code produced a result file: recorded in every output (issue 8). */
export interface Provenance {
  tool: 'jcaco';
  /** `VERSION` of `@jcaco/model` (`0.0.0-source` when run from sources). */
  version: string;
  /** `COMMIT` of `@jcaco/model` (`source` when run from sources). */
  commit: string;
  /** `git rev-parse HEAD` of the checkout the code runs from, when it runs from sources (null when installed). */
  gitHead: string | null;
  /** Whether that checkout had uncommitted changes (null: unknown). */
  gitDirty: boolean | null;
  node: string;
}

let cached: Provenance | undefined;

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
  } catch {
    return null;
  }
}

/**
 * The provenance of this process's results. Computed once per process.
 * @returns version, commit, git head and node version.
 * @example
 * provenance().tool; // → 'jcaco'
 */
export function provenance(): Provenance {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  // Installed (built JavaScript under node_modules), the enclosing checkout is the user's project,
  // not the code's: only a run from this repository's sources has a git head of its own.
  const fromSource = import.meta.url.endsWith('.ts');
  const head = fromSource ? git(['rev-parse', 'HEAD'], here) : null;
  const status = head === null ? null : git(['status', '--porcelain', '--untracked-files=no'], here);
  cached = {
    tool: 'jcaco',
    version: VERSION,
    commit: COMMIT,
    gitHead: head,
    gitDirty: status === null ? null : status.length > 0,
    node: process.version,
  };
  return cached;
}
