import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Output } from 'tinyexec';

/** One command run from an installed package's bin in the consumer project. */
export interface SmokeCommand {
  /** The check's name in the report, e.g. `cli:generate`. */
  name: string;
  /** What runs: the installed bin (default) or `node` itself (an import probe). */
  program?: 'bin' | 'node';
  /** Arguments after the bin name (or after `node`). */
  args: readonly string[];
  /** The exit code it must end with (default 0). */
  exit?: number;
  /**
   * What else must hold after it ran, judged in the consumer directory.
   * @returns one sentence per problem; empty when it holds.
   */
  judge?: (r: Output, cwd: string) => string[];
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * What `jcaco` must do when installed from its tarballs into an empty folder (issue 17): print its
 * version with the commit baked in by the build, generate a scenario, run `masl-plus` on it, run
 * the quick `stability` experiment on two worker threads (which load the built worker), and
 * refuse bad input with exit 2 and one `jcaco:` line.
 * @param version - the CLI's package version.
 * @returns the commands, in the order they must run (later ones read earlier files).
 * @example
 * jcacoSmoke('0.1.0').map((c) => c.name)[0]; // → 'cli:version'
 */
export function jcacoSmoke(version: string): SmokeCommand[] {
  return [
    {
      name: 'cli:version',
      args: ['--version'],
      judge: (r) =>
        new RegExp(`^${version.replace(/\./g, '\\.')} \\(([0-9a-f]{7,40}|unknown)\\)$`).test(r.stdout.trim())
          ? []
          : [`--version printed ${JSON.stringify(r.stdout.trim())}, expected "${version} (<commit>)" from a build`],
    },
    {
      name: 'cli:generate',
      args: ['generate', '--preset', 'tiny', '--ues', '6', '--seed', '3', '--out', 'scenario.json'],
      judge: (_r, cwd) =>
        readJson(join(cwd, 'scenario.json'))?.schema === 'jcaco/scenario@1'
          ? []
          : ['scenario.json is missing or is not a jcaco/scenario@1 document'],
    },
    {
      name: 'cli:run',
      args: ['run', '--algo', 'masl-plus', '--scenario', 'scenario.json', '--json', '--quiet'],
      judge: (r) => {
        let out: { algo?: unknown; profile?: unknown } | undefined;
        try {
          out = JSON.parse(r.stdout) as typeof out;
        } catch {
          out = undefined;
        }
        return out?.algo === 'masl-plus' && Array.isArray(out.profile) && out.profile.length === 6
          ? []
          : ['stdout is not a JSON result of masl-plus with a profile of the 6 UEs'];
      },
    },
    {
      name: 'cli:reproduce',
      args: ['reproduce', '--quick', '--only', 'stability', '--out', 'reproduction', '--workers', '2'],
      judge: (_r, cwd) =>
        ['manifest.json', 'stability/data.json', 'stability/summary.csv']
          .filter((f) => !existsSync(join(cwd, 'reproduction', f)))
          .map((f) => `reproduction/${f} was not written`),
    },
    {
      name: 'cli:bad-input',
      args: ['run', '--algo', 'no-such-method', '--scenario', 'scenario.json'],
      exit: 2,
      judge: (r) =>
        /^jcaco: /.test(r.stderr) && !/\n\s+at /.test(r.stderr)
          ? []
          : [`stderr should be one "jcaco: ..." message without a stack trace, was ${JSON.stringify(r.stderr)}`],
    },
  ];
}
