import { join } from 'node:path';
import { x, type Output } from 'tinyexec';

/**
 * Runs TypeDoc with the repository's `typedoc.json` (packages strategy, `notDocumented`
 * validation, validation warnings as errors) over some package folders, without writing HTML.
 * @param cwd - where `typedoc.json` is (the repository root, or a fixture workspace).
 * @param packageDirs - package folders relative to `cwd`, e.g. `packages/model`.
 * @param toolsRoot - where `typedoc` is installed.
 * @returns the run: `exitCode === 0` when every export is documented and every link resolves.
 */
export async function runTypedoc(cwd: string, packageDirs: readonly string[], toolsRoot: string): Promise<Output> {
  const args = [
    join(toolsRoot, 'node_modules/typedoc/bin/typedoc'),
    '--options',
    'typedoc.json',
    '--emit',
    'none',
    '--logLevel',
    'Warn',
  ];
  for (const d of packageDirs) args.push('--entryPoints', d);
  return x(process.execPath, args, {
    nodeOptions: { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    timeout: 300_000,
    throwOnError: false,
  });
}
