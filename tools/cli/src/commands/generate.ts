import { Option, type Command } from 'commander';
import { generateScenario, PRESETS, type GenerateOptions, type PresetName } from '@jcaco/model';
import { checkOutputs, emit, parseIntFlag, parseNumberFlag, toJsonChunks } from '../io.js';

/** The flags of `jcaco generate`, as commander hands them over (strings until parsed). */
interface GenerateFlags {
  ues?: string;
  aps?: string;
  servers?: string;
  seed?: string;
  preset?: PresetName;
  area?: string;
  allocation?: 'optimal' | 'equal';
  fading?: 'none' | 'rayleigh';
  name?: string;
  out?: string;
}

/**
 * Turns the flags into generator options; a bad value is a UsageError naming the flag.
 * @param flags - the parsed flags.
 * @returns the options for `generateScenario`.
 * @throws UsageError for a size that is not a positive integer, a seed outside 32 bits, or a
 *   non-positive area.
 */
export function generateOptionsFromFlags(flags: GenerateFlags): GenerateOptions {
  const options: GenerateOptions = {};
  const set = <K extends keyof GenerateOptions>(key: K, v: GenerateOptions[K] | undefined): void => {
    if (v !== undefined) options[key] = v;
  };
  set('preset', flags.preset);
  set('ues', parseIntFlag('--ues', flags.ues, 1, 1_000_000));
  set('aps', parseIntFlag('--aps', flags.aps, 1, 10_000));
  set('servers', parseIntFlag('--servers', flags.servers, 1, 10_000));
  // createRng truncates seeds to 32 bits; accept exactly the seeds that stay distinct.
  set('seed', parseIntFlag('--seed', flags.seed, -(2 ** 31), 2 ** 31 - 1));
  set('areaM', parseNumberFlag('--area', flags.area, 0, 1e7, true));
  set('allocation', flags.allocation);
  set('fading', flags.fading);
  set('name', flags.name);
  return options;
}

/**
 * Registers `jcaco generate`: writes a generated scenario (`jcaco/scenario@1`, docs/spec-interfaces.md)
 * to stdout or, atomically, to `--out FILE`.
 * @param program - the jcaco program.
 * @example
 * // jcaco generate --ues 10 --seed 7 --out scenario.json
 */
export function register(program: Command): void {
  const presets = Object.keys(PRESETS) as PresetName[];
  program
    .command('generate')
    .description('write a generated scenario (jcaco/scenario@1) to stdout or --out FILE')
    .option('--ues <n>', "number of UEs (default: the preset's, 30 for paper)")
    .option('--aps <m>', "number of access points, on a square grid (default: the preset's)")
    .option('--servers <k>', "number of edge servers (default: the preset's)")
    .option('--seed <s>', 'seed of the random draws, a 32-bit integer (default 1)')
    .addOption(new Option('--preset <name>', 'preset (see below and docs/model.md)').choices(presets).default('paper'))
    .option('--area <metres>', 'side of the square area in metres (default: 200 m per grid column of APs)')
    .addOption(new Option('--allocation <policy>', 'allocation policy').choices(['optimal', 'equal']))
    .addOption(
      new Option('--fading <kind>', 'fading (none: complete information; rayleigh: stochastic)').choices([
        'none',
        'rayleigh',
      ]),
    )
    .option('--name <name>', 'scenario name (default: from the preset, sizes and seed)')
    .option('--out <file>', 'write the scenario to FILE (atomically) instead of stdout')
    .addHelpText(
      'after',
      `\nPresets:\n${presets.map((p) => `  ${p.padEnd(6)}  ${PRESETS[p].description}`).join('\n')}\n`,
    )
    .action((flags: GenerateFlags) => {
      const options = generateOptionsFromFlags(flags);
      checkOutputs([['--out', flags.out, 'file']]);
      const scenario = generateScenario(options);
      emit(toJsonChunks(scenario), flags.out);
      if (flags.out) {
        process.stderr.write(
          `jcaco: wrote ${flags.out} (${scenario.name}: ${scenario.ues.length} UEs, ${scenario.aps.length} APs, ${scenario.servers.length} servers)\n`,
        );
      }
    });
}
