import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { x } from 'tinyexec';
import { tail } from './exec.js';
import type { SmokeCommand } from './smoke.js';

/**
 * The Node.js versions the installed CLI is run under (docs/releasing.md): the lower bound of each
 * range of `engines` and the latest 22 and 24 releases on the registry when this list was last set.
 * `engines` in every published package.json claims what this list proves.
 */
export const NODE_VERSIONS: readonly string[] = ['20.19.0', '22.12.0', '22.23.5', '24.0.0', '24.22.3'];

/** A Node.js binary ready to run, or why none could be fetched (a skip, not a failure). */
export type NodeBinary = { version: string; bin: string } | { version: string; skipped: string };

/** npm's messages for a registry it cannot reach (as opposed to a version it does not have). */
const UNREACHABLE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|socket|proxy/i;

/**
 * Fetches a Node.js binary through npm (the `node-<platform>-<arch>` packages of the registry,
 * whose `bin/node` is the official build) into `cacheDir/node-<version>`, once: a later call finds
 * it there. No download outside npm, which honours the registry and proxy settings CI uses.
 * @param version - e.g. `20.19.0`.
 * @param cacheDir - where binaries are kept between runs.
 * @returns the binary's path, or `skipped` with the reason when the registry could not be reached.
 * @throws Error when npm answered but the package is missing or broken (a failure, not a skip).
 * @example
 * const node = await fetchNode('20.19.0', 'node_modules/.cache/jcaco-pack-check-node');
 * 'bin' in node ? node.bin : node.skipped; // → '…/node-20.19.0/bin/node'
 */
export async function fetchNode(version: string, cacheDir: string): Promise<NodeBinary> {
  const dir = join(cacheDir, `node-${version}`);
  const bin = join(dir, 'bin', 'node');
  if (existsSync(bin)) return { version, bin };
  mkdirSync(dir, { recursive: true });
  const spec = `node-${process.platform}-${process.arch}@${version}`;
  const packed = await x('npm', ['pack', spec, '--pack-destination', dir, '--loglevel=error'], {
    nodeOptions: { cwd: dir },
    timeout: 600_000,
    throwOnError: false,
  });
  if (packed.exitCode !== 0) {
    const code = /npm error code (\S+)/.exec(packed.stderr)?.[1];
    if (packed.exitCode === undefined || UNREACHABLE.test(code ?? packed.stderr))
      return {
        version,
        skipped: `the npm registry could not be reached for ${spec} (${code ? `npm error code ${code}` : 'npm pack timed out'})`,
      };
    throw new Error(`fetchNode: npm pack ${spec} failed: ${tail(packed, 5)}`);
  }
  const tgz = join(dir, packed.stdout.trim().split('\n').pop()!);
  const unpacked = await x('tar', ['-xzf', tgz, '-C', dir, '--strip-components=1', 'package/bin/node'], {
    throwOnError: false,
  });
  rmSync(tgz, { force: true });
  if (unpacked.exitCode !== 0 || !existsSync(bin))
    throw new Error(`fetchNode: ${spec} has no package/bin/node: ${tail(unpacked, 3)}`);
  return { version, bin };
}

/** A probe run by the Node.js under test in the consumer project: it prints the entry's resolved file. */
function importProbe(kind: 'esm' | 'cjs'): SmokeCommand {
  const code =
    kind === 'esm'
      ? "const m = await import('@jcaco/model'); if (typeof m.buildGame !== 'function') process.exit(3); console.log(import.meta.resolve('@jcaco/model'));"
      : "const m = require('@jcaco/model'); if (typeof m.buildGame !== 'function') process.exit(3); console.log(require.resolve('@jcaco/model'));";
  const file = kind === 'esm' ? /\.m?js$/ : /\.c?js$/;
  return {
    name: `model:${kind}`,
    program: 'node',
    args: kind === 'esm' ? ['--input-type=module', '-e', code] : ['--input-type=commonjs', '-e', code],
    judge: (r) => {
      const path = r.stdout.trim();
      return file.test(path) && !/\/src\//.test(path) && (kind === 'esm' || !/\.mjs$/.test(path))
        ? []
        : [`@jcaco/model resolved to ${JSON.stringify(path)}, expected the built ${kind.toUpperCase()} entry`];
    },
  };
}

/**
 * What runs under each Node.js of {@link NODE_VERSIONS}, reusing the one install of the CLI: its
 * version, generate and `run --algo masl-plus` (from {@link jcacoSmoke}'s list), then an ESM
 * import and a CommonJS require of `@jcaco/model`.
 * @param smoke - the full smoke list of the CLI.
 * @returns the subset and the two import probes.
 * @example
 * jcacoNodeSmoke(jcacoSmoke('0.1.0')).map((c) => c.name); // → ['cli:version', 'cli:generate', 'cli:run', 'model:esm', 'model:cjs']
 */
export function jcacoNodeSmoke(smoke: readonly SmokeCommand[]): SmokeCommand[] {
  const keep = new Set(['cli:version', 'cli:generate', 'cli:run']);
  return [...smoke.filter((c) => keep.has(c.name)), importProbe('esm'), importProbe('cjs')];
}
