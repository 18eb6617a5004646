import { Worker } from 'node:worker_threads';

interface Job<In, Out> {
  readonly input: In;
  readonly transfer: ArrayBuffer[];
  resolve(out: Out): void;
  reject(err: Error): void;
}

/**
 * A fixed set of worker threads running one module's message handler, for work that is independent per item (one
 * cause-effect pair, say). Jobs are queued and handed to the next free worker; results come back as promises,
 * so a stage can keep its output order by awaiting them in order.
 *
 * The worker module answers each message with `{ ok: true, value }` or `{ ok: false, error }`; an error message is
 * rethrown here with the name and message it had, so typed errors survive the thread boundary by name.
 */
export class WorkerPool<In, Out> {
  private readonly idle: Worker[] = [];
  private readonly queue: Job<In, Out>[] = [];
  private readonly running = new Map<Worker, Job<In, Out>>();
  private readonly workers: Worker[] = [];

  constructor(
    moduleUrl: URL,
    size: number,
    /** Given to every worker once, as `workerData` (settings that would be wasteful to send with each job). */
    workerData: unknown,
    private readonly rebuildError: (name: string, message: string) => Error,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(moduleUrl, { workerData });
      worker.on('message', (msg: { ok: boolean; value?: Out; error?: { name: string; message: string } }) => {
        const job = this.running.get(worker)!;
        this.running.delete(worker);
        if (msg.ok) job.resolve(msg.value as Out);
        else job.reject(this.rebuildError(msg.error!.name, msg.error!.message));
        this.release(worker);
      });
      worker.on('error', (err) => {
        const job = this.running.get(worker);
        this.running.delete(worker);
        job?.reject(err);
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, transfer, resolve, reject });
      const worker = this.idle.pop();
      if (worker) this.release(worker);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private release(worker: Worker): void {
    const job = this.queue.shift();
    if (!job) {
      this.idle.push(worker);
      return;
    }
    this.running.set(worker, job);
    worker.postMessage(job.input, job.transfer);
  }
}
