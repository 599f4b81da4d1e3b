import { EXIT_FAILED } from './exit.js';

/** The signals a run stops on, with their exit codes (128 + n). */
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/** What an interruptible phase keeps when stopped: called once, synchronously, in the signal handler. */
type OnInterrupt = (signal: 'SIGINT' | 'SIGTERM') => string;

let enabled = false;

/**
 * Lets commands handle SIGINT/SIGTERM themselves ({@link interruptible}). Only the launcher calls
 * this: a test calling `runCli` in-process keeps the test runner's own signal handling.
 * @example
 * enableSignalHandling(); // → later interruptible() phases print what they kept and exit 130/143
 */
export function enableSignalHandling(): void {
  enabled = true;
}

/**
 * Runs an asynchronous phase (a reproduction, a sweep) during which SIGINT/SIGTERM end the
 * process with exit 130/143 after `onInterrupt` has put the outputs in order, and one line on
 * stderr saying what was kept. Outside such phases the signals keep their default action (the
 * process ends at once; every output is written to a temporary name and renamed, so nothing is
 * half-written). Node runs signal handlers only between synchronous steps, which is why only
 * phases that yield to the event loop install them.
 * @param onInterrupt - cleans up and returns what was kept, e.g. `kept 3 finished cells in out/`.
 * @param phase - the work.
 * @returns what the phase returns.
 * @example
 * await interruptible(() => 'nothing written', () => runSweep(options)); // → the sweep's report
 */
export async function interruptible<T>(onInterrupt: OnInterrupt, phase: () => Promise<T>): Promise<T> {
  if (!enabled) return phase();
  const handlers = (Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>).map((sig) => {
    const handler = (): void => {
      let kept: string;
      try {
        kept = onInterrupt(sig);
      } catch (e) {
        kept = `could not put the outputs in order (${e instanceof Error ? e.message : String(e)})`;
      }
      try {
        process.stderr.write(`jcaco: interrupted by ${sig}; ${kept}\n`);
      } catch {
        // stderr closed: the exit code still says it
      }
      process.exit(SIGNALS[sig]);
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  try {
    return await phase();
  } finally {
    for (const [sig, handler] of handlers) process.off(sig, handler);
  }
}

/**
 * Whether an error is a closed pipe on stdout or stderr (`jcaco ... | head`).
 * @param e - what was thrown or emitted.
 * @returns true for EPIPE.
 * @example
 * isBrokenPipe(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })); // → true
 */
export function isBrokenPipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/**
 * Ends quietly with exit 0 when stdout or stderr is a closed pipe (as coreutils tools do under
 * `| head`), instead of an unhandled 'error' event with a stack trace. Called by the launcher.
 * @example
 * exitQuietlyOnBrokenPipe(); // → `jcaco generate --help | head -3` exits 0
 */
export function exitQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: unknown) => {
      process.exit(isBrokenPipe(e) ? 0 : EXIT_FAILED);
    });
  }
}
