import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { SlotKernel, KernelState } from './kernel.js';
import {
  CMD_DRAW,
  CMD_LEARN,
  CMD_STOP,
  CTL_ARRIVED,
  CTL_CMD,
  CTL_ERROR,
  CTL_GEN,
  CTL_NEXT,
  ctlWords,
  ERROR_BYTES,
  rangeStart,
  runPhase,
  SPIN_MS,
  waitChange,
  workerLoop,
  type WorkerInput,
} from './protocol.js';
import { typedArray } from './shared.js';

/** How long the main thread waits for the workers to start (loading sources through tsx can take seconds). */
const START_TIMEOUT_MS = 120_000;
/** How long a phase may make no progress before the run is declared hung. */
const PHASE_TIMEOUT_MS = 600_000;

/**
 * The file a worker thread runs, and its execArgv: from sources (a `.ts` module: tests, run-ts) a
 * boot script that loads them through tsx under the `@jcaco/source` condition; built, the bundle itself.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts'))
    return { url: new URL('./worker-boot.mjs', here), execArgv: ['--conditions=@jcaco/source'] };
  return { url: new URL(here), execArgv: [] };
}

/**
 * Node's worker_threads, or null where there is none (a browser bundle of `@jcaco/masl` runs on one
 * thread and must not import it: a static import breaks the bundle at load time).
 */
const nodeThreads: typeof WorkerThreads | null =
  typeof process !== 'undefined' && typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('node:worker_threads')
    : null;

/**
 * Whether this code runs on the process's main thread. A run on a worker thread (e.g. a task of
 * `jcaco reproduce`'s worker pool) does not start threads of its own: a thread started from a
 * worker that then blocks at the barrier did not finish starting within 120 s when loaded from
 * sources, and a pool's workers already use the cores.
 */
export const onMainThread: boolean = nodeThreads === null || nodeThreads.isMainThread;

// Worker threads run this module (from sources through worker-boot.mjs; built, as part of the
// package's bundle, which is the worker's file): when its workerData says so, run the slot loop.
// A worker outlives its run: after STOP it waits for the next run's input as a message (see `parked`).
const input = nodeThreads && !nodeThreads.isMainThread ? (nodeThreads.workerData as Partial<WorkerInput> | null) : null;
if (input?.jcacoMaslWorker === true) {
  workerLoop(input as WorkerInput);
  nodeThreads?.parentPort?.on('message', (next: WorkerInput) => workerLoop(next));
}

/**
 * Worker threads whose run ended normally, kept (unref'd, so they do not hold the process open) for
 * the next parallel run of this process: starting a worker costs tens of milliseconds built and about
 * half a second from sources, which would otherwise be paid by every run.
 */
const parked: Worker[] = [];

/** A new worker thread on `input`, unref'd, that leaves the parked set if it ever exits. */
function startWorker(threads: typeof WorkerThreads, url: URL, input: WorkerInput, execArgv: string[]): Worker {
  const w = new threads.Worker(url, { workerData: input, execArgv });
  w.unref();
  w.once('exit', () => {
    const k = parked.indexOf(w);
    if (k >= 0) parked.splice(k, 1);
  });
  return w;
}

/** Options of {@link ParallelSlots}. */
interface ParallelOptions {
  /** Testing hook: worker 1 throws in this slot's learn phase. */
  failAtSlot?: number;
  /** The API name for error messages. */
  name: string;
}

/**
 * Runs MASL's slot phases on `threads` threads over shared state: the main thread starts a phase by
 * bumping a generation word (Atomics.notify); every thread, the main one included, then claims blocks
 * of its own range and, once that is done, of the others' until none is left (so a thread that runs
 * slower is relieved by the others; see `runPhase`), and the main thread waits
 * until all arrived — a barrier after each phase. Waiting threads spin briefly before they sleep
 * (Atomics.wait). Blocking: the main thread runs no
 * event loop meanwhile, so workers report failures through shared memory; a failure or a hang ends
 * the run with an Error naming the API and the worker, and the threads are terminated.
 *
 * @example
 * const par = new ParallelSlots(kernel, 2, { name: 'runMasl' });
 * par.slot(); // one slot on two threads
 * par.close();
 */
export class ParallelSlots {
  private readonly kernel: SlotKernel;
  private readonly control: Int32Array;
  private readonly error: Uint8Array;
  private readonly workers: Worker[] = [];
  private readonly name: string;
  private readonly spinMs: number;
  private readonly threads: number;
  /** Per thread (0: the main one): blocks run, in both phases, so far. */
  readonly ran: Int32Array;
  private closed = false;

  /**
   * Starts `threads − 1` worker threads over the kernel's (shared) state and waits until they are ready.
   * @param kernel - the main thread's kernel; its state must live in SharedArrayBuffers.
   * @param threads - the number of threads including the main one (≥ 2).
   * @param options - the API name for messages; a testing hook.
   * @throws Error when a worker cannot start.
   */
  constructor(kernel: SlotKernel, threads: number, options: ParallelOptions) {
    this.kernel = kernel;
    this.name = options.name;
    this.threads = threads;
    this.control = typedArray(Int32Array, ctlWords(threads), true);
    this.ran = typedArray(Int32Array, threads, true);
    this.error = typedArray(Uint8Array, ERROR_BYTES, true);
    // Where there are worker threads there is Node, hence its os module.
    this.spinMs = nodeThreads && threads <= process.getBuiltinModule('node:os').availableParallelism() ? SPIN_MS : 0;
    const { url, execArgv } = workerEntry();
    for (let t = 1; t < threads; t++) {
      const input: WorkerInput = {
        jcacoMaslWorker: true,
        index: t,
        spinMs: this.spinMs,
        threads,
        ran: this.ran,
        state: kernel.state as KernelState,
        control: this.control,
        error: this.error,
        failAtSlot: t === 1 ? (options.failAtSlot ?? -1) : -1,
      };
      if (!nodeThreads) throw new Error('runMasl: worker threads need Node.js (workers > 1)');
      const reused = parked.pop();
      if (reused) reused.postMessage(input);
      const w = reused ?? startWorker(nodeThreads, url, input, execArgv);
      this.workers.push(w);
    }
    this.await(START_TIMEOUT_MS, 'start');
  }

  /** Plays one slot: draw on every thread, sum the blocks, learn on every thread (each thread claims blocks until none is left). */
  slot(): void {
    this.start(CMD_DRAW);
    runPhase(this.kernel, this.control, CMD_DRAW, 0, this.threads, this.ran);
    this.await(PHASE_TIMEOUT_MS, 'draw');
    this.kernel.sumBlocks();
    this.start(CMD_LEARN);
    runPhase(this.kernel, this.control, CMD_LEARN, 0, this.threads, this.ran);
    this.await(PHASE_TIMEOUT_MS, 'learn');
  }

  private start(cmd: number): void {
    for (let t = 0; t < this.threads; t++)
      Atomics.store(this.control, CTL_NEXT + t, rangeStart(this.kernel.blocks, this.threads, t));
    Atomics.store(this.control, CTL_ARRIVED, 0);
    Atomics.store(this.control, CTL_CMD, cmd);
    Atomics.add(this.control, CTL_GEN, 1);
    Atomics.notify(this.control, CTL_GEN);
  }

  /** Waits until every worker arrived; throws (after stopping the workers) on a failure or a timeout. */
  private await(timeoutMs: number, phase: string): void {
    const ctl = this.control;
    const expected = this.workers.length;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failed = Atomics.load(ctl, CTL_ERROR);
      if (failed !== 0) {
        const text = new TextDecoder().decode(this.error.slice()).replace(/\0+$/, '');
        this.close(true);
        throw new Error(`${this.name}: worker thread ${failed - 1} failed: ${text}`);
      }
      const arrived = Atomics.load(ctl, CTL_ARRIVED);
      if (arrived >= expected) return;
      if (Date.now() > deadline) {
        this.close(true);
        throw new Error(`${this.name}: worker threads did not finish the ${phase} phase within ${timeoutMs / 1000} s`);
      }
      waitChange(ctl, CTL_ARRIVED, arrived, this.spinMs, 50);
    }
  }

  /**
   * Ends the run on the worker threads (idempotent): they are parked for the next run of the process,
   * or terminated after a failure.
   * @param failed - terminate the threads instead of parking them.
   */
  close(failed = false): void {
    if (this.closed) return;
    this.closed = true;
    this.start(CMD_STOP);
    for (const w of this.workers) {
      if (failed) void w.terminate();
      else parked.push(w);
    }
  }
}
