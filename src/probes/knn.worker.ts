import { parentPort, workerData } from 'node:worker_threads';
import { type QueryRange, type RangeResult, type SearchPlan, searchRange } from './knn.js';

/** The search plan (shared memory) arrives once as workerData; each job is a slice of the queries. */
const plan = workerData as SearchPlan;

parentPort?.on('message', (job: QueryRange) => {
  try {
    const value: RangeResult = searchRange(plan, job.q0, job.q1);
    parentPort!.postMessage({ ok: true, value }, [value.index.buffer as ArrayBuffer, value.distance.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ ok: false, error: { name: e.name, message: e.message } });
  }
});
