import { LoadState, nextInt, soloTime, type Game, type Rng } from '@jcaco/model';

/**
 * A lower bound Φ_lb on the potential over all profiles: Σ_i θ_i · min_{a ∈ A_i} T_i^solo(a),
 * with T_i^solo = x2/B + y²/F + t_bh the time UE i would have alone (docs/spec-model.md §4).
 *
 * Why it holds: each AP term of Φ̄ is (2R + S² − Q)/(2B) with R = Σ θ_j x2_j and
 * Q = Σ θ_j² x_j²; S² = (Σ θ_j x_j)² ≥ Σ θ_j² x_j² = Q since every cross term is positive, so
 * the term is at least R/B = Σ_j θ_j x2_j / B; the same holds at each ES. Adding the backhaul,
 * Φ̄(a) ≥ Σ_i θ_i T_i^solo(a_i) ≥ Φ_lb. (Under complete information θ = 1 and this is
 * Φ = ½C + ½ΣT^solo ≥ ΣT^solo, since C ≥ ΣT^solo.) It holds under both policies: Φ is
 * the same function of the profile.
 * @param game - the game.
 * @returns Φ_lb, seconds.
 * @example
 * potentialLowerBound(game) <= evaluateProfile(game, profile).potential; // → true
 */
export function potentialLowerBound(game: Game): number {
  let lb = 0;
  for (let i = 0; i < game.N; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++)
      best = Math.min(best, soloTime(game, i, game.strategies[j]!));
    lb += game.theta[i]! * best;
  }
  return lb;
}

/** Options of {@link betterResponsePath}. */
export interface BetterResponseOptions {
  /**
   * Minimum improvement (seconds) of a move: UE i moves only when its time drops by more
   * than this. Default 0 (any improvement beyond float noise, a relative 1e-12). Not the
   * `epsilon` of MASL (a probability) or of the baselines (a relative gain).
   */
  minImprovementS?: number;
  /** Stop after this many moves (default 100,000): a cycle cannot make the path run forever. */
  maxMoves?: number;
}

/** The outcome of {@link betterResponsePath}. */
export interface BetterResponsePath {
  /** The final profile (strategy codes). */
  profile: Int32Array;
  /** Number of moves made. */
  moves: number;
  /** Φ at the start and after each move (length moves + 1). */
  potentials: number[];
  /** The mover and its time decrease on each move. */
  movers: number[];
  gains: number[];
  /** Whether no UE has a move improving by more than ε at the end (an ε-Nash equilibrium). */
  reachedEquilibrium: boolean;
  /** The guarantee for ε > 0: moves ≤ (Φ(a0) − Φ_lb) / (min_i θ_i · ε) (Infinity for ε = 0). */
  moveBound: number;
}

/**
 * Runs better-response dynamics from a profile: while some UE can lower its time by more than
 * ε, one such (UE, strategy) pair, drawn uniformly among all of them, moves. In a weighted
 * potential game every move lowers Φ by θ_i · (its gain) > θ_i ε, so the path ends within
 * (Φ(a0) − Φ_lb)/(min θ · ε) moves at an ε-equilibrium (Φ_lb from {@link potentialLowerBound}).
 * @param game - the game.
 * @param start - the initial profile (strategy codes, each in A_i).
 * @param rng - the seeded generator the moves are drawn from.
 * @param options - ε and the move budget.
 * @returns the path.
 * @throws RangeError when ε is negative or the start has the wrong length.
 * @example
 * const path = betterResponsePath(game, start, createRng(1), { minImprovementS: 1e-3 });
 * path.reachedEquilibrium; // → true under `optimal`
 */
export function betterResponsePath(
  game: Game,
  start: ArrayLike<number>,
  rng: Rng,
  options: BetterResponseOptions = {},
): BetterResponsePath {
  const eps = options.minImprovementS ?? 0;
  if (!(eps >= 0) || !Number.isFinite(eps))
    throw new RangeError(`betterResponsePath: minImprovementS must be finite and ≥ 0, got ${eps}`);
  const maxMoves = options.maxMoves ?? 100_000;
  if (start.length !== game.N)
    throw new RangeError(`betterResponsePath: expected ${game.N} strategy codes, got ${start.length}`);
  const state = new LoadState(game, start);
  const { N, offsets, strategies, theta } = game;
  const candUe: number[] = [];
  const candCode: number[] = [];
  const candGain: number[] = [];
  const potentials = [state.potential()];
  const movers: number[] = [];
  const gains: number[] = [];
  let thetaMin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < N; i++) thetaMin = Math.min(thetaMin, theta[i]!);
  let moves = 0;
  let reached = false;
  for (;;) {
    candUe.length = candCode.length = candGain.length = 0;
    for (let i = 0; i < N; i++) {
      const t = state.time(i);
      const threshold = Math.max(eps, 1e-12 * t);
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const a = strategies[j]!;
        if (a === state.profile[i]) continue;
        const gain = t - state.timeIf(i, a);
        if (gain > threshold) {
          candUe.push(i);
          candCode.push(a);
          candGain.push(gain);
        }
      }
    }
    if (candUe.length === 0) {
      reached = true;
      break;
    }
    if (moves >= maxMoves) break;
    const pick = nextInt(rng, candUe.length);
    state.move(candUe[pick]!, candCode[pick]!);
    moves++;
    movers.push(candUe[pick]!);
    gains.push(candGain[pick]!);
    potentials.push(state.potential());
  }
  return {
    profile: Int32Array.from(state.profile),
    moves,
    potentials,
    movers,
    gains,
    reachedEquilibrium: reached,
    // max(0, ·): at a profile where Φ = Φ_lb the two float evaluations may differ by an ulp
    moveBound:
      eps > 0 ? Math.max(0, (potentials[0]! - potentialLowerBound(game)) / (thetaMin * eps)) : Number.POSITIVE_INFINITY,
  };
}

/**
 * A profile drawn uniformly: each UE uniform on its feasible set A_i.
 * @param game - the game.
 * @param rng - the seeded generator.
 * @returns strategy codes.
 * @example
 * randomProfile(game, createRng(3)).length === game.N; // → true
 */
export function randomProfile(game: Game, rng: Rng): Int32Array {
  const out = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++)
    out[i] = game.strategies[game.offsets[i]! + nextInt(rng, game.offsets[i + 1]! - game.offsets[i]!)]!;
  return out;
}

/** The outcome of {@link randomUeBetterResponses}. */
export interface RandomUeMoves {
  /** Steps taken (UEs drawn) and moves made (the drawn UE had a better response). */
  steps: number;
  moves: number;
  /** Whether Φ fell at every move (float64, LoadState's O(M + K) potential). */
  potentialAlwaysDecreased: boolean;
}

/**
 * Better-response moves for games too large to scan every deviation per move: at each step one UE
 * is drawn uniformly; when it can lower its time (by more than a relative 1e-12), it moves to one of
 * its improving strategies drawn uniformly (counted, then found again: no per-step allocation).
 * Each step costs O(|A_i|), so `steps` steps cost O(steps · max|A_i| + N) whatever N is. It checks
 * that Φ falls at every move (docs/spec-model.md §4); it cannot tell whether an equilibrium was
 * reached, which needs the O(Σ|A_i|) scan of {@link betterResponsePath}.
 * @param game - the game.
 * @param start - the initial profile (strategy codes, each in A_i).
 * @param rng - the seeded generator of the UEs and moves.
 * @param steps - UEs to draw.
 * @returns steps, moves and whether Φ always fell.
 * @throws RangeError when `steps` is not a non-negative integer or the start has the wrong length.
 * @example
 * randomUeBetterResponses(game, randomProfile(game, rng), rng, 1000).potentialAlwaysDecreased; // → true under `optimal`
 */
export function randomUeBetterResponses(game: Game, start: ArrayLike<number>, rng: Rng, steps: number): RandomUeMoves {
  if (!(Number.isInteger(steps) && steps >= 0))
    throw new RangeError(`randomUeBetterResponses: steps must be a non-negative integer, got ${steps}`);
  if (start.length !== game.N)
    throw new RangeError(`randomUeBetterResponses: expected ${game.N} strategy codes, got ${start.length}`);
  const state = new LoadState(game, start);
  const { N, offsets, strategies } = game;
  let phi = state.potential();
  let moves = 0;
  let decreased = true;
  for (let s = 0; s < steps; s++) {
    const i = nextInt(rng, N);
    const t = state.time(i);
    const threshold = 1e-12 * t;
    const a0 = state.profile[i]!;
    let count = 0;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++)
      if (strategies[j] !== a0 && t - state.timeIf(i, strategies[j]!) > threshold) count++;
    if (count === 0) continue;
    let pick = nextInt(rng, count);
    let to = a0;
    for (let j = offsets[i]!; to === a0; j++)
      if (strategies[j] !== a0 && t - state.timeIf(i, strategies[j]!) > threshold && pick-- === 0) to = strategies[j]!;
    state.move(i, to);
    moves++;
    const next = state.potential();
    if (!(next < phi)) decreased = false;
    phi = next;
  }
  return { steps, moves, potentialAlwaysDecreased: decreased };
}
