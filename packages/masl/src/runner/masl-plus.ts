import { makeResult, RngStreams, type Game } from '@jcaco/model';
import { AutomatonPool } from '../automaton/pool.js';
import { kernelGame, kernelState, SlotKernel } from '../engine/kernel.js';
import { PlusAgent, type PlusAgentParams } from '../plus/agent.js';
import { ueView } from '../plus/view.js';
import { commonOptions, rewardOptions, type MaslOptions, type MaslRun } from './masl.js';
import { RewardMap } from './reward.js';
import { Tracer, type MaslTraceRow } from './trace.js';
import { refreshLearner, startLearners, World } from './world.js';

/** Options of {@link runMaslPlus}: those of MASL plus the closing phase's. */
export interface MaslPlusOptions extends MaslOptions {
  /** Learning phase: step size b (default 0.05). */
  stepSize?: number;
  /** Learning phase: a UE moves on to the closing phase once its max_a p_{i,a} ≥ 1 − ε (default 0.05). */
  epsilon?: number;
  /** Learning phase: a UE also moves on after this many plays of its own (default ⌈5/b⌉). */
  learnPlays?: number;
  /**
   * Closing phase — complete information: the scale c of the probe probability q = min(0.25, c/√n̂),
   * n̂ the UE's own estimate of how many UEs share the ESs (default 0.1; 0 disables probing, so
   * nobody settles); stochastic setting: the probability of starting a block of probes (default 0.1).
   */
  probeRate?: number;
  /** Closing phase, complete information: the floor of q, and q before the UE has estimates (default 0.005). */
  minProbeRate?: number;
  /** Closing phase, complete information: probability of taking a confirmed improvement (inertia; default 1). */
  moveRate?: number;
  /** Closing phase, complete information: the settling window W = ⌈patience·(probes of a round + 1)/q⌉ slots (default 8). */
  patience?: number;
  /** Closing phase, stochastic setting: comparisons without a change before a UE counts as settled (default 1 per alternative). */
  sweeps?: number;
  /** Closing phase, stochastic setting: plays of an alternative per comparison block (default 16; up to 16 blocks while inconclusive). */
  probeSamples?: number;
}

/** Default step size of the learning phase of {@link runMaslPlus}. */
export const PLUS_DEFAULT_STEP_SIZE = 0.05;
/** Default ε of the learning phase of {@link runMaslPlus}. */
export const PLUS_DEFAULT_EPSILON = 0.05;
/**
 * Defaults of the closing phase under complete information (see {@link MaslPlusOptions}).
 * @example
 * PLUS_DEFAULT_AGENT.probeRate; // → 0.1
 */
export const PLUS_DEFAULT_AGENT: Readonly<PlusAgentParams> = Object.freeze({
  probeRate: 0.1,
  minProbeRate: 0.005,
  moveRate: 1,
  patience: 8,
});

/** The closing phase's parameters under complete information, checked. */
function agentParams(options: MaslPlusOptions): PlusAgentParams {
  const d = PLUS_DEFAULT_AGENT;
  const probeRate = options.probeRate ?? d.probeRate;
  if (!(probeRate >= 0 && probeRate <= 1))
    throw new RangeError(`runMaslPlus: expected probeRate in [0, 1], got ${probeRate}`);
  const minProbeRate = Math.min(options.minProbeRate ?? d.minProbeRate, probeRate);
  if (!(minProbeRate >= 0 && minProbeRate <= 1))
    throw new RangeError(`runMaslPlus: expected minProbeRate in [0, 1], got ${minProbeRate}`);
  const moveRate = options.moveRate ?? d.moveRate;
  if (!(moveRate > 0 && moveRate <= 1))
    throw new RangeError(`runMaslPlus: expected moveRate in (0, 1], got ${moveRate}`);
  const patience = options.patience ?? d.patience;
  if (!(patience >= 1 && Number.isFinite(patience)))
    throw new RangeError(`runMaslPlus: expected patience ≥ 1, got ${patience}`);
  return { probeRate, minProbeRate, moveRate, patience };
}

/**
 * MASL+ — MASL's information structure, made to end at a pure NE at scale. Every UE uses only its own
 * realised times, its own static data and the public catalogue (docs/masl.md, "Information model");
 * nobody reads another UE's strategy, action or time, or the loads. Two phases per UE:
 *
 * 1. Learning phase: MASL's linear reward–inaction automaton (same normalisation) with a large step
 *    (b = 0.05). A UE leaves the phase on its own once max_a p_{i,a} ≥ 1 − ε, or after `learnPlays`
 *    plays, and from then on plays its most probable strategy except when it probes.
 * 2. Closing phase, complete information: aggregate-estimating better-reply dynamics with inertia
 *    ({@link PlusAgent}): a UE probes at most M + K − 1 alternatives, from which it identifies the
 *    others' aggregates on every AP and ES (its time is affine in them, docs/spec-model.md §3–§4) and
 *    so the time of every alternative; it probes a predicted improvement and moves there once the
 *    reading confirms it, and keeps re-reading. A UE is settled by its own stop rule (PlusAgent).
 *    Closing phase, stochastic setting: direct probing of alternatives, comparing the mean of
 *    blocks of `probeSamples` plays with the current strategy's running mean (two standard errors,
 *    up to 16 blocks, then a near-tie); an approximate method (docs/masl.md measures it).
 *
 * The run stops when every playing UE is settled (or at the budget); the runner never evaluates
 * the game's deviation check to decide anything.
 *
 * Both phases run on MASL's slot kernel ({@link runMasl}'s loop): a UE in the closing phase is an
 * `external` UE of the kernel, whose action comes from its agent. Randomness: UE i draws from its own
 * stream derived from (seed, i), as in MASL (its agent's probes and moves included). One thread
 * (the agents live on the calling thread; `workers` is ignored).
 *
 * @param game - the game.
 * @param options - see {@link MaslPlusOptions}; `normalisation` applies to the learning phase.
 * @returns the run, as {@link runMasl}'s (method `masl-plus`).
 * @throws RangeError on bad options.
 * @example
 * const run = runMaslPlus(buildGame(generateScenario({ seed: 3 })), { seed: 1 });
 * run.result.converged; // → true on ≥ 95 % of paper-preset seeds (docs/masl.md)
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
  const stochastic = game.setting === 'stochastic';
  const agentP = agentParams(stochastic ? {} : options);
  const q = stochastic ? (options.probeRate ?? 0.1) : agentP.probeRate;
  if (stochastic && !(q > 0 && q <= 1)) throw new RangeError(`runMaslPlus: expected a probe rate in (0, 1], got ${q}`);
  const sweeps = options.sweeps ?? 1;
  if (!(Number.isInteger(sweeps) && sweeps >= 1))
    throw new RangeError(`runMaslPlus: expected sweeps to be a positive integer, got ${sweeps}`);
  const R = options.probeSamples ?? 16;
  if (!(Number.isInteger(R) && R >= 1))
    throw new RangeError(`runMaslPlus: expected probeSamples to be a positive integer, got ${R}`);

  const { N } = game;
  const world = new World(game, options.events);
  // With a schedule of changes the run plays its whole budget (an online system does not stop).
  const runToBudget = options.runToBudget ?? world.dynamic;
  const pool = new AutomatonPool(game.offsets, o.b);
  const rewards = new RewardMap(N, o.normalisation, rewardOptions(options, o.forget));
  const streams = new RngStreams(o.seed, N);
  const threshold = 1 - o.epsilon;
  const kernel = new SlotKernel(kernelState(kernelGame(game, false), pool, streams, rewards, threshold, false));
  const { playing, conv, codes, act, times } = kernel.state;
  const probing = kernel.state.external; // closing phase: the kernel takes the action from `choose`
  const { strategies, offsets } = game;
  const leaves = offsets[N]!;

  const settled = new Uint8Array(N);
  let playingCount = 0;
  let settledCount = 0;
  const plays = new Float64Array(N); // own plays in the learning phase
  // Complete information: one agent per UE, built from what that UE may know (its UeView) only.
  const view = (i: number) => ueView(world.current, i, { offsets, strategies, available: world.available });
  const agents: (PlusAgent | null)[] = new Array<PlusAgent | null>(N).fill(null);
  // Stochastic setting: the current strategy, sweep order and comparison statistics per UE.
  const cur = new Int32Array(N);
  const ptr = new Int32Array(N);
  const probeAlt = new Int32Array(N);
  const order = new Int32Array(leaves);
  const streak = new Int32Array(N);
  const needed = new Int32Array(N);
  const curN = new Float64Array(N);
  const curS = new Float64Array(N);
  const curQ = new Float64Array(N);
  const blkN = new Float64Array(N);
  const blkS = new Float64Array(N);
  const blkQ = new Float64Array(N);
  const prN = new Float64Array(N);
  const prS = new Float64Array(N);
  const prQ = new Float64Array(N);
  const isProbe = new Uint8Array(N);
  const totals = new Float64Array(3);
  let slot = 0;

  const updateSettled = (i: number): void => {
    const s = playing[i] && probing[i] && streak[i]! >= needed[i]! ? 1 : 0;
    settledCount += s - settled[i]!;
    settled[i] = s;
  };
  const startOver = (i: number): void => {
    streak[i] = 0;
    updateSettled(i);
  };
  const enterProbing = (i: number, a: number): void => {
    probing[i] = 1;
    if (!stochastic) {
      // A fresh agent with the UE's view now (its availability may have changed since it last probed).
      const agent = new PlusAgent(view(i), agentP);
      agents[i] = agent;
      agent.start(a, slot);
      return;
    }
    cur[i] = a;
    ptr[i] = 0;
    // Sweep the alternatives the automaton liked best first: improvements are likelier there.
    const base = offsets[i]!;
    const n = offsets[i + 1]! - base;
    for (let k = 0; k < n; k++) order[base + k] = k;
    order.subarray(base, base + n).sort((x, y) => pool.probability(i, y) - pool.probability(i, x) || x - y);
    curN[i] = curS[i] = curQ[i] = blkN[i] = blkS[i] = blkQ[i] = prN[i] = prS[i] = prQ[i] = 0;
    needed[i] = sweeps * Math.max(0, world.availableCount(i) - 1);
    startOver(i);
  };
  const nextAlternative = (i: number): number => {
    const base = offsets[i]!;
    const n = offsets[i + 1]! - base;
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
    playingCount += refreshLearner(world, i, joined, pool, rewards, playing);
    // A UE whose action set changed goes back to learning, from its (restricted) automaton.
    probing[i] = 0;
    plays[i] = 0;
    startOver(i);
    if (playing[i] && pool.concentrated(i, threshold)) enterProbing(i, pool.argmax(i));
  };
  /** After events: the catalogue may have changed (an AP's band), so every closing agent gets a new view. */
  const refreshViews = (): void => {
    if (stochastic) return;
    for (let i = 0; i < N; i++) if (probing[i] && agents[i]) agents[i]!.setView(view(i), slot);
  };

  playingCount = startLearners(world, pool, options.initial, playing);
  if (world.dynamic) world.advance(0, refreshUe);
  kernel.setGame(world.current, false);
  for (let i = 0; i < N; i++)
    if (playing[i] && !probing[i] && pool.concentrated(i, threshold)) enterProbing(i, pool.argmax(i));

  const current = (i: number): number => (stochastic ? cur[i]! : agents[i]!.current);
  const tracer = o.trace ? new Tracer(world) : null;
  const trajectory: MaslTraceRow[] = [];
  let observedMean = Number.NaN;
  const outcome = (i: number): number => (probing[i] ? current(i) : pool.argmax(i));
  // p_i as the tracer reads it: the probing UEs' pure strategies, the others' automata.
  const fill = (i: number, out: Float64Array, at: number): void => {
    if (probing[i]) {
      out.fill(0, at, at + offsets[i + 1]! - offsets[i]!);
      out[at + current(i)] = 1;
    } else pool.probabilities(i, out, at);
  };
  const record = (at: number): void => {
    if (!tracer) return;
    const profile = tracer.fillProfile(playing, outcome);
    trajectory.push(
      tracer.row(
        at,
        profile,
        tracer.expectedPotential(fill, playing),
        observedMean,
        playingCount ? settledCount / playingCount : 1,
      ),
    );
  };

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

  // The agent of UE `who` draws from stream `who` (one closure, no allocation per slot).
  let who = 0;
  const uniform = (): number => streams.double(who);
  /** The alternative a UE in the closing phase plays in this slot (the kernel's hook, after its activity draw). */
  kernel.choose = (i: number): number => {
    isProbe[i] = 0;
    who = i;
    if (!stochastic) return agents[i]!.act(slot, uniform);
    let a = cur[i]!;
    // Probe once the current strategy's mean is known; a block of probes runs on.
    if (needed[i]! > 0 && (prN[i]! > 0 || (curN[i]! > 0 && uniform() < q))) {
      if (prN[i] === 0) probeAlt[i] = nextAlternative(i);
      a = probeAlt[i]!;
      isProbe[i] = 1;
    }
    return a;
  };
  /**
   * Complete information: the settled UEs after this slot, each by its own stop rule. Stops at the
   * first unsettled UE unless `all` (the trace's share and the final count need every UE).
   */
  const countSettled = (at: number, all: boolean): void => {
    if (stochastic) return;
    settledCount = 0;
    for (let i = 0; i < N; i++) {
      settled[i] = playing[i] && probing[i] && agents[i]!.settled(at) ? 1 : 0;
      settledCount += settled[i]!;
      if (!all && playing[i] && !settled[i]) {
        settledCount = -1;
        return;
      }
    }
  };

  const progressEvery = Math.max(1, Math.floor(o.maxSlots / 100));
  if (tracer) record(0);
  let done = playingCount === 0 && !world.pending && !runToBudget;
  while (!done && slot < o.maxSlots) {
    if (world.dynamic && world.advance(slot, refreshUe) > 0) {
      kernel.setGame(world.current, false);
      refreshViews();
    }
    kernel.slot(); // learning UEs draw, learn and test the stop rule (conv); closing ones play their agent's choice
    for (let i = 0; i < N; i++) {
      if (codes[i]! < 0) continue;
      if (!probing[i]) {
        if (conv[i] || ++plays[i]! >= learnPlays) enterProbing(i, pool.argmax(i));
      } else if (stochastic) {
        observeStochastic(i, times[i]!);
      } else {
        agents[i]!.observe(slot, times[i]!);
      }
    }
    kernel.totals(totals);
    observedMean = totals[1]! ? totals[0]! / totals[1]! : Number.NaN;
    countSettled(slot, tracer !== null && (slot + 1) % o.traceEvery === 0);
    slot++;
    if (tracer && slot % o.traceEvery === 0) record(slot);
    if (options.onProgress && slot % progressEvery === 0) options.onProgress(slot / o.maxSlots);
    if (settledCount === playingCount && !world.pending && !runToBudget) done = true;
  }
  countSettled(slot - 1, true);
  if (tracer && (trajectory.length === 0 || trajectory[trajectory.length - 1]!.iteration !== slot)) record(slot);
  options.onProgress?.(1);

  const profile = new Int32Array(N);
  for (let i = 0; i < N; i++) profile[i] = playing[i] ? strategies[offsets[i]! + outcome(i)]! : -1;
  const probabilities = new Float64Array(leaves);
  for (let i = 0; i < N; i++) {
    if (probing[i]) probabilities[offsets[i]! + current(i)] = 1;
    else pool.probabilities(i, probabilities, offsets[i]!);
  }
  const rewardScale = new Float64Array(N);
  for (let i = 0; i < N; i++) rewardScale[i] = rewards.scale(i);
  const closing: Record<string, number> = stochastic ? { probeRate: q, sweeps, probeSamples: R } : { ...agentP };
  const result = makeResult(world.current, profile, {
    method: 'masl-plus',
    params: {
      b: o.b,
      epsilon: o.epsilon,
      normalisation: o.normalisation,
      forgetting: o.forgetting,
      slots: o.maxSlots,
      learnPlays,
      ...closing,
    },
    seed: o.seed,
    iterations: slot,
    converged: settledCount === playingCount && !world.pending,
    wallTimeS: (performance.now() - started) / 1000,
    ...(o.trace ? { trace: trajectory } : {}),
  });
  return { result, slots: slot, trajectory, probabilities, rewardScale, game: world.current };
}
