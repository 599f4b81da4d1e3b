import { LoadState, makeResult, type Game, type SolveOptions } from '@jcaco/model';
import { enumParam, maxProfilesParam, nowS, resolveRun } from '../common/run.js';
import type { BaselineResult, BaselineSolver, ExhaustiveSummary, ParamSpec } from '../common/run.js';

const API = 'exhaustive';

/** The default limit on the profile-space size Π_i |A_i| that `exhaustive` enumerates. */
export const EXHAUSTIVE_PROFILE_LIMIT = 1_000_000;

const PARAMS: readonly ParamSpec[] = [
  enumParam(
    'objective',
    ['social', 'potential'],
    'which minimiser to return as the profile: least social cost, or least potential',
  ),
  maxProfilesParam(EXHAUSTIVE_PROFILE_LIMIT, 'refuse past this profile-space size Π|A_i|'),
];

/**
 * The size of the profile space, Π_i |A_i| (a float: it may exceed 2^53 for large games).
 * @param game - the game.
 * @returns the number of pure profiles.
 * @example
 * profileSpaceSize(game); // → e.g. 4096
 */
export function profileSpaceSize(game: Game): number {
  let size = 1;
  for (let i = 0; i < game.N; i++) size *= game.offsets[i + 1]! - game.offsets[i]!;
  return size;
}

/** Options of {@link exhaustiveSearch}. */
export interface ExhaustiveOptions {
  /** Refuse past this many profiles (default {@link EXHAUSTIVE_PROFILE_LIMIT}). */
  maxProfiles?: number;
  /** Called now and then with the fraction of profiles visited. */
  onProgress?: (fraction: number) => void;
}

/**
 * Enumerates every pure profile and returns a social optimum (least C = Σ_i T_i) and a
 * minimiser of the potential Φ (docs/spec-model.md §4; Φ̄ in the stochastic setting). Ties go to the
 * profile visited first.
 *
 * The profiles are visited by {@link enumerateProfiles} (a Gray code: consecutive profiles
 * differ in one UE's strategy), so each profile costs one {@link LoadState.move}, then
 * O(M + K) for Φ and O(N) for C.
 * @param game - the game.
 * @param options - the size limit and a progress callback.
 * @returns both minimisers, their values and the number of profiles.
 * @throws RangeError when Π_i |A_i| exceeds `maxProfiles`.
 * @example
 * const s = exhaustiveSearch(game);
 * s.minPotential <= s.minSocialCost; // → true (Φ ≤ C)
 */
export function exhaustiveSearch(game: Game, options: ExhaustiveOptions = {}): ExhaustiveSummary {
  const limit = options.maxProfiles ?? EXHAUSTIVE_PROFILE_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`exhaustiveSearch: expected maxProfiles to be a positive safe integer, got ${String(limit)}`);
  const size = profileSpaceSize(game);
  if (size > limit) {
    throw new RangeError(
      `exhaustiveSearch: the profile space has ${formatCount(size)} profiles (Π|A_i| over ${game.N} UEs), above the limit of ${formatCount(limit)}; ` +
        'use a smaller instance or raise maxProfiles',
    );
  }
  const { N } = game;
  const state = new LoadState(game);
  const socialOptimum = new Int32Array(N);
  const argminPotential = new Int32Array(N);
  let minSocialCost = Number.POSITIVE_INFINITY;
  let minPotential = Number.POSITIVE_INFINITY;
  const visited = enumerateProfiles(state, (count) => {
    const phi = state.potential();
    if (phi < minPotential) {
      minPotential = phi;
      argminPotential.set(state.profile);
    }
    const cost = state.socialCost();
    if (cost < minSocialCost) {
      minSocialCost = cost;
      socialOptimum.set(state.profile);
    }
    if (options.onProgress && (count & 65535) === 0) options.onProgress(count / size);
  });
  return { profiles: visited, socialOptimum, minSocialCost, argminPotential, minPotential };
}

/**
 * Walks a {@link LoadState} through every pure profile in reflected mixed-radix Gray-code
 * order (Knuth, TAOCP 7.2.1.1, Algorithm H, loopless): the first profile takes each UE's first
 * strategy, and each next one differs from the last in exactly one UE, reached by one
 * {@link LoadState.move}. UEs with a single strategy never move.
 * @param state - the state to walk (its profile is overwritten); left on the last profile.
 * @param visit - called once per profile with the 1-based count so far; read `state` inside.
 * @returns the number of profiles visited, Π_i |A_i|.
 * @example
 * const state = new LoadState(game);
 * let best = Infinity;
 * enumerateProfiles(state, () => { best = Math.min(best, state.potential()); }); // → Π|A_i|
 * best; // → the least potential
 */
export function enumerateProfiles(state: LoadState, visit: (count: number) => void): number {
  const game = state.game;
  const { N, offsets, strategies } = game;
  // Digits of the odometer: the UEs with a choice (|A_i| ≥ 2).
  const digitUe: number[] = [];
  for (let i = 0; i < N; i++) if (offsets[i + 1]! - offsets[i]! >= 2) digitUe.push(i);
  const n = digitUe.length;
  const ue = Int32Array.from(digitUe);
  const radix = new Int32Array(n);
  for (let d = 0; d < n; d++) radix[d] = offsets[ue[d]! + 1]! - offsets[ue[d]!]!;
  const digit = new Int32Array(n);
  const dir = new Int32Array(n).fill(1);
  const focus = new Int32Array(n + 1);
  for (let d = 0; d <= n; d++) focus[d] = d;
  for (let i = 0; i < N; i++) state.move(i, strategies[offsets[i]!]!);
  let visited = 0;
  for (;;) {
    visit(++visited);
    // Algorithm H, steps H3–H5.
    const d = focus[0]!;
    focus[0] = 0;
    if (d === n) return visited;
    const v = digit[d]! + dir[d]!;
    digit[d] = v;
    if (v === 0 || v === radix[d]! - 1) {
      dir[d] = -dir[d]!;
      focus[d] = focus[d + 1]!;
      focus[d + 1] = d + 1;
    }
    const i = ue[d]!;
    state.move(i, strategies[offsets[i]! + v]!);
  }
}

function formatCount(x: number): string {
  return x < 1e7 ? String(x) : x.toPrecision(3);
}

/**
 * `exhaustive` (docs/spec-model.md §8): the social optimum and the minimiser of Φ by enumerating all
 * Π_i |A_i| profiles ({@link exhaustiveSearch}), for small instances only: past `maxProfiles`
 * (default {@link EXHAUSTIVE_PROFILE_LIMIT} = 10⁶) it throws a RangeError naming the size.
 * Returns as `profile` the social optimum (`params.objective` = `social`, default) or the
 * minimiser of Φ (`potential`), and both in `exhaustive`. `iterations` is the number of
 * profiles visited; `converged` true; `maxIterations` does not apply (the size limit does). Deterministic. No trace rows beyond the final profile.
 * @example
 * const r = exhaustiveSolver.solve(game);
 * r.exhaustive?.minSocialCost === r.socialCost; // → true (up to rounding)
 */
export const exhaustiveSolver: BaselineSolver = {
  name: 'exhaustive',
  description: `social optimum and argmin of the potential by enumeration (small instances: at most ${EXHAUSTIVE_PROFILE_LIMIT} profiles by default)`,
  randomized: false,
  parameters: PARAMS,
  solve(game: Game, options?: SolveOptions): BaselineResult {
    const run = resolveRun(API, game, options, PARAMS, 0);
    const t0 = nowS();
    let summary: ExhaustiveSummary;
    try {
      summary = exhaustiveSearch(game, {
        maxProfiles: run.params.maxProfiles as number,
        ...(run.onProgress && { onProgress: run.onProgress }),
      });
    } catch (e) {
      if (e instanceof RangeError)
        throw new RangeError(
          e.message.replace(/^exhaustiveSearch: /, `${API}: `).replace('raise maxProfiles', 'raise params.maxProfiles'),
          { cause: e },
        );
      throw e;
    }
    const wallTimeS = nowS() - t0;
    const profile = Int32Array.from(
      run.params.objective === 'potential' ? summary.argminPotential : summary.socialOptimum,
    );
    const result: BaselineResult = makeResult(game, profile, {
      method: API,
      params: run.params,
      seed: null,
      iterations: summary.profiles,
      converged: true,
      wallTimeS,
    });
    if (run.trace)
      result.trace = [{ iteration: summary.profiles, meanTime: result.meanTime, potential: result.potential }];
    result.exhaustive = summary;
    return result;
  },
};
