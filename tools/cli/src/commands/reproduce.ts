import { Option, type Command } from 'commander';
import { EXPERIMENT_NAMES, formatSummary, runReproduction, type ReproduceOptions } from '@jcaco/experiments';
import { WorkFailed } from '../exit.js';
import { checkOutputs, parseIntFlag, UsageError } from '../io.js';
import { interruptible } from '../signals.js';

/** The flags of `jcaco reproduce`. */
interface ReproduceFlags {
  quick?: boolean;
  tiny?: boolean;
  out: string;
  only?: string;
  workers?: string;
  seed?: string;
  quiet?: boolean;
  resume?: boolean;
}

/**
 * Reads the flags of `jcaco reproduce` into runner options.
 * @throws UsageError naming the flag.
 */
export function reproduceOptions(flags: ReproduceFlags, stderrIsTTY: boolean): ReproduceOptions {
  if (flags.quick && flags.tiny) throw new UsageError('--quick and --tiny: choose one grid');
  const only =
    flags.only === undefined
      ? undefined
      : flags.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  if (only !== undefined) {
    if (only.length === 0)
      throw new UsageError(
        `--only: expected experiment names (${EXPERIMENT_NAMES.join(', ')}), got ${JSON.stringify(flags.only)}`,
      );
    for (const n of only) {
      if (!EXPERIMENT_NAMES.includes(n))
        throw new UsageError(
          `--only: unknown experiment ${JSON.stringify(n)}; expected one of ${EXPERIMENT_NAMES.join(', ')}`,
        );
    }
  }
  const workers = parseIntFlag('--workers', flags.workers, 1, 256);
  const seed = parseIntFlag('--seed', flags.seed, -2147483648, 2147483647);
  checkOutputs([['--out', flags.out, 'dir']]);
  return {
    mode: flags.tiny ? 'tiny' : flags.quick ? 'quick' : 'full',
    outDir: flags.out,
    ...(only ? { only } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(seed !== undefined ? { seed } : {}),
    progress: stderrIsTTY && !flags.quiet,
    resume: flags.resume === true,
  };
}

/**
 * `jcaco reproduce [--quick] [--out DIR] [--only NAMES] [--workers K] [--seed S] [--quiet] [--resume]`:
 * the paper's evaluation (issue 8). Data, figures and report go to DIR; a summary with the
 * headline numbers goes to stdout; progress bars to stderr (only on a terminal, not with --quiet).
 * Each experiment is written to a temporary folder and renamed into place when complete;
 * SIGINT/SIGTERM mark the others `interrupted` in manifest.json and exit 130/143.
 * Exit 1 when an experiment failed (the others are still written), 2 on bad flags or --out.
 * @param program - the jcaco program.
 * @example
 * // jcaco reproduce --quick --out reproduction --resume
 */
export function register(program: Command): void {
  program
    .command('reproduce')
    .description("run the paper's evaluation: data (CSV, JSON), figures (SVG, PNG) and a report for every experiment")
    .option('--quick', 'the quick grid: fewer points and seeds (under a minute on 2 cores)')
    .addOption(new Option('--tiny', 'the test suite grid (seconds)').hideHelp())
    .option('--out <dir>', 'output folder', 'reproduction')
    .option('--only <names>', `comma-separated experiments to run: ${EXPERIMENT_NAMES.join(', ')}`)
    .option(
      '--workers <k>',
      'worker threads (default: the number of cores, at most 8); results are identical for any k',
    )
    .option('--seed <s>', 'base seed of every random stream (default 1)')
    .option('--quiet', 'no progress bars')
    .option('--resume', 'keep the experiments already complete in DIR with the same seed and mode (see manifest.json)')
    .action(async (flags: ReproduceFlags) => {
      const opts = reproduceOptions(flags, process.stderr.isTTY === true);
      const controller = new AbortController();
      let kept = 'nothing written yet';
      opts.signal = controller.signal;
      opts.onInterrupted = (text) => {
        kept = text;
      };
      let report;
      try {
        report = await interruptible(
          (sig) => {
            controller.abort(sig);
            return kept;
          },
          () => runReproduction(opts),
        );
      } catch (e) {
        if (e instanceof RangeError && /^(--only|runReproduction)/.test(e.message))
          throw new UsageError(e.message, { cause: e });
        throw e;
      }
      process.stdout.write(formatSummary(report));
      const failed = report.experiments.filter((x) => x.status === 'failed');
      if (failed.length > 0)
        throw new WorkFailed(
          `${failed.length} experiment(s) failed: ${failed.map((x) => x.name).join(', ')} (see their data.json)`,
        );
    });
}
