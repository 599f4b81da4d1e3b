import type { Command } from 'commander';
import {
  certify,
  CERTIFY_MAX_PROFILES,
  formatCertificate,
  jcacoFiniteGame,
  jcacoProfileCount,
  toNfg,
  type CertifyOptions,
} from '@jcaco/potential';
import * as io from '../io.js';
import { WorkFailed } from '../exit.js';

/** The flags of `jcaco check`. */
interface CheckFlags {
  scenario: string;
  setting?: string;
  json?: boolean;
  strict?: boolean;
  samples?: string;
  seed?: string;
  maxProfiles?: string;
  mcSlots?: string;
  out?: string;
  nfg?: string;
}

/**
 * Registers `jcaco check`: runs the executable proofs of `@jcaco/potential` on a scenario and
 * prints the certificate (docs/spec-interfaces.md) with `--json`, or a proof report.
 * @param program - the jcaco program.
 * @example
 * // jcaco check --scenario s.json --json --strict
 */
export function register(program: Command): void {
  program
    .command('check')
    .description(
      'check the potential-game theorems on a scenario (docs/spec-model.md §4–§5): the potential identity in decimal and float, the finite improvement property, pure Nash equilibria, PoS ≤ 2, Φ ≤ C ≤ 2Φ',
    )
    .requiredOption('--scenario <file>', 'scenario file (jcaco/scenario@1)')
    .option(
      '--setting <setting>',
      'complete (Theorem 1) or stochastic (Theorem 2); default: stochastic when the scenario has Rayleigh fading',
    )
    .option('--json', 'print the certificate as one JSON document instead of the proof report')
    .option('--strict', 'exit with code 1 when a check fails (e.g. an equal-allocation scenario)')
    .option(
      '--samples <n>',
      'profiles sampled for the identity check when the game is too large for every deviation (default 16)',
    )
    .option(
      '--seed <s>',
      'seed of every random draw: sampled profiles, better-response paths, Monte Carlo slots (default 1)',
    )
    .option(
      '--max-profiles <n>',
      `enumeration limit of the exhaustive checks, in profiles (default ${CERTIFY_MAX_PROFILES})`,
    )
    .option('--mc-slots <n>', 'slots of the Monte Carlo check in the stochastic setting (default 4000; 0 skips it)')
    .option(
      '--nfg <file>',
      'also write the game in Gambit .nfg format (payoffs = −times) when it is within the enumeration limit',
    )
    .option('--out <file>', 'write the result to FILE (atomically) instead of stdout')
    .action((flags: CheckFlags) => {
      const setting = io.parseSetting(flags.setting);
      const samples = io.parseIntFlag('--samples', flags.samples, 1, 1_000_000);
      const seed = io.parseIntFlag('--seed', flags.seed, -(2 ** 31), 2 ** 31 - 1);
      const maxProfiles = io.parseIntFlag('--max-profiles', flags.maxProfiles, 1, 2 ** 30);
      const mcSlots = io.parseIntFlag('--mc-slots', flags.mcSlots, 0, 100_000_000);
      if (mcSlots !== undefined && mcSlots > 0 && mcSlots < 30)
        throw new io.UsageError(`--mc-slots: expected 0 or at least 30, got ${mcSlots}`);
      io.checkOutputs([
        ['--out', flags.out, 'file'],
        ['--nfg', flags.nfg, 'file'],
      ]);
      const t0 = performance.now();
      const game = io.loadGame(flags.scenario, setting ? { setting } : {});
      const options: CertifyOptions = {
        // Progress on stderr once the command has taken a second (large games: minutes).
        onPhase: (phase) => {
          const s = (performance.now() - t0) / 1000;
          if (s >= 1) process.stderr.write(`jcaco check: ${phase} (${s.toFixed(0)} s so far)\n`);
        },
        ...(samples !== undefined ? { samples } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(maxProfiles !== undefined ? { maxProfiles } : {}),
        ...(mcSlots !== undefined ? { monteCarloSlots: mcSlots } : {}),
      };
      if (flags.nfg) {
        const limit = maxProfiles ?? CERTIFY_MAX_PROFILES;
        const P = jcacoProfileCount(game);
        if (!(P <= limit))
          throw new io.UsageError(
            `--nfg: the game has ${P} profiles, over the enumeration limit ${limit} (raise --max-profiles)`,
          );
        io.writeFileAtomic(
          flags.nfg,
          toNfg(jcacoFiniteGame(game), {
            title: game.scenario.name,
            maxProfiles: limit,
            comment: `jcaco ${game.setting} information, ${game.policy} allocation; payoffs are negated completion times (s)`,
          }),
        );
      }
      const cert = certify(game, options);
      io.emit(flags.json ? io.toJson(cert) : formatCertificate(cert), flags.out);
      if (flags.strict && !cert.verdict.holds) {
        throw new WorkFailed(`check failed (--strict): ${cert.verdict.failed.join('; ')}`);
      }
    });
}
