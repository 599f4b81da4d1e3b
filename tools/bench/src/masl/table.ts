/**
 * "How well MASL learns" (docs/masl.md): the NE-rate table over seeded small games for step sizes
 * b ∈ {0.05, 0.02, 0.01, 0.005, 0.002}, the reward normalisations side by side, MASL+ on the same
 * games, and the MASL-vs-ODE gap with its fitted slope.
 *
 * Run: `node tools/cli/bin/run-ts.mjs tools/bench/src/masl/table.ts [--games 30] [--write]`
 * (`--write` puts the tables into docs/masl.md between its markers; otherwise they go to stdout).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LoadState, type Game } from '@jcaco/model';
import { learningGame } from '@jcaco/model/arbitraries';
import { announcedBounds, compareWithOde, runMasl, runMaslPlus, type MaslRun, type Normalisation } from '@jcaco/masl';

/** The largest gain of a unilateral deviation relative to the deviating UE's time: 0 at a pure NE. */
export function relativeGain(game: Game, profile: Int32Array): number {
  const state = new LoadState(game, profile);
  let worst = 0;
  for (let i = 0; i < game.N; i++) {
    if (profile[i]! < 0) continue;
    const t = state.time(i);
    state.bestResponse(i);
    worst = Math.max(worst, (t - state.bestTime) / t);
  }
  return worst;
}

/** A profile counts as a pure NE when no UE gains more than this fraction of its time (rounding only). */
const NE_TOLERANCE = 1e-9;

interface Summary {
  ne: number;
  games: number;
  medianGain: number;
  worstGain: number;
  medianSlots: number;
  worstSlots: number;
  converged: number;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/** A row of the MASL / MASL+ comparison: NE share, median and worst relative gain and slots, then `slotsRatio`. */
function comparisonRow(label: string, s: Summary, slotsRatio: string): string {
  const slots = [s.medianSlots, s.worstSlots].map((x) => x.toLocaleString('en'));
  return row([label, pct(s.ne, s.games), sci(s.medianGain), sci(s.worstGain), ...slots, slotsRatio]);
}

function summarise(games: Game[], run: (g: Game, seed: number) => MaslRun): Summary {
  const gains: number[] = [];
  const slots: number[] = [];
  let ne = 0;
  let converged = 0;
  games.forEach((g, k) => {
    const r = run(g, k + 1);
    const gain = relativeGain(g, r.result.profile);
    gains.push(gain);
    slots.push(r.slots);
    if (gain <= NE_TOLERANCE) ne++;
    if (r.result.converged) converged++;
  });
  return {
    ne,
    games: games.length,
    medianGain: median(gains),
    worstGain: Math.max(...gains),
    medianSlots: median(slots),
    worstSlots: Math.max(...slots),
    converged,
  };
}

const pct = (a: number, n: number): string => `${((100 * a) / n).toFixed(0)} % (${a}/${n})`;
const sci = (v: number): string => (v === 0 ? '0' : v.toExponential(1));
const row = (cells: Array<string | number>): string => `| ${cells.map(String).join(' | ')} |`;

/**
 * Computes every table.
 * @param nGames - the number of seeded games (≥ 30 for the docs).
 * @param budget - slot budget per run.
 * @returns the Markdown.
 */
export function maslTables(nGames: number, budget = 2_000_000): string {
  const games = Array.from({ length: nGames }, (_, k) => learningGame(k + 1));
  const sizes = games.flatMap((g) => Array.from({ length: g.N }, (_, i) => g.offsets[i + 1]! - g.offsets[i]!));
  const out: string[] = [];
  const log = (s: string): void => void process.stderr.write(`masl table: ${s}\n`);
  out.push(
    `Games: ${nGames} seeded games (seeds 1–${nGames}) of 4 UEs, 2 APs, 2 ESs with two GDMs each and steps 10–50; ` +
      `|A_i| from ${Math.min(...sizes)} to ${Math.max(...sizes)}, mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)}. ` +
      `Run seed = game seed; budget ${budget.toLocaleString('en')} slots; ε = 0.01; a run ends at a pure NE when no UE can gain more than ${NE_TOLERANCE} of its time by deviating.\n`,
  );

  const steps = [0.05, 0.02, 0.01, 0.005, 0.002];
  out.push('### MASL (L_R-I) with the default normalisation: the own observed range, forgetting 10·b per slot\n');
  out.push(
    row(['b', 'pure NE', 'median rel. gain', 'worst rel. gain', 'median slots', 'worst slots', 'stop rule met']),
  );
  out.push(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  const byB = new Map<number, Summary>();
  for (const b of steps) {
    log(`MASL b = ${b}`);
    const s = summarise(games, (g, seed) => runMasl(g, { stepSize: b, seed, maxSlots: budget, trace: false }));
    byB.set(b, s);
    out.push(
      row([
        b,
        pct(s.ne, s.games),
        sci(s.medianGain),
        sci(s.worstGain),
        s.medianSlots.toLocaleString('en'),
        s.worstSlots.toLocaleString('en'),
        pct(s.converged, s.games),
      ]),
    );
  }

  out.push('\n### Other normalisations (same games, same seeds)\n');
  out.push(row(['normalisation', 'b', 'pure NE', 'median rel. gain', 'worst rel. gain', 'median slots']));
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:']));
  const variants: Array<{
    label: string;
    b: number;
    opts: (g: Game) => { normalisation: Normalisation; forgetting?: number; tmax?: Float64Array; tmin?: Float64Array };
  }> = [];
  for (const b of [0.01, 0.002]) {
    variants.push({
      label: 'own observed range, never forgotten',
      b,
      opts: () => ({ normalisation: 'range', forgetting: 0 }),
    });
    variants.push({
      label: 'own observed maximum as T^max (r = 1 − T/T^max)',
      b,
      opts: () => ({ normalisation: 'max' }),
    });
    variants.push({
      label: 'announced bound: r = 1 − T/T^max_i (loose)',
      b,
      opts: (g) => ({ normalisation: 'fixed', tmax: announcedBounds(g).tmax }),
    });
    variants.push({
      label: 'announced bounds: r = (T^max_i − T)/(T^max_i − T^min_i)',
      b,
      opts: (g) => ({ normalisation: 'fixed', ...announcedBounds(g) }),
    });
  }
  for (const v of variants) {
    log(`${v.label} b = ${v.b}`);
    const s = summarise(games, (g, seed) =>
      runMasl(g, { stepSize: v.b, seed, maxSlots: budget, trace: false, ...v.opts(g) }),
    );
    out.push(
      row([v.label, v.b, pct(s.ne, s.games), sci(s.medianGain), sci(s.worstGain), s.medianSlots.toLocaleString('en')]),
    );
  }

  log('MASL+');
  const plus = summarise(games, (g, seed) => runMaslPlus(g, { seed, maxSlots: budget, trace: false }));
  const ref = byB.get(0.002)!;
  out.push('\n### MASL+ (same information: learning phase b = 0.05, then the closing probing phase)\n');
  out.push(
    row([
      'method',
      'pure NE',
      'median rel. gain',
      'worst rel. gain',
      'median slots',
      'worst slots',
      'slots vs MASL at b = 0.002 (medians)',
    ]),
  );
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
  out.push(comparisonRow('MASL, b = 0.002', ref, '1'));
  out.push(comparisonRow('MASL+', plus, (plus.medianSlots / ref.medianSlots).toFixed(3)));

  out.push('\n### MASL vs its ODE (docs/spec-model.md §7)\n');
  out.push(
    'Stationary rewards r = (T^max_i − T)/(T^max_i − T^min_i) with the announced bounds, uniform start, horizon t = 20 of the ODE ' +
      '(20/b slots), 21 checkpoints, 400 seeds per b. "Run gap": mean over seeds of max over checkpoints and coordinates of |p_MASL(t/b) − p_ODE(t)|; ' +
      '"mean-path gap": the same for the seed-averaged MASL path. Slopes: least squares of log gap on log b.\n',
  );
  out.push(row(['game', 'b = 0.04 run / mean-path gap', 'b = 0.02', 'b = 0.01', 'run-gap slope', 'mean-path slope']));
  out.push(row(['---:', '---:', '---:', '---:', '---:', '---:']));
  const seeds = Array.from({ length: 400 }, (_, k) => k);
  for (const gs of [1, 2, 3]) {
    log(`ODE comparison, game ${gs}`);
    const c = compareWithOde(games[gs - 1]!, { stepSizes: [0.04, 0.02, 0.01], seeds, horizon: 20 });
    out.push(
      row([
        gs,
        ...c.gaps.map((g) => `${g.meanGap.toFixed(3)} / ${g.meanPathGap.toFixed(4)}`),
        c.slope.toFixed(2),
        c.meanPathSlope.toFixed(2),
      ]),
    );
  }
  return out.join('\n');
}

const BEGIN = '<!-- masl-table:begin (generated by tools/bench/src/masl/table.ts; do not edit by hand) -->';
const END = '<!-- masl-table:end -->';

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--games');
  const nGames = at >= 0 ? Number(argv[at + 1]) : 30;
  if (!(Number.isInteger(nGames) && nGames >= 1)) {
    process.stderr.write('masl table: --games expects a positive integer\n');
    process.exitCode = 2;
  } else {
    const t0 = performance.now();
    const md = maslTables(nGames);
    const stamp = `\n_Generated in ${((performance.now() - t0) / 1000).toFixed(0)} s by \`node tools/cli/bin/run-ts.mjs tools/bench/src/masl/table.ts --write\` (node ${process.version})._\n`;
    if (argv.includes('--write')) {
      const path = new URL('../../../../docs/masl.md', import.meta.url);
      const doc = readFileSync(path, 'utf8');
      const b = doc.indexOf(BEGIN);
      const e = doc.indexOf(END);
      if (b < 0 || e < b) throw new Error('masl table: docs/masl.md lacks the table markers');
      writeFileSync(path, `${doc.slice(0, b + BEGIN.length)}\n\n${md}\n${stamp}\n${doc.slice(e)}`);
      process.stderr.write('masl table: wrote docs/masl.md\n');
    } else {
      process.stdout.write(`${md}\n${stamp}`);
    }
  }
}
