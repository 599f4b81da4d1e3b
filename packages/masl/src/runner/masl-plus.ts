import { createRng, makeResult, nextDouble, nextInt } from '@jcaco/model';
import type { Game } from '@jcaco/model';
import { AutomatonPool } from '../automaton/pool.js';
import { SlotEnvironment } from './environment.js';
import { commonOptions, rewardOptions, type MaslOptions, type MaslRun } from './masl.js';
import { RewardMap } from './reward.js';
import { Tracer, type MaslTraceRow } from './trace.js';
import { World } from './world.js';

/** Options of {@link runMaslPlus}: those of MASL plus the closing phase's. */
export interface MaslPlusOptions extends MaslOptions {
  /** Learning phase: step size b (default 0.05). */
  stepSize?: number;
  /** Learning phase: a UE moves on to probing once its max_a p_{i,a} ≥ 1 − ε (default 0.05). */
  epsilon?: number;
  /** Learning phase: a UE also moves on after this many plays of its own (default ⌈5/b⌉). */
  learnPlays?: number;
  /** Probing phase, complete information: the initial period P of a UE's probe slots, even (default 4; doubles under contention). */
  probePeriod?: number;
  /** Probing phase, complete information: the probability of listening instead of probing in an own slot (default 0.2). */
  listenRate?: number;
  /** Probing phase, stochastic setting: the probability that a UE probes in a slot (default 0.1). */
  probeRate?: number;
  /** Probing phase: verified sweeps over its alternatives without a change before a UE counts as settled (default 1). */
  sweeps?: number;
  /** Probing phase, stochastic setting: plays of an alternative per comparison block (default 16; up to 16 blocks while inconclusive). */
  probeSamples?: number;
}

/** Default step size of the learning phase of {@link runMaslPlus}. */
export const PLUS_DEFAULT_STEP_SIZE = 0.05;
/** Default ε of the learning phase of {@link runMaslPlus}. */
export const PLUS_DEFAULT_EPSILON = 0.05;

/** Two observed times closer than this (relative) count as equal (complete information). */
const SAME = 1e-9;
/** Residues of the probe period for which a UE remembers when it last heard another UE probe. */
const HEARD = 32;
/** The longest probe period a UE backs off to. */
const MAX_PERIOD = 1 << 16;

const same = (a: number, b: number): boolean => Math.abs(a - b) <= SAME * Math.abs(b);

/**
 * MASL+ — MASL with the same information structure, made to end at a pure NE fast. Every UE uses
 * only its own observed times; nobody reads another's strategy, action or time, or the network state.
 *
 * 1. Learning phase: MASL's linear reward–inaction automaton (same normalisation) with a large step
 *    (b = 0.05): it concentrates quickly on a good strategy. A UE leaves the phase on its own once
 *    max_a p_{i,a} ≥ 1 − ε, or after `learnPlays` plays, and from then on plays that strategy — its
 *    *current* one — except when it probes.
 * 2. Probing phase, complete information (a closing better-response phase). Times are then
 *    deterministic given the profile, so one play of an alternative reads its time exactly — unless
 *    another UE probes in the same slot. The UE therefore watches its own time:
 *    - a new value seen once and gone in a later slot was another UE's one-slot probe; a new value
 *      seen in slots of both parities is a lasting change (the others moved): every probe period
 *      is even, so one UE's probes all have one parity;
 *    - it probes only in its own slots t ≡ φ_i (mod P_i), and only when the slot before confirmed
 *      its current time; in a fifth of them it listens instead. A probe heard in its own residue
 *      means contention: it moves to a residue where it heard no probe lately (preferably one
 *      whose predecessor is quiet too), and doubles P_i when there is none or contention recurs —
 *      slotted ALOHA with backoff, on own observations only;
 *    - a reading of an alternative is *verified* when it equals the remembered reading of it, or a
 *      later reading repeats it. An unverified reading below the current time is probed again at
 *      the next own slot, so a candidate improvement is verified at once rather than a sweep later.
 *      A verified reading below the current time is an improvement: the UE switches once the next
 *      slot confirms its current time;
 *    - it is *settled* once each available alternative has `sweeps` verified readings, none an
 *      improvement, since its last known change, with no unverified reading pending; it keeps
 *      probing, so a later change unsettles it. A known change is a lasting change of its own
 *      time (the readings before it no longer count) or a verified reading that differs from the
 *      remembered one (the readings since that value was first seen still count). Its own switch is
 *      no change: an alternative's time depends only on the others' strategies, so what it verified
 *      stands, and each verified alternative was no better than the old current time, hence than
 *      the new one. Alternatives are swept in the order of the learned p.
 *
 * Stops when every playing UE is settled (or at the budget): each has then verified, against the
 * others' standing strategies, that no alternative is better — a pure NE, unless a change fell
 * between a UE's last readings and the stop. In big games the periods grow with the number of UEs
 * that share resources and the phase slows down accordingly. In the stochastic setting the probing
 * phase compares the mean of an alternative's plays (blocks of `probeSamples`, probes at random,
 * rate `probeRate`) with the current strategy's running mean, sequentially: it decides once they
 * differ by two standard errors, or calls a near-tie after 16 blocks; the current strategy's
 * baseline is its last full block of 4·`probeSamples` plays, and a shift of its block mean by more
 * than four standard errors starts the count over.
 *
 * @param game - the game.
 * @param options - see {@link MaslPlusOptions}; `normalisation` applies to the learning phase.
 * @returns the run, as {@link runMasl}'s (method `masl-plus`).
 * @throws RangeError on bad options.
 * @example
 * const run = runMaslPlus(buildGame(generateScenario({ preset: 'small', seed: 3 })), { seed: 1 });
 * run.result.maxDeviationGain; // → 0 (a pure NE) in the great majority of seeds
 */
export function runMaslPlus(game: Game, options: MaslPlusOptions = {}): MaslRun {
  const started = performance.now();
  const o = commonOptions(
    game,
    {
      ...options,
      stepSize: options.stepSize ?? PLUS_DEFAULT_STEP_SIZE,
      epsilon: options.epsilon ?? PLUS_DEFAULT_EPSILON,
    },
    'runMaslPlus',
  );
  const learnPlays = options.learnPlays ?? Math.ceil(5 / o.b);
  if (!(learnPlays >= 1)) throw new RangeError(`runMaslPlus: expected learnPlays ≥ 1, got ${learnPlays}`);
  const P0 = options.probePeriod ?? 4;
  if (!(Number.isInteger(P0) && P0 >= 2 && P0 % 2 === 0 && P0 <= MAX_PERIOD))
    throw new RangeError(`runMaslPlus: expected probePeriod to be an even integer in [2, ${MAX_PERIOD}], got ${P0}`);
  const listen = options.listenRate ?? 0.2;
  if (!(listen >= 0 && listen < 1)) throw new RangeError(`runMaslPlus: expected listenRate in [0, 1), got ${listen}`);
  const q = options.probeRate ?? 0.1;
  if (!(q > 0 && q <= 1)) throw new RangeError(`runMaslPlus: expected a probe rate in (0, 1], got ${q}`);
  const sweeps = options.sweeps ?? 1;
  if (!(Number.isInteger(sweeps) && sweeps >= 1))
    throw new RangeError(`runMaslPlus: expected sweeps to be a positive integer, got ${sweeps}`);
  const R = options.probeSamples ?? 16;
  if (!(Number.isInteger(R) && R >= 1))
    throw new RangeError(`runMaslPlus: expected probeSamples to be a positive integer, got ${R}`);

  const { N } = game;
  const stochastic = game.setting === 'stochastic';
  const world = new World(game, options.events);
  // With a schedule of changes the run plays its whole budget (an online system does not stop).
  const runToBudget = options.runToBudget ?? world.dynamic;
  const pool = new AutomatonPool(game.offsets, o.b);
  const rewards = new RewardMap(N, o.normalisation, rewardOptions(options, o.forget));
  const env = new SlotEnvironment(world.current);
  const rng = createRng(o.seed);
  const { strategies, offsets, theta } = game;
  const threshold = 1 - o.epsilon;
  const leaves = offsets[N]!;

  const playing = new Uint8Array(N);
  const probing = new Uint8Array(N); // phase 2
  const settled = new Uint8Array(N);
  let playingCount = 0;
  let settledCount = 0;
  const plays = new Float64Array(N); // own plays in the learning phase
  const cur = new Int32Array(N); // current strategy (phase 2)
  const ptr = new Int32Array(N); // sweep pointer (a position in the UE's sweep order)
  const probeAlt = new Int32Array(N); // stochastic: the alternative under a block of probes
  const order = new Int32Array(leaves); // per UE: its actions by decreasing learned probability
  const streak = new Int32Array(N); // verified readings in a row without an improvement or a change
  const needed = new Int32Array(N); // sweeps · (available alternatives)
  const unresolved = new Int32Array(N); // alternatives whose last reading is not verified
  const memo = new Float64Array(leaves).fill(Number.NaN); // last verified reading per alternative
  const first = new Float64Array(leaves).fill(Number.NaN); // last unverified reading per alternative
  const firstAt = new Float64Array(leaves); // the slot of that unverified reading
  // Complete information: per alternative, the verified readings without an improvement since the UE's
  // last known change (`since`), and the slot of the last one. A UE's own switch is no change: the
  // times of its alternatives depend only on the others' strategies, so what it verified stays valid.
  const okN = new Int32Array(leaves);
  const okAt = new Float64Array(leaves).fill(-1);
  const since = new Float64Array(N);
  // Complete information: an alternative whose unverified reading beat the current time, probed
  // again at the next own slot (−1: none), so that an improvement is verified at once, not a sweep later.
  const retry = new Int32Array(N).fill(-1);
  const tCur = new Float64Array(N).fill(Number.NaN); // the current strategy's time (confirmed)
  // Up to two new values of the current strategy's time, not yet confirmed: value, the parities of
  // the slots they were seen in (bit 1: even, bit 2: odd) and the last slot. Every probe period is
  // even, so one UE's probes all fall in slots of one parity: a value seen in both parities is not
  // one UE's probe but a lasting change.
  const candV = new Float64Array(2 * N).fill(Number.NaN);
  const candP = new Uint8Array(2 * N);
  const candS = new Float64Array(2 * N).fill(-1e9);
  const lastOk = new Float64Array(N).fill(-2); // last slot whose reading of the current strategy matched tCur
  const switchTo = new Int32Array(N).fill(-1); // an improvement awaiting the next reading of the current strategy
  const switchT = new Float64Array(N);
  const period = new Int32Array(N); // P_i
  const phase = new Int32Array(N); // φ_i
  const contentions = new Int32Array(N);
  // When a one-slot change of the current strategy's time was last heard, per residue r < HEARD of the period.
  const heardAt = new Float64Array(N * HEARD).fill(-1e9);
  // Stochastic statistics: current strategy (running and block), alternative under probe.
  const curN = new Float64Array(N);
  const curS = new Float64Array(N);
  const curQ = new Float64Array(N);
  const blkN = new Float64Array(N);
  const blkS = new Float64Array(N);
  const blkQ = new Float64Array(N);
  const prN = new Float64Array(N);
  const prS = new Float64Array(N);
  const prQ = new Float64Array(N);
  const act = new Int32Array(N);
  const isProbe = new Uint8Array(N);
  const codes = new Int32Array(N).fill(-1);
  const times = new Float64Array(N);
  let slot = 0;

  const updateSettled = (i: number): void => {
    const s = playing[i] && probing[i] && streak[i]! >= needed[i]! && unresolved[i] === 0 ? 1 : 0;
    settledCount += s - settled[i]!;
    settled[i] = s;
  };
  const startOver = (i: number): void => {
    streak[i] = 0;
    updateSettled(i);
  };
  /**
   * Complete information: the others' strategies may have changed at slot `at` (or earlier): the
   * readings from before it no longer count. Recounts the streak: the alternatives' verified
   * readings since then, at most `sweeps` each.
   */
  const changedAt = (i: number, at: number): void => {
    if (at > since[i]!) since[i] = at;
    const base = offsets[i]!;
    const n = offsets[i + 1]! - base;
    let count = 0;
    for (let a = 0; a < n; a++) {
      const j = base + a;
      if (okAt[j]! < since[i]!) okN[j] = 0;
      if (a !== cur[i] && world.available[j]) count += Math.min(okN[j]!, sweeps);
    }
    streak[i] = count;
    updateSettled(i);
  };
  const enterProbing = (i: number, a: number): void => {
    probing[i] = 1;
    cur[i] = a;
    ptr[i] = 0;
    // Sweep the alternatives the automaton liked best first: improvements are likelier there.
    const base = offsets[i]!;
    const n = offsets[i + 1]! - base;
    for (let k = 0; k < n; k++) order[base + k] = k;
    order.subarray(base, base + n).sort((x, y) => pool.probability(i, y) - pool.probability(i, x) || x - y);
    curN[i] = curS[i] = curQ[i] = blkN[i] = blkS[i] = blkQ[i] = prN[i] = prS[i] = prQ[i] = 0;
    tCur[i] = Number.NaN;
    candV[2 * i] = candV[2 * i + 1] = Number.NaN;
    switchTo[i] = -1;
    retry[i] = -1;
    memo.fill(Number.NaN, offsets[i]!, offsets[i + 1]!);
    first.fill(Number.NaN, offsets[i]!, offsets[i + 1]!);
    okN.fill(0, offsets[i]!, offsets[i + 1]!);
    since[i] = slot;
    unresolved[i] = 0;
    needed[i] = sweeps * Math.max(0, world.availableCount(i) - 1);
    period[i] = P0;
    phase[i] = nextInt(rng, P0);
    contentions[i] = 0;
    startOver(i);
  };
  const nextAlternative = (i: number): number => {
    const base = offsets[i]!;
    const n = offsets[i + 1]! - base;
    const again = retry[i]!;
    if (again >= 0) {
      retry[i] = -1;
      if (again !== cur[i] && world.available[base + again]) return again;
    }
    let k = ptr[i]!;
    for (let t = 0; t < n; t++) {
      k = k + 1 === n ? 0 : k + 1;
      const a = order[base + k]!;
      if (a !== cur[i] && world.available[base + a]) {
        ptr[i] = k;
        return a;
      }
    }
    return cur[i]!;
  };
  const refreshUe = (i: number, joined: boolean): void => {
    const availableMask = world.available.subarray(offsets[i]!, offsets[i + 1]!);
    let n = 0;
    if (world.present[i]) n = joined ? pool.reset(i, availableMask) : pool.restrict(i, availableMask);
    if (joined) rewards.resetUe(i);
    const was = playing[i]!;
    playing[i] = n > 0 ? 1 : 0;
    playingCount += playing[i]! - was;
    // A UE whose action set changed goes back to learning, from its (restricted) automaton.
    probing[i] = 0;
    plays[i] = 0;
    startOver(i);
    if (playing[i] && pool.maxProbability(i) >= threshold) enterProbing(i, pool.argmax(i));
  };

  if (options.initial !== undefined) for (let i = 0; i < N; i++) pool.setProbabilities(i, options.initial, offsets[i]!);
  for (let i = 0; i < N; i++) {
    playing[i] = world.present[i]!;
    playingCount += playing[i]!;
  }
  if (world.dynamic) world.advance(0, refreshUe);
  env.setGame(world.current);
  for (let i = 0; i < N; i++)
    if (playing[i] && !probing[i] && pool.maxProbability(i) >= threshold) enterProbing(i, pool.argmax(i));

  const tracer = o.trace ? new Tracer(world) : null;
  const trajectory: MaslTraceRow[] = [];
  let observedMean = Number.NaN;
  const outcome = (i: number): number => (probing[i] ? cur[i]! : pool.argmax(i));
  const prob = (i: number, a: number): number => (probing[i] ? (a === cur[i] ? 1 : 0) : pool.probability(i, a));
  const record = (at: number): void => {
    if (!tracer) return;
    const profile = tracer.fillProfile(playing, outcome);
    trajectory.push(
      tracer.row(
        at,
        profile,
        tracer.expectedPotential(prob, playing),
        observedMean,
        playingCount ? settledCount / playingCount : 1,
      ),
    );
  };

  /** A verified reading X of alternative a; `changed`: it differs from the one remembered. */
  const verified = (i: number, a: number, X: number, changed: boolean): void => {
    const j = offsets[i]! + a;
    // A new value, first read at firstAt: the others moved at that slot or before, so the readings
    // since then still count.
    if (changed) changedAt(i, firstAt[j]!);
    if (X < tCur[i]! * (1 - SAME)) {
      // An improvement: switch once the next slot confirms the current time (if the switch falls
      // through, the next sweep finds it again).
      switchTo[i] = a;
      switchT[i] = X;
      if (okN[j]! > 0) changedAt(i, since[i]!);
      okN[j] = 0;
      updateSettled(i);
    } else {
      if (okN[j]! < sweeps) streak[i]!++;
      okN[j]!++;
      okAt[j] = slot;
      updateSettled(i);
    }
  };

  /** Whether no other UE's probe was heard lately in residue r of UE i's period. */
  const quiet = (i: number, r: number): boolean => heardAt[i * HEARD + r]! < slot - 2 * period[i]!;
  /**
   * Moves UE i to another phase: a residue where no probe was heard lately, preferably one whose
   * preceding residue is quiet too (the slot before an own slot must confirm the current time).
   * Doubles the period when there is no quiet residue or contention keeps coming back.
   */
  const newPhase = (i: number, backoff: boolean): void => {
    const P = period[i]!;
    let best = 0;
    let count = 0;
    if (P <= HEARD && !backoff) {
      for (let r = 0; r < P; r++) {
        if (r === phase[i] || !quiet(i, r)) continue;
        const score = quiet(i, (r + P - 1) % P) ? 2 : 1;
        if (score > best) {
          best = score;
          count = 0;
        }
        if (score === best) count++;
      }
    }
    if (count === 0) {
      if (P < MAX_PERIOD) period[i] = P * 2;
      contentions[i] = 0;
      phase[i] = nextInt(rng, period[i]!);
      return;
    }
    let k = nextInt(rng, count);
    for (let r = 0; r < P; r++) {
      if (r === phase[i] || !quiet(i, r)) continue;
      if ((quiet(i, (r + P - 1) % P) ? 2 : 1) === best && k-- === 0) {
        phase[i] = r;
        return;
      }
    }
  };
  /** Someone else probes in UE i's phase. */
  const contended = (i: number): void => newPhase(i, ++contentions[i]! >= 4);
  /** An own slot is usable when the slot before confirmed the current time (so it is not stale). */
  const ownSlotUsable = (i: number): boolean => lastOk[i] === slot - 1;

  const observeComplete = (i: number, T: number): void => {
    if (isProbe[i]) {
      probeReading(i, T);
      return;
    }
    currentReading(i, T);
  };

  const probeReading = (i: number, T: number): void => {
    {
      const a = act[i]!;
      const j = offsets[i]! + a;
      const m = memo[j]!;
      const f = first[j]!;
      if (!Number.isNaN(m) && same(T, m)) {
        if (!Number.isNaN(f)) unresolved[i]!--;
        first[j] = Number.NaN;
        updateSettled(i);
        verified(i, a, T, false);
      } else if (!Number.isNaN(f) && same(T, f)) {
        unresolved[i]!--;
        first[j] = Number.NaN;
        memo[j] = T;
        updateSettled(i);
        verified(i, a, T, !Number.isNaN(m));
      } else {
        if (Number.isNaN(f)) unresolved[i]!++;
        first[j] = T;
        firstAt[j] = slot;
        if (T < tCur[i]! * (1 - SAME)) retry[i] = a;
        updateSettled(i);
      }
    }
  };

  const markHeard = (i: number, at: number): void => {
    const P = period[i]!;
    const r = at % P;
    if (P <= HEARD) heardAt[i * HEARD + r] = at;
    if (r === phase[i]) contended(i);
  };

  const currentReading = (i: number, T: number): void => {
    const ref = tCur[i]!;
    const target = switchTo[i]!;
    switchTo[i] = -1;
    if (!Number.isNaN(ref) && same(T, ref)) {
      // Back to the known time: the new values seen since were other UEs' one-slot probes.
      for (let c = 2 * i; c < 2 * i + 2; c++) {
        if (Number.isNaN(candV[c]!)) continue;
        if (candS[c]! >= slot - period[i]!) markHeard(i, candS[c]!);
        candV[c] = Number.NaN;
      }
      lastOk[i] = slot;
      if (target >= 0) {
        // Switch; the old strategy's time is now a verified reading of it as an alternative, no
        // better than the new one. The others' strategies did not change: what was verified stands.
        const j = offsets[i]! + cur[i]!;
        memo[j] = ref;
        if (!Number.isNaN(first[j]!)) {
          first[j] = Number.NaN;
          unresolved[i]!--;
        }
        okN[j] = 1;
        okAt[j] = slot;
        cur[i] = target;
        tCur[i] = switchT[i]!;
        changedAt(i, since[i]!);
      }
      return;
    }
    const parity = (slot & 1) + 1;
    let c = 2 * i;
    if (!(!Number.isNaN(candV[c]!) && same(T, candV[c]!))) {
      c = 2 * i + 1;
      if (!(!Number.isNaN(candV[c]!) && same(T, candV[c]!))) {
        // A new value: replace the older candidate.
        c = candS[2 * i]! <= candS[2 * i + 1]! ? 2 * i : 2 * i + 1;
        candV[c] = T;
        candP[c] = 0;
      }
    }
    candP[c]! |= parity;
    candS[c] = slot;
    if (candP[c] === 3) {
      // The first reading of the current strategy, or a lasting change: the others moved.
      tCur[i] = T;
      candV[2 * i] = candV[2 * i + 1] = Number.NaN;
      lastOk[i] = slot;
      changedAt(i, slot);
    }
  };

  const isOwnSlot = (i: number): boolean => slot % period[i]! === phase[i];
  const observeStochastic = (i: number, T: number): void => {
    if (isProbe[i]) {
      prN[i]!++;
      prS[i]! += T;
      prQ[i]! += T * T;
      if (prN[i]! < R || prN[i]! % R !== 0) return;
      // A sequential comparison: decide once the difference of the means is beyond two standard
      // errors either way; while it is not, extend the block (up to 16 R plays: then a near-tie).
      const mP = prS[i]! / prN[i]!;
      const vP = Math.max(0, prQ[i]! / prN[i]! - mP * mP);
      const mC = curS[i]! / curN[i]!;
      const vC = Math.max(0, curQ[i]! / curN[i]! - mC * mC);
      const margin = 2 * Math.sqrt(vP / prN[i]! + vC / curN[i]!);
      if (Math.abs(mP - mC) <= margin && prN[i]! < 16 * R) return;
      prN[i] = prS[i] = prQ[i] = 0;
      if (mP < mC - margin) {
        cur[i] = act[i]!;
        curN[i] = curS[i] = curQ[i] = blkN[i] = blkS[i] = blkQ[i] = 0;
        startOver(i);
      } else {
        streak[i]!++;
        updateSettled(i);
      }
      return;
    }
    // The current strategy's baseline is its last full block of 4R plays, so it follows the
    // others' moves; a block whose mean shifted by more than four standard errors means they moved.
    blkN[i]!++;
    blkS[i]! += T;
    blkQ[i]! += T * T;
    if (blkN[i]! < 4 * R) return;
    const mB = blkS[i]! / blkN[i]!;
    if (curN[i]! > 0) {
      const mC = curS[i]! / curN[i]!;
      const vB = Math.max(0, blkQ[i]! / blkN[i]! - mB * mB);
      const vC = Math.max(0, curQ[i]! / curN[i]! - mC * mC);
      if (Math.abs(mB - mC) > 4 * Math.sqrt(vB / blkN[i]! + vC / curN[i]!)) startOver(i);
    }
    curN[i] = blkN[i]!;
    curS[i] = blkS[i]!;
    curQ[i] = blkQ[i]!;
    blkN[i] = blkS[i] = blkQ[i] = 0;
  };

  const progressEvery = Math.max(1, Math.floor(o.maxSlots / 100));
  if (tracer) record(0);
  let done = settledCount === playingCount && !world.pending && !runToBudget;
  while (!done && slot < o.maxSlots) {
    if (world.dynamic && world.advance(slot, refreshUe) > 0) env.setGame(world.current);
    for (let i = 0; i < N; i++) {
      if (!playing[i] || (stochastic && nextDouble(rng) >= theta[i]!)) {
        codes[i] = -1;
        continue;
      }
      let a: number;
      isProbe[i] = 0;
      if (!probing[i]) {
        a = pool.choose(i, rng);
      } else {
        a = cur[i]!;
        if (needed[i]! > 0) {
          if (stochastic) {
            // Probe once the current strategy's mean is known; a block of probes runs on.
            if (prN[i]! > 0 || (curN[i]! > 0 && nextDouble(rng) < q)) {
              if (prN[i] === 0) probeAlt[i] = nextAlternative(i);
              a = probeAlt[i]!;
              isProbe[i] = 1;
            }
          } else if (switchTo[i]! < 0 && isOwnSlot(i) && ownSlotUsable(i) && !(nextDouble(rng) < listen)) {
            // An own slot, the current time confirmed in the slot before, no switch pending: probe.
            a = nextAlternative(i);
            isProbe[i] = 1;
          }
        }
      }
      act[i] = a;
      codes[i] = strategies[offsets[i]! + a]!;
    }
    env.play(codes, rng, times);
    let sum = 0;
    let played = 0;
    for (let i = 0; i < N; i++) {
      if (codes[i]! < 0) continue;
      const T = times[i]!;
      sum += T;
      played++;
      if (!probing[i]) {
        pool.learn(i, act[i]!, rewards.reward(i, T));
        if (pool.maxProbability(i) >= threshold || ++plays[i]! >= learnPlays) enterProbing(i, pool.argmax(i));
      } else if (stochastic) {
        observeStochastic(i, T);
      } else {
        observeComplete(i, T);
      }
    }
    observedMean = played ? sum / played : Number.NaN;
    slot++;
    if (tracer && slot % o.traceEvery === 0) record(slot);
    if (options.onProgress && slot % progressEvery === 0) options.onProgress(slot / o.maxSlots);
    if (settledCount === playingCount && !world.pending && !runToBudget) done = true;
  }
  if (tracer && (trajectory.length === 0 || trajectory[trajectory.length - 1]!.iteration !== slot)) record(slot);
  options.onProgress?.(1);

  const profile = new Int32Array(N);
  for (let i = 0; i < N; i++) profile[i] = playing[i] ? strategies[offsets[i]! + outcome(i)]! : -1;
  const probabilities = new Float64Array(leaves);
  for (let i = 0; i < N; i++) {
    if (probing[i]) probabilities[offsets[i]! + cur[i]!] = 1;
    else pool.probabilities(i, probabilities, offsets[i]!);
  }
  const rewardScale = new Float64Array(N);
  for (let i = 0; i < N; i++) rewardScale[i] = rewards.scale(i);
  const result = makeResult(world.current, profile, {
    method: 'masl-plus',
    params: {
      b: o.b,
      epsilon: o.epsilon,
      normalisation: o.normalisation,
      forgetting: o.forgetting,
      slots: o.maxSlots,
      learnPlays,
      probePeriod: P0,
      listenRate: listen,
      probeRate: q,
      sweeps,
      probeSamples: R,
    },
    seed: o.seed,
    iterations: slot,
    converged: settledCount === playingCount && !world.pending,
    wallTimeS: (performance.now() - started) / 1000,
    ...(o.trace ? { trace: trajectory } : {}),
  });
  return { result, slots: slot, trajectory, probabilities, rewardScale, game: world.current };
}
