import { SlotKernel, type KernelState } from './kernel.js';

/** Control words of a parallel run (an Int32Array on a SharedArrayBuffer). */
export const CTL_GEN = 0; // bumped by the main thread to start a phase
export const CTL_CMD = 1; // the phase: one of the CMD_* values
export const CTL_ARRIVED = 2; // workers done with the phase
export const CTL_ERROR = 3; // 0, or 1 + the index of a worker that failed
export const CTL_NEXT = 4; // words CTL_NEXT + t: the next unclaimed block of thread t's range in this phase
/** The control words of a run on `threads` threads. */
export const ctlWords = (threads: number): number => CTL_NEXT + threads;
export const CMD_DRAW = 1;
export const CMD_LEARN = 2;
export const CMD_STOP = 3;
/** Blocks a thread claims at a time. */
export const CLAIM_BLOCKS = 2;
/**
 * How long a thread spins on a control word before it sleeps (Atomics.wait), when there are no more
 * threads than cores: the other threads' share of a phase usually ends within this time, and waking
 * a sleeping thread costs tens to hundreds of microseconds on a virtual machine. With more threads
 * than cores a spinning thread would take a core from one still working, so none spins.
 */
export const SPIN_MS = 2;

/**
 * Waits until `ctl[word]` differs from `value`: spins for up to `spinMs`, then sleeps for at most `sleepMs`.
 * @param ctl - the control words.
 * @param word - which word.
 * @param value - the value to wait away from.
 * @param spinMs - how long to spin first (0: sleep at once).
 * @param sleepMs - the longest sleep after the spin (Infinity: until notified).
 */
export function waitChange(ctl: Int32Array, word: number, value: number, spinMs: number, sleepMs: number): void {
  const until = performance.now() + spinMs;
  for (let k = 1; Atomics.load(ctl, word) === value; k++) {
    if ((k & 1023) === 0 && performance.now() > until) {
      Atomics.wait(ctl, word, value, sleepMs);
      return;
    }
  }
}

/** First block of thread t's range when `blocks` blocks are split over `threads` threads. */
export const rangeStart = (blocks: number, threads: number, t: number): number => Math.floor((blocks * t) / threads);

/**
 * Runs one phase of a slot on thread t of `threads`: it claims {@link CLAIM_BLOCKS} blocks at a time
 * from its own range (a counter per thread: the same UEs stay on the same core from phase to phase),
 * then from the other threads' ranges, until no block is left, so a thread that runs slower is
 * relieved by the others. Which thread runs a block does not change what the block computes (every
 * block's results go to its own rows), so any split gives the same bytes.
 * @param kernel - this thread's kernel.
 * @param ctl - the control words.
 * @param cmd - CMD_DRAW or CMD_LEARN.
 * @param t - this thread's index (0: the main thread).
 * @param threads - the number of threads.
 * @param ran - per thread, blocks run so far (this thread adds to its own entry).
 */
export function runPhase(
  kernel: SlotKernel,
  ctl: Int32Array,
  cmd: number,
  t: number,
  threads: number,
  ran: Int32Array,
): void {
  const B = kernel.blocks;
  for (let k = 0; k < threads; k++) {
    const owner = (t + k) % threads;
    const end = rangeStart(B, threads, owner + 1);
    for (;;) {
      const b0 = Atomics.add(ctl, CTL_NEXT + owner, CLAIM_BLOCKS);
      if (b0 >= end) break;
      const b1 = Math.min(end, b0 + CLAIM_BLOCKS);
      if (cmd === CMD_DRAW) kernel.draw(b0, b1);
      else kernel.learn(b0, b1);
      ran[t]! += b1 - b0;
    }
  }
}
/** Bytes reserved for a failed worker's message. */
export const ERROR_BYTES = 4096;

/** What a worker thread receives. */
export interface WorkerInput {
  jcacoMaslWorker: true;
  index: number;
  /** How long to spin before sleeping on a control word (see {@link SPIN_MS}). */
  spinMs: number;
  /** The number of threads, the main one included. */
  threads: number;
  state: KernelState;
  control: Int32Array;
  /** Per thread: blocks run (in both phases) since the run started. */
  ran: Int32Array;
  error: Uint8Array;
  /** Testing hook: throw in this slot's learn phase (counting from 0). */
  failAtSlot: number;
}

/**
 * Writes a failure into the shared error area and wakes the main thread.
 * @param input - the worker's input.
 * @param e - what was thrown.
 */
function reportFailure(input: Pick<WorkerInput, 'index' | 'control' | 'error'>, e: unknown): void {
  const text = e instanceof Error ? e.message : String(e);
  const bytes = new TextEncoder().encode(text).subarray(0, ERROR_BYTES);
  input.error.fill(0);
  input.error.set(bytes);
  Atomics.compareExchange(input.control, CTL_ERROR, 0, input.index + 1);
  Atomics.add(input.control, CTL_ARRIVED, 1);
  Atomics.notify(input.control, CTL_ARRIVED);
}

/**
 * A worker thread's loop: wait for a phase, run it on the blocks it claims, report arrival; until
 * STOP. (The main thread sums the blocks' aggregates between the phases.)
 * A throw is reported through the shared error area (the main thread then ends the run).
 * @param input - the worker's input.
 */
export function workerLoop(input: WorkerInput): void {
  const ctl = input.control;
  try {
    const kernel = new SlotKernel(input.state);
    let seen = Atomics.load(ctl, CTL_GEN);
    let slot = 0;
    Atomics.add(ctl, CTL_ARRIVED, 1); // ready
    Atomics.notify(ctl, CTL_ARRIVED);
    for (;;) {
      waitChange(ctl, CTL_GEN, seen, input.spinMs, Number.POSITIVE_INFINITY);
      seen = Atomics.load(ctl, CTL_GEN);
      const cmd = Atomics.load(ctl, CTL_CMD);
      if (cmd === CMD_STOP) return;
      if (cmd === CMD_LEARN) {
        if (slot === input.failAtSlot) throw new Error(`injected failure in slot ${slot}`);
        slot++;
      }
      runPhase(kernel, ctl, cmd, input.index, input.threads, input.ran);
      Atomics.add(ctl, CTL_ARRIVED, 1);
      Atomics.notify(ctl, CTL_ARRIVED);
    }
  } catch (e) {
    reportFailure(input, e);
  }
}
