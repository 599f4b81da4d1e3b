import type { Command } from 'commander';
import { GridError, mergeSweep } from '@jcaco/experiments';
import { existsSync, statSync } from 'node:fs';
import { checkOutputs, toJson, UsageError } from '../io.js';
import { WorkFailed } from '../exit.js';

/** The flags of `jcaco merge`. */
interface MergeFlags {
  out?: string;
  allowMissing?: boolean;
  json?: boolean;
}

/**
 * `jcaco merge DIR... [--out DIR] [--allow-missing]`: combines the cells of sweep folders into
 * merged.csv, merged.json and summary.csv; checks that every cell is there exactly once. Exit 1
 * when cells are missing (unless --allow-missing) or two folders disagree on a cell; 2 when a
 * folder is not a sweep folder or the folders hold different grids.
 */
export function register(program: Command): void {
  program
    .command('merge')
    .description('combine sweep shards into one CSV/JSON, checking for missing and duplicate cells')
    .argument('<dirs...>', 'sweep folders (one shared folder, or one per shard)')
    .option('--out <dir>', 'where to write merged.csv, merged.json and summary.csv (default: the first folder)')
    .option('--allow-missing', 'write the merge even when cells are missing (they are listed in merged.json)')
    .option('--json', 'print the report as JSON')
    .action((dirs: string[], flags: MergeFlags) => {
      for (const d of dirs) {
        if (!existsSync(d) || !statSync(d).isDirectory()) throw new UsageError(`merge: ${d} is not a folder`);
      }
      checkOutputs([[flags.out ? '--out' : 'merge:', flags.out ?? dirs[0], 'dir']]);
      let report;
      try {
        report = mergeSweep(dirs, {
          ...(flags.out ? { outDir: flags.out } : {}),
          allowMissing: flags.allowMissing === true,
        });
      } catch (e) {
        if (e instanceof GridError) throw new UsageError(`merge: ${e.message}`, { cause: e });
        throw e;
      }
      if (flags.json) process.stdout.write(toJson(report));
      else {
        const lines = [`jcaco merge: ${report.present} of ${report.expected} cells of grid ${report.gridHash}`];
        if (report.duplicates.length)
          lines.push(
            `  ${report.duplicates.length} cell(s) found in more than one folder with the same result, kept once: ${report.duplicates.slice(0, 5).join(', ')}${report.duplicates.length > 5 ? ', ...' : ''}`,
          );
        if (report.missing.length)
          lines.push(
            `  ${report.missing.length} cell(s) missing: ${report.missing.slice(0, 10).join(', ')}${report.missing.length > 10 ? ', ...' : ''}`,
          );
        if (report.written) lines.push(`  wrote ${report.files.join(', ')}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (report.conflicts.length)
        throw new WorkFailed(
          `${report.conflicts.length} cell(s) differ between folders: ${report.conflicts.slice(0, 10).join(', ')}; nothing written`,
        );
      if (!report.written)
        throw new WorkFailed(
          `${report.missing.length} cell(s) missing (run the missing shards again, or pass --allow-missing); nothing written`,
        );
    });
}
