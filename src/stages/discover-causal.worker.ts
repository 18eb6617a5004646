import { parentPort, workerData } from 'node:worker_threads';
import { rngFor } from '../common/random.js';
import { type Decision, type KcdcOptions, discover } from '../kcdc/index.js';

/** One pair to decide, sent to a worker thread; the options travel once, as workerData. */
export interface PairJob {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly seed: number;
  readonly id: string;
}

export type PairOutcome = Decision;

const options = workerData as KcdcOptions;

parentPort?.on('message', (job: PairJob) => {
  try {
    const value = discover(job.x, job.y, options, rngFor(job.seed, job.id));
    parentPort!.postMessage({ ok: true, value });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, error: { name: e.name, message: e.message } });
  }
});
