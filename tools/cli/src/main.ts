import { Command, CommanderError } from 'commander';
import { COMMIT, VERSION } from '@jcaco/model';
import { OutputPathError } from '@jcaco/experiments/fs';
import { commands } from './commands/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, WorkFailed } from './exit.js';
import { UsageError } from './io.js';
import { enableSignalHandling, exitQuietlyOnBrokenPipe, isBrokenPipe } from './signals.js';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, WorkFailed } from './exit.js';

/** One line for stderr: newlines (e.g. commander's "Did you mean") folded into spaces. */
function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * Builds the `jcaco` program with every command registered. Commander's own errors are printed
 * as one line starting `jcaco:`, like the commands' own.
 * @returns the program (parse with `parseAsync(argv, { from: 'user' })`).
 * @example
 * buildProgram().commands.map((c) => c.name()); // → ['generate', 'evaluate', 'run', ...]
 */
export function buildProgram(): Command {
  const program = new Command('jcaco')
    .description(
      'jcaco: the JCACO game (joint communication and computation scheduling for MEC-enabled AIGC), MASL and its baselines',
    )
    .version(`${VERSION} (${COMMIT})`, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      // Help shown because of an error (e.g. `jcaco help nope`) becomes one line, like every error.
      writeErr: (s) =>
        process.stderr.write(
          s.startsWith('Usage:') ? `jcaco: ${oneLine(s.split('\n')[0]!).toLowerCase()} (see jcaco --help)\n` : s,
        ),
      outputError: (s, write) => write(`jcaco: ${oneLine(s.replace(/^error: /, ''))} (see jcaco --help)\n`),
    });
  for (const register of commands) register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Whether an error is about the user's input: printed as one line, exit 2. */
function isUsageError(e: unknown): e is Error {
  return (
    e instanceof UsageError ||
    e instanceof OutputPathError ||
    (e instanceof Error && (e.name === 'ScenarioError' || e.name === 'OutputPathError'))
  );
}

/** The exit code of a commander error (its message is already printed). */
function commanderExit(e: CommanderError): number {
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
  // `jcaco help` asks for help; a command given without a subcommand shows it as an error.
  if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return EXIT_USAGE;
}

/**
 * Prints a failure on stderr and returns its exit code: one line starting `jcaco:` (2 for the
 * user's input, 1 for failed work); anything else is a bug, printed as one "internal error" line
 * asking for a report, with the stack only when JCACO_DEBUG=1.
 * @param e - what was thrown.
 * @returns the exit code.
 * @example
 * reportFailure(new Error('boom')); // → 1, "jcaco: internal error: Error: boom, please report it with JCACO_DEBUG=1 output"
 */
export function reportFailure(e: unknown): number {
  if (e instanceof CommanderError) return commanderExit(e);
  if (isBrokenPipe(e)) return EXIT_OK;
  if (isUsageError(e)) {
    process.stderr.write(`jcaco: ${oneLine(e.message)}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof WorkFailed) {
    process.stderr.write(`jcaco: ${oneLine(e.message)}\n`);
    return EXIT_FAILED;
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  process.stderr.write(`jcaco: internal error: ${oneLine(message)}, please report it with JCACO_DEBUG=1 output\n`);
  if (process.env.JCACO_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT_FAILED;
}

/**
 * Runs the CLI on arguments (without `node` and the script) and returns the exit code: 0
 * success, 1 the work failed, 2 bad input or usage (one line on stderr starting `jcaco:`).
 * No command prints a one-line usage on stderr and returns 2. Nothing runs on import.
 * @param argv - e.g. `['run', '--list']`.
 * @returns the exit code.
 * @example
 * await runCli(['--version']); // → 0, the version on stdout
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    const names = program.commands.map((c) => c.name()).join(', ');
    process.stderr.write(
      `jcaco: no command given; usage: jcaco <command> [options], commands: ${names} (see jcaco --help)\n`,
    );
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    try {
      return reportFailure(e);
    } catch (inner) {
      return isBrokenPipe(inner) ? EXIT_OK : EXIT_FAILED;
    }
  }
}

/**
 * The launcher's entry (bin/jcaco.mjs): a closed stdout/stderr pipe ends quietly with exit 0,
 * SIGINT/SIGTERM stop long phases cleanly (exit 130/143), then {@link runCli}.
 * @param argv - the arguments after the script.
 * @returns the exit code.
 * @example
 * process.exitCode = await main(process.argv.slice(2)); // → 0 after a successful command
 */
export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnBrokenPipe();
  enableSignalHandling();
  return runCli(argv);
}
