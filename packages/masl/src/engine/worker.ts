import { isMainThread, workerData } from 'node:worker_threads';
import { workerLoop, type WorkerInput } from './protocol.js';

/**
 * Entry of MASL's worker threads: runs the slot loop when this module is loaded in a thread started by
 * the parallel runner (its workerData says so), and does nothing anywhere else. Built, this module is
 * part of the package's bundle, and the bundle itself is the worker's file.
 */
const input = isMainThread ? null : (workerData as Partial<WorkerInput> | null);
if (input?.jcacoMaslWorker === true) workerLoop(input as WorkerInput);
