import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../cli/bin/jcaco.mjs', import.meta.url));
/** The repository root: the CLI's launcher resolves tsx from its working folder, so it runs from here. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** What a `jcaco` command printed and how it exited (test support). */
export interface CliOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `jcaco` command (tools/cli/bin/jcaco.mjs) in a child process: the reference the
 * explorer must agree with.
 * @param args - the arguments (absolute file paths), e.g. `['run', '--scenario', '/tmp/s.json', '--algo', 'masl']`.
 * @returns exit status and output.
 * @example
 * await jcaco(['generate', '--ues', '5']); // → { status: 0, stdout: '{ "schema": ...', stderr: '' }
 */
export function jcaco(args: readonly string[]): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ status: code, stdout, stderr });
    });
  });
}
