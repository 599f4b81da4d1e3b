import { Command, CommanderError } from 'commander';
import { COMMIT, VERSION } from '@jcaco/model';
import { commands } from './commands/index.js';
import { UsageError } from './io.js';

/** Exit codes (docs/spec-interfaces.md): 0 success, 1 the work failed, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure of the work itself (e.g. `check --strict` found a counterexample): exit code 1. */
export class WorkFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkFailed';
  }
}

/** Builds the `jcaco` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('jcaco')
    .description(
      'jcaco: the JCACO game (joint communication and computation scheduling for MEC-enabled AIGC), MASL and its baselines',
    )
    .version(`${VERSION} (${COMMIT})`, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI on arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT_OK;
      return EXIT_USAGE; // commander already printed its message
    }
    if (e instanceof UsageError || (e instanceof Error && e.name === 'ScenarioError')) {
      process.stderr.write(`jcaco: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof WorkFailed) {
      process.stderr.write(`jcaco: ${e.message}\n`);
      return EXIT_FAILED;
    }
    process.stderr.write(`jcaco: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_FAILED;
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`jcaco: internal error: ${String(e)}\n`);
      process.exitCode = EXIT_FAILED;
    },
  );
}
