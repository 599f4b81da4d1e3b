import { SlotKernel, type KernelState } from './kernel.js';

/** Control words of a parallel run (an Int32Array on a SharedArrayBuffer). */
export const CTL_GEN = 0; // bumped by the main thread to start a phase
export const CTL_CMD = 1; // the phase: one of the CMD_* values
export const CTL_ARRIVED = 2; // workers done with the phase
export const CTL_ERROR = 3; // 0, or 1 + the index of a worker that failed
export const CTL_WORDS = 4;
export const CMD_DRAW = 1;
export const CMD_LEARN = 2;
export const CMD_STOP = 3;
/** Bytes reserved for a failed worker's message. */
export const ERROR_BYTES = 4096;

/** What a worker thread receives. */
export interface WorkerInput {
  jcacoMaslWorker: true;
  index: number;
  b0: number;
  b1: number;
  state: KernelState;
  control: Int32Array;
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
 * A worker thread's loop: wait for a phase, run it on its blocks, report arrival; until STOP. (The
 * main thread sums the blocks' aggregates between the phases.)
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
      Atomics.wait(ctl, CTL_GEN, seen);
      seen = Atomics.load(ctl, CTL_GEN);
      const cmd = Atomics.load(ctl, CTL_CMD);
      if (cmd === CMD_STOP) return;
      if (cmd === CMD_DRAW) kernel.draw(input.b0, input.b1);
      else if (cmd === CMD_LEARN) {
        if (slot === input.failAtSlot) throw new Error(`injected failure in slot ${slot}`);
        kernel.learn(input.b0, input.b1);
        slot++;
      }
      Atomics.add(ctl, CTL_ARRIVED, 1);
      Atomics.notify(ctl, CTL_ARRIVED);
    }
  } catch (e) {
    reportFailure(input, e);
  }
}
