import {
  COMMIT,
  createRng,
  DEFAULT_SEED,
  deriveSeed,
  profileToEntries,
  VERSION,
  type Game,
  type ProfileEntry,
  type Rng,
} from '@jcaco/model';
import { formatCount } from '../errors.js';
import { tabulate } from '../finite/finite-game.js';
import { checkFiniteImprovement, type ImprovementCycle } from '../finite/improvement.js';
import { checkExactPotential, checkWeightedPotential, type FourCycle } from '../finite/potential.js';
import { actionsToCodes, jcacoFiniteGame, jcacoProfileCount, strategyLabel } from './adapter.js';
import { betterResponsePath, potentialLowerBound, randomProfile, randomUeBetterResponses } from './dynamics.js';
import { jcacoEquilibria } from './equilibria.js';
import { checkPotentialIdentity, type IdentityDeviation } from './identity.js';
import { checkMonteCarlo, type MonteCarloCertificate } from './monte-carlo.js';

/** Default enumeration limit of {@link certify}'s exhaustive parts: 2^18 = 262,144 profiles. */
export const CERTIFY_MAX_PROFILES = 1 << 18;

/** Default Monderer–Shapley 4-cycle budget of {@link certify}: 10^7 (about a second). */
export const CERTIFY_MAX_CYCLES = 10_000_000;

/**
 * Deviations per profile up to which {@link certify}'s sampled paths scan every deviation at each
 * move (100,000); over it, each path draws one UE per step (O(|A_i|) a step, see `randomUeBetterResponses`).
 */
export const CERTIFY_PATH_SCAN_LIMIT = 100_000;

/** Options of {@link certify}. */
export interface CertifyOptions {
  /** Seed of every random draw (sampled profiles, paths, Monte Carlo); default 1. */
  seed?: number;
  /** Profiles drawn for the identity check when it is not exhaustive (default 16). */
  samples?: number;
  /** The exhaustive identity threshold in deviations (default 100,000). */
  maxDeviations?: number;
  /** Enumeration limit of the exhaustive parts (FIP, NE, 4-cycles), in profiles (default 2^18). */
  maxProfiles?: number;
  /** Monderer–Shapley 4-cycle budget (default 10^7; every deviation is checked regardless). */
  maxCycles?: number;
  /** Decimal digits and tolerance of the identity (default 40 and 1e-25). */
  digits?: number;
  tolerance?: number;
  /** Slots of the Monte Carlo check (stochastic setting only; default 4000; 0 skips it). */
  monteCarloSlots?: number;
  /** Better-response paths run when the profile space is too large to enumerate (default 8). */
  pathRuns?: number;
  /** Called as each check starts, with its name (e.g. to show progress of a long run). */
  onPhase?: (phase: string) => void;
}

/** A deviation in the certificate: {@link IdentityDeviation} with the UE, profile and strategies by ids. */
export type CertificateDeviation = Omit<IdentityDeviation, 'ue' | 'profile' | 'from' | 'to'> & {
  ue: string;
  profile: ProfileEntry[];
  from: string;
  to: string;
};

/** A step of a better-response cycle in the certificate: the profile, who moves where, the gain. */
export interface CertificateCycleStep {
  profile: ProfileEntry[];
  mover: string;
  to: string;
  gain: number;
}

/**
 * The certificate of `jcaco check --json` (docs/spec-interfaces.md): the contract fields `potential`,
 * `finiteImprovement` and `nash`, plus what was checked and how.
 */
export interface JcacoCertificate {
  schema: 'jcaco/check@1';
  scenario: string;
  setting: Game['setting'];
  policy: Game['policy'];
  ues: number;
  aps: number;
  servers: number;
  /** Π_i |A_i| (null in JSON when it overflows a double) and its log10. */
  profileSpace: number;
  profileSpaceLog10: number;
  /** Whether the profile space was enumerated (FIP, NE, 4-cycles), and the limit. */
  exhaustive: boolean;
  enumerationLimit: number;
  seed: number;
  theorem: 'Theorem 1' | 'Theorem 2';
  potential: {
    /** The potential established: the claim when it holds, `none` when a counterexample was found. */
    kind: 'exact' | 'weighted' | 'none';
    /** The claim tested: `exact` (complete information, or all θ = 1) or `weighted` (θ_i). */
    claim: 'exact' | 'weighted';
    holds: boolean;
    deviationsChecked: number;
    /** Decimal: worst |w_i ΔT_i − ΔΦ|, and relative to w_i · max(T_i, T_i'). */
    maxAbsError: number;
    maxRelError: number;
    counterexample:
      | (CertificateDeviation & { fourCycle: FourCycleOut | null; betterResponseCycle: CertificateCycleStep[] | null })
      | null;
    mode: 'exhaustive' | 'sampled';
    profilesChecked: number;
    digits: number;
    tolerance: number;
    weights: number[];
    float: { maxAbsError: number; maxRelError: number };
    /** The generic Monderer–Shapley verifier on the float cost table (exhaustive only). */
    fourCycles: {
      holds: boolean;
      total: number;
      checked: number;
      complete: boolean;
      maxRelImbalance: number;
      deviationsChecked: number;
    } | null;
  };
  finiteImprovement: {
    checked: boolean;
    holds: boolean | null;
    cycle: CertificateCycleStep[] | null;
    edges: number | null;
    /**
     * When not exhaustive: better-response paths from random profiles, each checked to lower Φ at
     * every move. `scope` `all-deviations`: every move chosen among all improving deviations, a
     * path ending at a pure NE or after 20,000 moves; `random-ue` (over CERTIFY_PATH_SCAN_LIMIT
     * deviations per profile): 20,000 steps of one drawn UE each, so `reachedEquilibrium` is 0
     * (not checked) and `maxMoves` counts the moves made.
     */
    sampledPaths: {
      scope: 'all-deviations' | 'random-ue';
      runs: number;
      reachedEquilibrium: number;
      maxMoves: number;
      potentialAlwaysDecreased: boolean;
    } | null;
  };
  nash: {
    exists: boolean | null;
    count: number | null;
    argminPotential: ProfileEntry[] | null;
    argminPotentialIsNash: boolean | null;
    socialOptimum: number | null;
    priceOfStability: number | null;
    priceOfAnarchy: number | null;
    /** `sum` (Σ T_i) or `theta-weighted` (Σ θ_i T̄_i, the expected total per slot). */
    socialCost: 'sum' | 'theta-weighted';
    bounds: { holds: boolean; minRatio: number; maxRatio: number; violations: number } | null;
    priceOfStabilityAtMost2: boolean | null;
    /** Φ_lb = Σ θ_i min T_i^solo, the lower bound used by the ε-improvement move bound. */
    potentialLowerBound: number;
    reason: string | null;
  };
  monteCarlo: MonteCarloCertificate | null;
  verdict: { holds: boolean; failed: string[] };
  version: string;
  commit: string;
}

/** A Monderer–Shapley 4-cycle in the certificate, by ids. */
export type FourCycleOut = {
  profiles: ProfileEntry[][];
  movers: string[];
  costChanges: number[];
  imbalance: number;
  relImbalance: number;
};

/**
 * Runs every check of this package on a JCACO game and assembles the certificate of
 * `jcaco check`: the potential identity of Theorem 1 or 2 (decimal and float), the generic
 * Monderer–Shapley verifier, the finite improvement property, the pure Nash equilibria with
 * PoA, PoS and the bounds Φ ≤ C ≤ 2Φ, and (stochastic setting) Monte Carlo agreement of sampled
 * slot times with T̄_i. Exhaustive parts run when Π|A_i| ≤ `maxProfiles`, and say so when not.
 * @param game - the game.
 * @param options - seed, sample sizes, limits.
 * @returns the certificate (JSON-ready through `toJson`: typed arrays become arrays).
 * @throws RangeError on invalid options.
 * @example
 * const cert = certify(buildGame(scenario), { seed: 1 });
 * cert.verdict.holds; // → true under `optimal`
 */
export function certify(game: Game, options: CertifyOptions = {}): JcacoCertificate {
  const seed = options.seed ?? DEFAULT_SEED;
  const maxProfiles = options.maxProfiles ?? CERTIFY_MAX_PROFILES;
  const P = jcacoProfileCount(game);
  const exhaustive = P <= maxProfiles;
  const entries = (codes: ArrayLike<number>): ProfileEntry[] => profileToEntries(game, codes);
  const ueId = (i: number): string => game.scenario.ues[i]!.id;
  const phase = options.onPhase ?? ((): void => undefined);

  phase('potential identity');
  const identity = checkPotentialIdentity(game, {
    rng: createRng(deriveSeed(seed, 1)),
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
    ...(options.maxDeviations !== undefined ? { maxDeviations: options.maxDeviations } : {}),
    ...(options.digits !== undefined ? { digits: options.digits } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  });
  const deviationOut = (d: IdentityDeviation): CertificateDeviation => ({
    ue: ueId(d.ue),
    profile: entries(d.profile),
    from: strategyLabel(game, d.from),
    to: strategyLabel(game, d.to),
    time: d.time,
    timeAfter: d.timeAfter,
    weightedDeltaTime: d.weightedDeltaTime,
    deltaPotential: d.deltaPotential,
    absError: d.absError,
    relError: d.relError,
    ...(d.exact ? { exact: d.exact } : {}),
  });
  const cycleOut = (c: ImprovementCycle): CertificateCycleStep[] =>
    c.profiles.map((p, s) => {
      const codes = actionsToCodes(game, p);
      const next = actionsToCodes(game, c.profiles[(s + 1) % c.profiles.length]!);
      const mover = c.movers[s]!;
      return { profile: entries(codes), mover: ueId(mover), to: strategyLabel(game, next[mover]!), gain: c.gains[s]! };
    });
  const fourCycleOut = (c: FourCycle): FourCycleOut => ({
    profiles: c.profiles.map((p) => entries(actionsToCodes(game, p))),
    movers: c.movers.map(ueId),
    costChanges: c.costChanges,
    imbalance: c.imbalance,
    relImbalance: c.relImbalance,
  });

  const failed: string[] = [];
  let fourCycles: JcacoCertificate['potential']['fourCycles'] = null;
  let fourCycleCe: FourCycleOut | null = null;
  let fip: JcacoCertificate['finiteImprovement'];
  let nash: JcacoCertificate['nash'];
  const socialCost = game.setting === 'complete' ? 'sum' : 'theta-weighted';
  const lb = potentialLowerBound(game);
  if (exhaustive) {
    phase(`exhaustive checks over ${formatCount(P)} profiles`);
    const table = tabulate(jcacoFiniteGame(game), { maxProfiles });
    const allOne = game.theta.every((t) => t === 1);
    const msOptions = { maxCycles: options.maxCycles ?? CERTIFY_MAX_CYCLES };
    const ms = allOne ? checkExactPotential(table, msOptions) : checkWeightedPotential(table, game.theta, msOptions);
    fourCycles = {
      holds: ms.holds,
      total: ms.fourCycles.total,
      checked: ms.fourCycles.checked,
      complete: ms.fourCycles.complete,
      maxRelImbalance: ms.fourCycles.maxRelImbalance,
      deviationsChecked: ms.deviationsChecked,
    };
    fourCycleCe = ms.counterexample ? fourCycleOut(ms.counterexample) : null;
    const fi = checkFiniteImprovement(table);
    fip = {
      checked: true,
      holds: fi.holds,
      cycle: fi.cycle ? cycleOut(fi.cycle) : null,
      edges: fi.edges,
      sampledPaths: null,
    };
    const eq = jcacoEquilibria(game, { table });
    const r = eq.report;
    nash = {
      exists: r.nashCount > 0,
      count: r.nashCount,
      argminPotential: eq.argminPotential ? entries(eq.argminPotential) : null,
      argminPotentialIsNash: r.argminPotentialIsNash,
      socialOptimum: r.socialOptimum.socialCost,
      priceOfStability: r.nashCount > 0 ? r.priceOfStability : null,
      priceOfAnarchy: r.nashCount > 0 ? r.priceOfAnarchy : null,
      socialCost,
      bounds: {
        holds: eq.bounds.holds,
        minRatio: eq.bounds.minRatio,
        maxRatio: eq.bounds.maxRatio,
        violations: eq.bounds.violations,
      },
      priceOfStabilityAtMost2: eq.priceOfStabilityAtMost2,
      potentialLowerBound: lb,
      reason: null,
    };
    if (!ms.holds) failed.push('Monderer–Shapley 4-cycle test');
    if (!fi.holds) failed.push('finite improvement property');
    if (!r.argminPotentialIsNash) failed.push('argmin Φ is a Nash equilibrium');
    if (!eq.bounds.holds) failed.push('Φ ≤ C ≤ 2Φ');
    if (!eq.priceOfStabilityAtMost2) failed.push('PoS ≤ 2');
  } else {
    phase('better-response paths');
    const sampledPaths = samplePaths(game, options.pathRuns ?? 8, createRng(deriveSeed(seed, 2)));
    fip = { checked: false, holds: null, cycle: null, edges: null, sampledPaths };
    if (!sampledPaths.potentialAlwaysDecreased) failed.push('better-response paths lower Φ');
    const reason = `the profile space (${formatCount(P)} profiles) is over the enumeration limit of ${formatCount(maxProfiles)}`;
    nash = {
      exists: null,
      count: null,
      argminPotential: null,
      argminPotentialIsNash: null,
      socialOptimum: null,
      priceOfStability: null,
      priceOfAnarchy: null,
      socialCost,
      bounds: null,
      priceOfStabilityAtMost2: null,
      potentialLowerBound: lb,
      reason,
    };
  }
  if (!identity.holds) failed.unshift(`${identity.theorem} ${identity.kind} potential identity`);

  let monteCarlo: MonteCarloCertificate | null = null;
  const slots = options.monteCarloSlots ?? 4000;
  if (game.setting === 'stochastic' && slots > 0) {
    phase(`Monte Carlo over ${slots} slots`);
    monteCarlo = checkMonteCarlo(
      game,
      randomProfile(game, createRng(deriveSeed(seed, 3))),
      createRng(deriveSeed(seed, 4)),
      { slots },
    );
    if (!monteCarlo.holds) failed.push('Monte Carlo agreement with T̄_i');
  }

  const potentialHolds = identity.holds && (fourCycles?.holds ?? true);
  return {
    schema: 'jcaco/check@1',
    scenario: game.scenario.name,
    setting: game.setting,
    policy: game.policy,
    ues: game.N,
    aps: game.M,
    servers: game.K,
    profileSpace: P,
    profileSpaceLog10: log10Count(game),
    exhaustive,
    enumerationLimit: maxProfiles,
    seed,
    theorem: identity.theorem,
    potential: {
      kind: potentialHolds ? identity.kind : 'none',
      claim: identity.kind,
      holds: potentialHolds,
      deviationsChecked: identity.deviationsChecked,
      maxAbsError: identity.maxAbsError,
      maxRelError: identity.maxRelError,
      counterexample:
        identity.counterexample || fourCycleCe || fip.cycle
          ? {
              ...deviationOut(identity.counterexample ?? identity.worst!),
              fourCycle: fourCycleCe,
              betterResponseCycle: fip.cycle,
            }
          : null,
      mode: identity.mode,
      profilesChecked: identity.profilesChecked,
      digits: identity.digits,
      tolerance: identity.tolerance,
      weights: identity.weights,
      float: { maxAbsError: identity.float.maxAbsError, maxRelError: identity.float.maxRelError },
      fourCycles,
    },
    finiteImprovement: fip,
    nash,
    monteCarlo,
    verdict: { holds: failed.length === 0, failed },
    version: VERSION,
    commit: COMMIT,
  };
}

/** The sampled better-response paths of a game too large to enumerate (see `finiteImprovement.sampledPaths`). */
function samplePaths(
  game: Game,
  runs: number,
  rng: Rng,
): NonNullable<JcacoCertificate['finiteImprovement']['sampledPaths']> {
  let deviations = 0;
  for (let i = 0; i < game.N; i++) deviations += game.offsets[i + 1]! - game.offsets[i]! - 1;
  const scope = deviations <= CERTIFY_PATH_SCAN_LIMIT ? 'all-deviations' : 'random-ue';
  let reached = 0;
  let maxMoves = 0;
  let decreased = true;
  for (let r = 0; r < runs; r++) {
    if (scope === 'random-ue') {
      const moves = randomUeBetterResponses(game, randomProfile(game, rng), rng, 20_000);
      maxMoves = Math.max(maxMoves, moves.moves);
      if (!moves.potentialAlwaysDecreased) decreased = false;
      continue;
    }
    const path = betterResponsePath(game, randomProfile(game, rng), rng, { maxMoves: 20_000 });
    if (path.reachedEquilibrium) reached++;
    maxMoves = Math.max(maxMoves, path.moves);
    for (let s = 1; s < path.potentials.length; s++)
      if (!(path.potentials[s]! < path.potentials[s - 1]!)) decreased = false;
  }
  return { scope, runs, reachedEquilibrium: reached, maxMoves, potentialAlwaysDecreased: decreased };
}

function log10Count(game: Game): number {
  let s = 0;
  for (let i = 0; i < game.N; i++) s += Math.log10(game.offsets[i + 1]! - game.offsets[i]!);
  return s;
}

const fmt = (v: number, digits = 3): string =>
  Number.isFinite(v)
    ? v === 0
      ? '0'
      : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6
        ? v.toExponential(digits - 1)
        : v.toPrecision(digits)
    : String(v);

/**
 * The human-readable proof report of `jcaco check`: which theorem, what was checked, the verdict.
 * @param cert - a certificate from {@link certify}.
 * @returns the report, several lines, ending in a newline.
 * @example
 * process.stdout.write(formatCertificate(certify(game)));
 */
export function formatCertificate(cert: JcacoCertificate): string {
  const L: string[] = [];
  const ok = (b: boolean | null): string => (b === null ? 'NOT CHECKED' : b ? 'HOLDS' : 'FAILS');
  const space = Number.isFinite(cert.profileSpace)
    ? formatCount(cert.profileSpace)
    : `10^${cert.profileSpaceLog10.toFixed(1)}`;
  L.push(
    `jcaco check: scenario "${cert.scenario}" (${cert.ues} UEs, ${cert.aps} APs, ${cert.servers} ESs), ${cert.setting} information, allocation ${cert.policy}`,
  );
  L.push(
    `profile space: ${space} pure profiles (${cert.exhaustive ? 'enumerated exhaustively' : `over the enumeration limit ${formatCount(cert.enumerationLimit)}: sampled checks only`}); seed ${cert.seed}`,
  );
  L.push('');
  const p = cert.potential;
  const claim =
    cert.theorem === 'Theorem 1'
      ? "T_i(a_i', a_-i) - T_i(a) = Φ(a_i', a_-i) - Φ(a) for every unilateral deviation (exact potential, docs/spec-model.md §4)"
      : `θ_i·(T̄_i(a_i', a_-i) - T̄_i(a)) = Φ̄(a_i', a_-i) - Φ̄(a) for every unilateral deviation (${p.claim} potential, docs/spec-model.md §5)`;
  L.push(`${cert.theorem}: ${claim}`);
  L.push(
    `  ${ok(p.holds)}: ${p.mode === 'exhaustive' ? 'every deviation of every profile' : `every deviation of ${p.profilesChecked} seeded random profiles`}, ${p.deviationsChecked} deviations,`,
  );
  L.push(
    `  both sides recomputed in decimal.js at ${p.digits} digits: worst relative error ${fmt(p.maxRelError)} (tolerance ${fmt(p.tolerance)});`,
  );
  L.push(`  in float64: worst relative error ${fmt(p.float.maxRelError)}, absolute ${fmt(p.float.maxAbsError)} s`);
  if (p.fourCycles) {
    L.push(
      `  Monderer–Shapley test on the cost table: ${ok(p.fourCycles.holds)}, ${p.fourCycles.checked} of ${p.fourCycles.total} 4-cycles${p.fourCycles.complete ? '' : ' (budget reached)'}, ${p.fourCycles.deviationsChecked} deviations against the reconstructed potential`,
    );
  }
  if (p.counterexample && !p.holds) {
    const c = p.counterexample;
    L.push(
      `  counterexample: ${c.ue} moving ${c.from} -> ${c.to}: θΔT = ${fmt(c.weightedDeltaTime, 6)} s but ΔΦ = ${fmt(c.deltaPotential, 6)} s (relative error ${fmt(c.relError)})`,
    );
    if (c.fourCycle)
      L.push(
        `  4-cycle ${c.fourCycle.movers.join(', ')} with imbalance ${fmt(c.fourCycle.imbalance, 4)} s (0 in a potential game)`,
      );
  }
  L.push('');
  const f = cert.finiteImprovement;
  L.push('Finite improvement property: every better-response path is finite');
  if (f.checked) {
    L.push(
      `  ${ok(f.holds)}: exhaustive search of the better-response graph (${space} profiles, ${f.edges} improving moves)${f.holds ? ', no cycle' : ''}`,
    );
    if (f.cycle) {
      L.push(`  better-response cycle of ${f.cycle.length} moves:`);
      for (const s of f.cycle) L.push(`    ${s.mover} -> ${s.to} (gain ${fmt(s.gain, 4)} s)`);
    }
  } else {
    const sp = f.sampledPaths!;
    const fell = sp.potentialAlwaysDecreased ? 'fell at every move' : 'did NOT fall at every move';
    L.push(
      sp.scope === 'random-ue'
        ? `  NOT CHECKED exhaustively; ${sp.runs} runs of 20,000 better responses of randomly drawn UEs from random profiles (at most ${sp.maxMoves} moves; equilibrium not checked at this size), Φ ${fell}`
        : `  NOT CHECKED exhaustively; ${sp.runs} better-response paths from random profiles: ${sp.reachedEquilibrium} reached a pure NE (at most ${sp.maxMoves} moves), Φ ${fell}`,
    );
  }
  L.push('');
  const n = cert.nash;
  L.push('Nash equilibria and efficiency (docs/spec-model.md §4: argmin Φ is a pure NE, Φ ≤ C ≤ 2Φ, PoS ≤ 2)');
  if (n.count === null) {
    L.push(`  NOT CHECKED: ${n.reason}`);
  } else {
    L.push(
      `  ${n.count} pure NE; argmin Φ ${n.argminPotentialIsNash ? 'is' : 'is NOT'} an NE; social optimum ${fmt(n.socialOptimum ?? Number.NaN, 6)} s (${n.socialCost === 'sum' ? 'Σ T_i' : 'Σ θ_i T̄_i'})`,
    );
    if (n.priceOfStability !== null)
      L.push(
        `  PoS ${fmt(n.priceOfStability, 6)} (${n.priceOfStabilityAtMost2 ? '≤ 2' : '> 2!'}), PoA over the pure NE ${fmt(n.priceOfAnarchy!, 6)}`,
      );
    if (n.bounds)
      L.push(
        `  Φ ≤ C ≤ 2Φ: ${ok(n.bounds.holds)} on all profiles, C/Φ in [${fmt(n.bounds.minRatio, 6)}, ${fmt(n.bounds.maxRatio, 6)}]`,
      );
  }
  if (cert.monteCarlo) {
    const m = cert.monteCarlo;
    L.push('');
    L.push('Monte Carlo (docs/spec-model.md §5): slot-sampled times given active agree with T̄_i');
    L.push(
      `  ${ok(m.holds)}: ${m.slots} slots at one random profile; largest |z| ${fmt(m.maxAbsZ)} (limit ${fmt(m.zLimit)}); Φ̄ z = ${fmt(m.potential.z)}`,
    );
  }
  L.push('');
  L.push(cert.verdict.holds ? 'Verdict: every check passed.' : `Verdict: FAILED: ${cert.verdict.failed.join('; ')}.`);
  return `${L.join('\n')}\n`;
}
