import type { UeView } from './view.js';

/** Parameters of a {@link PlusAgent} (the closing phase of `masl-plus` under complete information). */
export interface PlusAgentParams {
  /** The scale c of the probe probability q = min(0.25, c/√n̂), in [0, 1]; 0 disables probing. */
  probeRate: number;
  /** The floor of q, and q before the UE has estimates, in [0, probeRate]. */
  minProbeRate: number;
  /** Probability of taking a confirmed improvement in the next slot (inertia), in (0, 1]. */
  moveRate: number;
  /** Settling window: W = ⌈patience · (probes of a round + 1) / q⌉ slots. */
  patience: number;
}

/** Two readings closer than this (relative) are the same value (complete information: the same profile gives the same bits). */
const SAME = 1e-12;
/** A reading within this (relative) of its prediction confirms it; two derivations this close agree. */
const PREDICTED = 1e-9;
/** A predicted gain larger than this share of the current time is an improvement (the NE check allows 1e-9). */
const GAIN = 1e-10;
/**
 * Readings in a row of one new value of the current time that make a lasting change. Two UEs on the
 * same option probing alike in consecutive slots give two equal disturbed readings; three are rarer.
 */
const LASTING = 3;
/** The largest probe probability per slot. */
const MAX_RATE = 0.25;

const same = (a: number, b: number): boolean => Math.abs(a - b) <= SAME * Math.abs(b);

/**
 * One UE's closing phase in `masl-plus` under complete information: aggregate-estimating
 * better-reply dynamics with inertia. It sees only its {@link UeView} (own static data, public
 * catalogue) and its own realised times, through {@link PlusAgent.observe}.
 *
 * Under the `optimal` policy UE i's time on alternative a is solo[a] + apSlope[a]·S^{−i}_m +
 * serverSlope[a]·Y^{−i}_k (docs/spec-model.md §3–§4): affine in the others' aggregates of the AP and
 * the ES. The UE keeps an estimate of every aggregate it can use. Around its current strategy
 * (m₀, c₀) it reads: the *split* (an option on an ES at AP m₀ whose y differs from another's read
 * in the same state, usually c₀ itself), which gives S^{−i}_{m₀} and Y^{−i}_{k₀} exactly; then
 * (m′, c₀), which gives S^{−i}_{m′}, and (m₀, c′), which gives Y^{−i}_{k′}, for every other AP and ES:
 * at most M + K − 1 probes identify the time of every alternative without playing it. An estimate
 * is *verified* when two derivations from different slots agree (another UE's probe in the same
 * slot gives a value that does not come back); a verified estimate gives way to a new value only
 * when that value is derived three times. The AP and ES estimates are derived only from a verified
 * S^{−i}_{m₀}, Y^{−i}_{k₀}. A lasting change of the current time (one new value in three slots in a
 * row; no UE probes twice in a row) voids S^{−i}_{m₀} and Y^{−i}_{k₀} only: the other estimates keep
 * their values and are re-read in turn, oldest first.
 *
 * Moves (better reply with inertia): when the estimates predict a better alternative, the UE
 * probes that alternative itself; if the reading equals the prediction (and the slot before it
 * confirmed the current time) it moves there in the next slot with probability `moveRate`, else
 * it re-reads the estimates the prediction rests on. A move is therefore an improvement at the
 * time it is confirmed; two UEs moving in the same slot can still undo each other's gain, which
 * the random probe times make rare. Its own move voids nothing: the aggregates are the others'.
 *
 * Probe rate: q = min(0.25, c/√n̂) with n̂ = 1 + Σ_k Y^{−i}_k / y_i, the UE's own estimate of how
 * many UEs share the ESs (the others' compute weights over its own), so that others' probes
 * disturb a reading with a probability that grows slowly with N; `minProbeRate` before estimates.
 *
 * Stop rule (per UE, own observations only): *settled* when its estimates predict no better
 * alternative, S^{−i}_{m₀} and Y^{−i}_{k₀} are verified since the last lasting change, every
 * estimate was verified and the current time confirmed within the last W slots
 * (W = ⌈patience · (probes of a round + 1) / q⌉), and its own last move is at least W slots old.
 * A run whose UEs are all settled has, for every UE, estimates read after every move (the movers
 * were settled only W slots after their move): a pure NE unless the same disturbance faked a
 * repeated derivation.
 *
 * @example
 * const agent = new PlusAgent(ueView(game, 0), { probeRate: 0.1, minProbeRate: 0.005, moveRate: 1, patience: 8 });
 * agent.start(0, 0);
 * const a = agent.act(0, () => nextDouble(rng)); // the alternative to play this slot
 * agent.observe(0, T); // its realised time
 */
export class PlusAgent {
  private view: UeView;
  private readonly p: PlusAgentParams;
  /** The current strategy (an alternative index; −1 before {@link PlusAgent.start}). */
  current = -1;
  private tCur = Number.NaN;
  private lastOk = Number.NEGATIVE_INFINITY;
  private cand = Number.NaN;
  private candAt = Number.NEGATIVE_INFINITY;
  private candFrom = 0;
  private candRun = 0;
  private since = 0;
  private lastMove = Number.NEGATIVE_INFINITY;
  private predicted = Number.NaN;
  private probe = -1;
  private lastProbe = Number.NEGATIVE_INFINITY;
  private q: number;
  // The reading plan around (m₀, c₀): per AP / ES the alternative that reads its aggregate (−1: none),
  // and the split pair (splitA: the current strategy or an ES row; splitB) or none.
  private readonly apRow: Int32Array;
  private readonly esRow: Int32Array;
  private splitA = -1;
  private splitB = -1;
  private rounds = 0;
  // Per alternative: the latest reading and its slot (the split pair needs both).
  private readonly last: Float64Array;
  private readonly lastAt: Float64Array;
  // Estimates S^{−i}_m, Y^{−i}_k: value, slot of the last derivation, whether it matched the one before.
  private readonly S: Float64Array;
  private readonly Sat: Float64Array;
  private readonly Sok: Uint8Array;
  private readonly Y: Float64Array;
  private readonly Yat: Float64Array;
  private readonly Yok: Uint8Array;
  // A derivation that differs from a verified estimate, and how often it came (it replaces the estimate at 3).
  private readonly Sp: Float64Array;
  private readonly Yp: Float64Array;
  private readonly Spn: Int32Array;
  private readonly Ypn: Int32Array;
  // Estimates a failed confirmation put in doubt: read them next.
  private readonly Sre: Uint8Array;
  private readonly Yre: Uint8Array;
  private best = -1;
  private bestT = Number.NaN;
  /** The slot in which a probe of `best` read its predicted time, and that alternative. */
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private confirmedAlt = -1;

  /**
   * @param view - what the UE may know.
   * @param params - see {@link PlusAgentParams}.
   */
  constructor(view: UeView, params: PlusAgentParams) {
    this.view = view;
    this.p = params;
    this.q = Math.min(params.minProbeRate, params.probeRate);
    const { aps: M, servers: K, size: n } = view;
    this.apRow = new Int32Array(M);
    this.esRow = new Int32Array(K);
    this.last = new Float64Array(n);
    this.lastAt = new Float64Array(n);
    this.S = new Float64Array(M);
    this.Sat = new Float64Array(M);
    this.Sok = new Uint8Array(M);
    this.Y = new Float64Array(K);
    this.Yat = new Float64Array(K);
    this.Yok = new Uint8Array(K);
    this.Sp = new Float64Array(M);
    this.Yp = new Float64Array(K);
    this.Spn = new Int32Array(M);
    this.Ypn = new Int32Array(K);
    this.Sre = new Uint8Array(M);
    this.Yre = new Uint8Array(K);
  }

  /**
   * Starts the closing phase from alternative `a` at slot `slot` (forgets all readings).
   * @param a - the alternative to play.
   * @param slot - the slot about to be played.
   */
  start(a: number, slot: number): void {
    this.current = a;
    this.tCur = this.cand = this.predicted = Number.NaN;
    this.lastOk = Number.NEGATIVE_INFINITY;
    this.lastMove = this.since = slot;
    this.last.fill(Number.NaN);
    this.lastAt.fill(Number.NEGATIVE_INFINITY);
    this.S.fill(Number.NaN);
    this.Y.fill(Number.NaN);
    this.Sat.fill(Number.NEGATIVE_INFINITY);
    this.Yat.fill(Number.NEGATIVE_INFINITY);
    this.Sok.fill(0);
    this.Yok.fill(0);
    this.Sp.fill(Number.NaN);
    this.Yp.fill(Number.NaN);
    this.Sre.fill(0);
    this.Yre.fill(0);
    this.best = -1;
    this.makePlan();
  }

  /**
   * The catalogue or the UE's availability changed (a dynamic event): the estimates are void.
   * @param view - the new view (same |A_i|).
   * @param slot - the slot about to be played.
   */
  setView(view: UeView, slot: number): void {
    this.view = view;
    if (this.current >= 0) this.start(this.current, slot);
  }

  /**
   * The settling window W the UE uses now: ⌈patience · (probes of a round + 1) / q⌉.
   * @returns W, slots.
   */
  window(): number {
    return Math.ceil((this.p.patience * (this.rounds + 1)) / Math.max(this.q, 1e-12));
  }

  /**
   * The alternative to play in slot `slot`: a move (with probability moveRate after a probe
   * confirmed an improvement), a probe (with probability q once the current time is confirmed,
   * never two in a row), or the current strategy.
   * @param slot - the slot.
   * @param uniform - draws a number uniform in [0, 1) from the UE's own seeded stream.
   * @returns an alternative index.
   */
  act(slot: number, uniform: () => number): number {
    this.probe = -1;
    // Probes need a confirmed current time, not an undisturbed last slot: a condition on the last slot
    // would make every UE probe in the same slots (they are all disturbed by the same probes).
    if (Number.isNaN(this.tCur)) return this.current;
    // Move only right after a probe of the target read the predicted time: the improvement is then real now.
    if (
      this.best >= 0 &&
      this.confirmedAt === slot - 1 &&
      this.confirmedAlt === this.best &&
      this.lastOk === slot - 2 &&
      Number.isNaN(this.cand) &&
      uniform() < this.p.moveRate
    ) {
      this.move(slot);
      return this.current;
    }
    // Never two probes in a row: one UE's probe then disturbs others' times for one slot only, so a new
    // value seen in two slots in a row is a lasting change.
    if (this.rounds > 0 && this.q > 0 && this.lastProbe < slot - 1 && uniform() < this.q) {
      this.probe = this.nextProbe();
      this.lastProbe = slot;
      return this.probe;
    }
    return this.current;
  }

  /**
   * The UE's realised time in slot `slot` (of the alternative {@link PlusAgent.act} returned).
   * @param slot - the slot.
   * @param T - the time, seconds.
   */
  observe(slot: number, T: number): void {
    if (this.probe >= 0) this.reading(this.probe, slot, T);
    else this.currentReading(slot, T);
  }

  /**
   * The stop rule on own observations (see the class comment).
   * @param slot - the slot just played.
   * @returns whether the UE is settled.
   */
  settled(slot: number): boolean {
    if (this.current < 0 || this.best >= 0 || Number.isNaN(this.tCur)) return false;
    const W = this.window();
    const from = slot - W;
    // Other UEs' one-slot probes disturb the current time in many slots: a reading within the window suffices.
    if (slot - this.lastMove < W || this.lastOk < from || !this.ownFresh()) return false;
    const v = this.view;
    const m0 = v.ap[this.current]!;
    const k0 = v.server[this.current]!;
    if (this.Sat[m0]! < from || this.Yat[k0]! < from) return false;
    for (let m = 0; m < v.aps; m++) if (this.apRow[m]! >= 0 && !(this.Sok[m] && this.Sat[m]! >= from)) return false;
    for (let k = 0; k < v.servers; k++) if (this.esRow[k]! >= 0 && !(this.Yok[k] && this.Yat[k]! >= from)) return false;
    return true;
  }

  private move(slot: number): void {
    this.current = this.best;
    this.predicted = this.bestT;
    this.tCur = this.cand = Number.NaN;
    this.lastMove = slot;
    this.best = -1;
    this.makePlan();
  }

  /** Whether S^{−i}_{m₀} and Y^{−i}_{k₀} are verified since the last lasting change. */
  private ownFresh(): boolean {
    const v = this.view;
    const m0 = v.ap[this.current]!;
    const k0 = v.server[this.current]!;
    return this.Sok[m0] === 1 && this.Yok[k0] === 1 && this.Sat[m0]! >= this.since && this.Yat[k0]! >= this.since;
  }

  /** The alternative to probe: the split while the own estimates are not fresh, then what the best move needs, then the oldest. */
  private nextProbe(): number {
    const v = this.view;
    if (!this.ownFresh() && this.splitB >= 0) {
      const A = this.splitA;
      return A === this.current || this.lastAt[this.splitB]! <= this.lastAt[A]! ? this.splitB : A;
    }
    if (this.best >= 0) {
      const m = v.ap[this.best]!;
      const k = v.server[this.best]!;
      if ((!this.Sok[m] || this.Sre[m]) && this.apRow[m]! >= 0) return this.apRow[m]!;
      if ((!this.Yok[k] || this.Yre[k]) && this.esRow[k]! >= 0) return this.esRow[k]!;
      return this.best; // confirm the improvement by reading it
    }
    let pick = this.splitB >= 0 ? this.splitB : -1;
    let key = pick >= 0 ? Math.min(this.Sat[v.ap[this.current]!]!, this.Yat[v.server[this.current]!]!) : Infinity;
    for (let m = 0; m < v.aps; m++) {
      const a = this.apRow[m]!;
      const k = this.Sok[m] ? this.Sat[m]! : -1e15 + this.Sat[m]!;
      if (a >= 0 && k < key) {
        key = k;
        pick = a;
      }
    }
    for (let s = 0; s < v.servers; s++) {
      const a = this.esRow[s]!;
      const k = this.Yok[s] ? this.Yat[s]! : -1e15 + this.Yat[s]!;
      if (a >= 0 && k < key) {
        key = k;
        pick = a;
      }
    }
    return pick >= 0 ? pick : this.current;
  }

  private currentReading(slot: number, T: number): void {
    if (!Number.isNaN(this.tCur) && same(T, this.tCur)) {
      this.lastOk = slot;
      this.cand = Number.NaN;
      if (this.splitB < 0) this.anchor(slot);
      return;
    }
    if (Number.isNaN(this.tCur) && Math.abs(T - this.predicted) <= PREDICTED * T) {
      // The move landed where the estimates said: they stand.
      this.confirm(slot, T);
      return;
    }
    if (this.candAt === slot - 1 && same(T, this.cand)) {
      this.candAt = slot;
      if (++this.candRun < LASTING) return;
      // The same new value in LASTING slots in a row: a lasting change (or a move that missed its prediction).
      if (!Number.isNaN(this.predicted)) this.distrust();
      this.since = this.candFrom;
      this.confirm(slot, T);
      return;
    }
    this.cand = T;
    this.candAt = this.candFrom = slot;
    this.candRun = 1;
  }

  /** A move missed its prediction: the estimates it used lose their verification. */
  private distrust(): void {
    const v = this.view;
    this.Sok[v.ap[this.current]!] = 0;
    this.Yok[v.server[this.current]!] = 0;
  }

  private confirm(slot: number, T: number): void {
    this.tCur = T;
    this.lastOk = slot;
    this.cand = this.predicted = Number.NaN;
    if (this.splitB < 0) this.anchor(slot);
    else if (this.splitA === this.current) this.trySplit(slot);
    this.decide();
  }

  /**
   * No ES offers two options of different y at AP m₀: Y^{−i}_{k₀} is pinned to 0 and S^{−i}_{m₀} read
   * off the current time. Every alternative's predicted time is still exact: it depends only on
   * sums that the readings fix.
   */
  private anchor(slot: number): void {
    const v = this.view;
    const a0 = this.current;
    this.put(this.Y, this.Yat, this.Yok, this.Yp, v.server[a0]!, 0, slot);
    this.put(this.S, this.Sat, this.Sok, this.Sp, v.ap[a0]!, (this.tCur - v.solo[a0]!) / v.apSlope[a0]!, slot);
  }

  /**
   * Stores a derivation. One equal to the estimate re-verifies it; one that differs is held until a
   * second equal derivation replaces the estimate (another UE's one-slot probe does not come back).
   * An estimate with no value yet takes the first derivation, unverified.
   */
  private put(
    x: Float64Array,
    at: Float64Array,
    ok: Uint8Array,
    p: Float64Array,
    j: number,
    value: number,
    slot: number,
  ): void {
    const near = (u: number): boolean => Math.abs(value - u) <= PREDICTED * Math.abs(value);
    const isS = x === this.S;
    const pn = isS ? this.Spn : this.Ypn;
    const recheck = isS ? this.Sre : this.Yre;
    recheck[j] = 0;
    if (near(x[j]!)) {
      ok[j] = 1;
      at[j] = slot;
      p[j] = Number.NaN;
    } else if (Number.isNaN(x[j]!) || !ok[j]) {
      ok[j] = near(p[j]!) ? 1 : 0;
      x[j] = value;
      at[j] = slot;
      p[j] = ok[j] ? Number.NaN : value;
    } else if (near(p[j]!) && ++pn[j]! >= 3) {
      // A verified estimate gives way to a new value read three times (two UEs probing alike twice
      // can fake two equal readings).
      x[j] = value;
      at[j] = slot;
      p[j] = Number.NaN;
    } else if (!near(p[j]!)) {
      p[j] = value;
      pn[j] = 1;
    }
  }

  private reading(a: number, slot: number, T: number): void {
    this.last[a] = T;
    this.lastAt[a] = slot;
    const v = this.view;
    if (a === this.best) {
      if (Math.abs(T - this.bestT) <= PREDICTED * T) {
        this.confirmedAt = slot;
        this.confirmedAlt = a;
      } else {
        // Not what the estimates said (a stale estimate, or another UE's probe in this slot): re-read
        // the estimates it rests on (the UE's own ones only when nothing else entered the prediction).
        const m = v.ap[a]!;
        const k = v.server[a]!;
        const m0 = v.ap[this.current]!;
        const k0 = v.server[this.current]!;
        if (m !== m0) this.Sre[m] = 1;
        if (k !== k0) this.Yre[k] = 1;
        if (m === m0 && k === k0) this.Sok[m] = this.Yok[k] = 0;
      }
    }
    if (a === this.splitB || (a === this.splitA && a !== this.current)) this.trySplit(slot);
    if (a !== this.splitA && a !== this.splitB && this.ownFresh()) {
      // (m′, c) with c on ES k₀ gives S^{−i}_{m′}; (m₀, c′) with c′ on another ES gives that ES's Y^{−i}.
      const a0 = this.current;
      const r = T - v.solo[a]!;
      const m = v.ap[a]!;
      const k = v.server[a]!;
      const m0 = v.ap[a0]!;
      const k0 = v.server[a0]!;
      if (m !== m0 && k === k0)
        this.put(this.S, this.Sat, this.Sok, this.Sp, m, (r - v.serverSlope[a]! * this.Y[k0]!) / v.apSlope[a]!, slot);
      else if (m === m0 && k !== k0)
        this.put(this.Y, this.Yat, this.Yok, this.Yp, k, (r - v.apSlope[a]! * this.S[m0]!) / v.serverSlope[a]!, slot);
    }
    this.decide();
  }

  /** The split pair, both read since the last lasting change: S^{−i}_{m₀}, Y^{−i} on its ES and Y^{−i}_{k₀}. */
  private trySplit(slot: number): void {
    const v = this.view;
    const a0 = this.current;
    const A = this.splitA;
    const B = this.splitB;
    const tA = A === a0 ? this.tCur : this.last[A]!;
    if (Number.isNaN(tA) || this.lastAt[B]! < this.since || (A !== a0 && this.lastAt[A]! < this.since)) return;
    const rA = tA - v.solo[A]!;
    const rB = this.last[B]! - v.solo[B]!;
    const ks = v.server[B]!;
    const m0 = v.ap[a0]!;
    const Yk = (rB - rA) / (v.serverSlope[B]! - v.serverSlope[A]!);
    const Sm = (rA - v.serverSlope[A]! * Yk) / v.apSlope[A]!;
    this.put(this.Y, this.Yat, this.Yok, this.Yp, ks, Yk, slot);
    this.put(this.S, this.Sat, this.Sok, this.Sp, m0, Sm, slot);
    const k0 = v.server[a0]!;
    if (ks !== k0) {
      const r0 = this.tCur - v.solo[a0]!;
      this.put(this.Y, this.Yat, this.Yok, this.Yp, k0, (r0 - v.apSlope[a0]! * Sm) / v.serverSlope[a0]!, slot);
    }
  }

  /**
   * The probe rate q = min(0.25, c/√n̂), n̂ = 1 + Σ_k Y^{−i}_k / y_i: the UE's own estimate of how many
   * UEs share the ESs (the others' compute weights over its own), so that the others' probes
   * disturb a reading with a probability that does not grow with N. Until it has estimates, q is
   * the floor `minProbeRate`.
   */
  private adaptRate(): void {
    if (!(this.p.probeRate > 0)) return;
    const v = this.view;
    const y = v.computeWeight[this.current]!;
    let n = 1;
    let seen = false;
    for (let k = 0; k < v.servers; k++) {
      if (this.Y[k]! > 0) {
        n += this.Y[k]! / y;
        seen = true;
      }
    }
    if (seen) this.q = Math.max(this.p.minProbeRate, Math.min(MAX_RATE, this.p.probeRate / Math.sqrt(n)));
  }

  /** Predicts every alternative from the estimates and keeps the best one that beats the current time. */
  private decide(): void {
    this.best = -1;
    if (Number.isNaN(this.tCur)) return;
    this.adaptRate();
    const v = this.view;
    let bestT = this.tCur;
    for (let a = 0; a < v.size; a++) {
      if (!v.available[a] || a === this.current) continue;
      const t = v.solo[a]! + v.apSlope[a]! * this.S[v.ap[a]!]! + v.serverSlope[a]! * this.Y[v.server[a]!]!;
      if (t < bestT) {
        bestT = t;
        if (this.tCur - t > GAIN * this.tCur) this.best = a;
      }
    }
    this.bestT = bestT;
  }

  /** Builds the reading plan around the current strategy (m₀, c₀). */
  private makePlan(): void {
    const v = this.view;
    const a0 = this.current;
    const m0 = v.ap[a0]!;
    const c0 = v.option[a0]!;
    const k0 = v.server[a0]!;
    this.apRow.fill(-1);
    this.esRow.fill(-1);
    this.splitA = this.splitB = -1;
    let gap = 0;
    for (let a = 0; a < v.size; a++) {
      if (!v.available[a] || a === a0) continue;
      const m = v.ap[a]!;
      const k = v.server[a]!;
      if (v.option[a] === c0) this.apRow[m] = a;
      else if (m === m0 && k === k0) {
        // The split on ES k₀: the option of the most different y.
        const g = Math.abs(v.serverSlope[a]! - v.serverSlope[a0]!);
        if (g > gap * (1 + 1e-9)) {
          gap = g;
          this.splitA = a0;
          this.splitB = a;
        }
      } else if (m === m0 && this.esRow[k]! < 0) this.esRow[k] = a;
    }
    if (this.splitB < 0) this.splitOnOtherServer(m0);
    let n = this.splitB >= 0 ? 1 : 0;
    for (let m = 0; m < v.aps; m++) if (this.apRow[m]! >= 0) n++;
    for (let k = 0; k < v.servers; k++) if (this.esRow[k]! >= 0) n++;
    this.rounds = n;
  }

  /** No second option on ES k₀: split on another ES whose row has a partner of a different y at AP m₀. */
  private splitOnOtherServer(m0: number): void {
    const v = this.view;
    for (let k = 0; k < v.servers && this.splitB < 0; k++) {
      const e = this.esRow[k]!;
      if (e < 0) continue;
      for (let a = 0; a < v.size; a++) {
        if (!v.available[a] || v.ap[a] !== m0 || v.server[a] !== k) continue;
        if (Math.abs(v.serverSlope[a]! - v.serverSlope[e]!) > 1e-9 * v.serverSlope[e]!) {
          this.splitA = e;
          this.splitB = a;
          break;
        }
      }
    }
  }
}
