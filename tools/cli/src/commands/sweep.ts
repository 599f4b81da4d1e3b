import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { defaultWorkers, GridError, parseShard, runSweep } from '@jcaco/experiments';
import { WorkFailed } from '../exit.js';
import { checkOutputs, parseIntFlag, readJsonFile, toJson, UsageError } from '../io.js';
import { interruptible } from '../signals.js';

/** The flags of `jcaco sweep`. */
interface SweepFlags {
  grid?: string;
  shard: string;
  out?: string;
  workers?: string;
  quiet?: boolean;
  json?: boolean;
}

/**
 * `jcaco sweep --grid FILE --shard i/n --out DIR [--workers K]`: runs shard i of n of a parameter
 * grid (schema `jcaco/grid@1`); every finished cell is written atomically to DIR/cells/ and cells
 * already there are skipped, so a killed sweep resumes where it stopped. Exit 1 when a cell
 * failed (the others are written), 2 on a bad grid or flag.
 */
export function register(program: Command): void {
  program
    .command('sweep')
    .description('run one shard of a parameter grid (for batch schedulers); resumable, one atomic file per cell')
    .requiredOption('--grid <file>', 'grid file (JSON, "schema": "jcaco/grid@1")')
    .option(
      '--shard <i/n>',
      'this shard: cells whose index is i modulo n (0 ≤ i < n), e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT',
      '0/1',
    )
    .requiredOption('--out <dir>', 'output folder (shared by all shards, or one per shard: jcaco merge takes several)')
    .option('--workers <k>', 'worker threads (default: the number of cores, at most 8)')
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the report as JSON')
    .action(async (flags: SweepFlags) => {
      const shard = parseShard(flags.shard);
      if (!shard)
        throw new UsageError(`--shard: expected i/n with integers 0 ≤ i < n, got ${JSON.stringify(flags.shard)}`);
      const workers = parseIntFlag('--workers', flags.workers, 1, 256);
      const gridPath = flags.grid!;
      const out = flags.out!;
      checkOutputs([['--out', out, 'dir']]);
      const gridJson = readJsonFile(gridPath, 'grid');
      const bar =
        process.stderr.isTTY && !flags.quiet
          ? new cliProgress.SingleBar(
              { format: ' sweep |{bar}| {value}/{total} cells', stream: process.stderr, hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
      let started = false;
      let finished = 0;
      let report;
      try {
        report = await interruptible(
          () => {
            if (started) bar?.stop();
            return `kept ${finished} cell(s) finished in this run, and every cell finished before, in ${out}/cells/ (whole files only); run the same command again to resume`;
          },
          () =>
            runSweep({
              gridJson,
              gridSource: gridPath,
              shard,
              outDir: out,
              workers: workers ?? defaultWorkers(),
              onProgress: (done, total) => {
                finished = done;
                if (!bar) return;
                if (!started) {
                  bar.start(total, 0);
                  started = true;
                }
                bar.update(done);
              },
            }),
        );
      } catch (e) {
        if (e instanceof GridError) throw new UsageError(`grid ${gridPath}: ${e.message}`, { cause: e });
        throw e;
      } finally {
        if (started) bar?.stop();
      }
      if (flags.json) process.stdout.write(toJson(report));
      else {
        process.stdout.write(
          `jcaco sweep: shard ${shard.index}/${shard.count} of grid ${report.gridHash}: ${report.cellsInShard} of ${report.cellsInGrid} cells; ` +
            `${report.skipped} already done, ${report.computed} computed, ${report.failed.length} failed → ${out}/cells/\n`,
        );
      }
      if (report.failed.length > 0) {
        throw new WorkFailed(
          `${report.failed.length} cell(s) failed, e.g. ${report.failed[0]!.id}: ${report.failed[0]!.error} (run the same command again to retry them)`,
        );
      }
    });
}
