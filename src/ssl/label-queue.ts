/**
 * SemPPL's queue of labelled embeddings, kept outside the step graph: a FIFO of the target projections of the
 * labelled images the batches contained, with their labels. The graph reads it as three inputs (embeddings,
 * labels, validity) and returns the batch's target projections, which `push` appends. Its contents are part of a
 * checkpoint, so a resumed run sees the queue the uninterrupted run would have seen.
 */
import { ort } from '../engine/runtime.js';
import type { TensorData } from '../engine/graph.js';

export class LabelQueue {
  readonly embeddings: Float32Array;
  readonly labels: BigInt64Array;
  readonly valid: Float32Array;
  private next = 0;
  readonly feeds: { queue: ort.Tensor; queue_label: ort.Tensor; queue_valid: ort.Tensor };

  constructor(
    readonly size: number,
    readonly dim: number,
  ) {
    this.embeddings = new Float32Array(size * dim);
    this.labels = new BigInt64Array(size);
    this.valid = new Float32Array(size);
    this.feeds = {
      queue: new ort.Tensor('float32', this.embeddings, [size, dim]),
      queue_label: new ort.Tensor('int64', this.labels, [size]),
      queue_valid: new ort.Tensor('float32', this.valid, [size]),
    };
  }

  /** Appends row i of `candidates` [batch, dim] for every i whose label is >= 0, overwriting the oldest entries. */
  push(candidates: Float32Array, labels: ArrayLike<number>): void {
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] < 0) continue;
      this.embeddings.set(candidates.subarray(i * this.dim, (i + 1) * this.dim), this.next * this.dim);
      this.labels[this.next] = BigInt(labels[i]);
      this.valid[this.next] = 1;
      this.next = (this.next + 1) % this.size;
    }
  }

  /** The queue's contents for a checkpoint. */
  state(): Map<string, TensorData> {
    return new Map<string, TensorData>([
      ['queue.embeddings', { dtype: 'float32', shape: [this.size, this.dim], data: this.embeddings.slice() }],
      ['queue.labels', { dtype: 'int64', shape: [this.size], data: this.labels.slice() }],
      ['queue.valid', { dtype: 'float32', shape: [this.size], data: this.valid.slice() }],
      ['queue.next', { dtype: 'float64', shape: [1], data: Float64Array.of(this.next) }],
    ]);
  }

  restore(state: ReadonlyMap<string, TensorData>): void {
    const get = (k: string) => state.get(k)?.data;
    const e = get('queue.embeddings');
    if (!e) return;
    this.embeddings.set(e as Float32Array);
    this.labels.set(get('queue.labels') as BigInt64Array);
    this.valid.set(get('queue.valid') as Float32Array);
    this.next = Number((get('queue.next') as Float64Array)[0]);
  }
}
