import { spawn } from 'node:child_process';

/** What a finished child process left behind. */
export interface RunResult {
  /** Exit code; `null` when the process was killed (e.g. by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, milliseconds. */
  ms: number;
  /** True when the process was killed because it ran past `timeoutMs`. */
  timedOut: boolean;
}

/** Options for {@link run}. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this many milliseconds (default 5 minutes). */
  timeoutMs?: number;
}

/**
 * Runs a command without a shell and collects its output; never throws for a non-zero exit.
 * @param command - the executable (an absolute path or a name on `PATH`).
 * @param args - its arguments, passed verbatim.
 * @param options - working directory, environment and timeout.
 * @returns exit code, output and wall time.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  return new Promise((resolveRun) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 300_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolveRun({ code: null, stdout, stderr: `${stderr}${String(err)}`, ms: performance.now() - t0, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, ms: performance.now() - t0, timedOut });
    });
  });
}

/**
 * The last `maxLines` non-empty lines of a command's output, for a failure message.
 * @param r - the finished command.
 * @param maxLines - how many lines to keep.
 * @returns stderr and stdout tails joined, or a note that there was no output.
 */
export function tail(r: RunResult, maxLines = 25): string {
  // Stack frames of the tool itself say nothing about the package; the messages above them do.
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/^\s+at .+[):\d]$/.test(l));
  const kept = lines.slice(-maxLines).join('\n');
  const head = r.timedOut ? '(timed out)\n' : '';
  return head + (kept || `(no output, exit code ${String(r.code)})`);
}
