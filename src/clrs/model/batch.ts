/**
 * Between samples and the step graph: writes a batch of same-size samples into the feature layout of probes.ts
 * (features, targets, per-sample weights) and reads the graph's logits back as hard decisions in the sample layout
 * (pointer and class indices, 0/1 masks, one-hot mask_one, scalars), which `writeFeature` turns into the next
 * step's hint features during evaluation.
 *
 * A sample of length L (hint steps) takes max(1, L - 1) processor steps: step t reads hint t and predicts hint t + 1
 * (when t + 1 < L); the outputs are read at its last step, as CLRS `nets.py` freezes them once a sample is done.
 */
import { maskedEntries } from '../metric.js';
import type { Sample } from '../sample.js';
import { featureShape, names, type ModelProbe, type ModelSpec } from './probes.js';

/** Processor steps a sample of `length` hint steps takes. */
export function stepsOf(length: number): number {
  return Math.max(1, length - 1);
}

/**
 * Writes raw values (sample layout) as a feature or target (probes.ts layout) at `offset`; `out` must be zero there.
 * `masked` entries become -1 (masks) or an all-zero one-hot (categorical), as CLRS marks OutputClass.MASKED.
 */
export function writeFeature(p: ModelProbe, raw: Float64Array, n: number, out: Float32Array, offset: number, masked: ((k: number) => boolean) | null = null): void {
  switch (p.type) {
    case 'scalar':
    case 'mask_one':
      for (let k = 0; k < raw.length; k++) out[offset + k] = raw[k];
      return;
    case 'mask':
      for (let k = 0; k < raw.length; k++) out[offset + k] = masked?.(k) ? -1 : raw[k];
      return;
    case 'categorical': {
      const C = p.categories!;
      for (let k = 0; k < raw.length; k++) if (!masked?.(k)) out[offset + k * C + raw[k]] = 1;
      return;
    }
    case 'pointer':
      for (let k = 0; k < raw.length; k++) out[offset + k * n + raw[k]] = 1;
      return;
    case 'permutation_pointer': {
      const cyclic = cyclicPredecessors(raw);
      for (let i = 0; i < n; i++) out[offset + i * n + cyclic[i]] = 1;
      return;
    }
  }
}

/**
 * A should_be_permutation output as CLRS `predecessor_to_cyclic_predecessor_and_first`: the head (the node pointing
 * at itself) points at the tail (the node nobody points at) instead; other nodes keep their predecessor.
 */
export function cyclicPredecessors(pred: Float64Array): Int32Array {
  const n = pred.length;
  const pointedAt = new Uint8Array(n);
  let head = -1;
  for (let i = 0; i < n; i++) {
    if (pred[i] === i) head = i;
    else pointedAt[pred[i]] = 1;
  }
  const tail = pointedAt.indexOf(0);
  return Int32Array.from(pred, (p, i) => (i === head ? tail : p));
}

/** The head mask of a permutation output: a one-hot at the node that points at itself. */
export function permutationHead(pred: Float64Array): Float64Array {
  return Float64Array.from(pred, (p, i) => (p === i ? 1 : 0));
}

/** The raw truth of a decoded probe at a snapshot (hint step, or the output). */
export function truthOf(p: ModelProbe, sample: Sample, step: number): Float64Array {
  if (p.stage === 'hint') return sample.hints[p.source][step];
  const raw = sample.outputs[p.source];
  return p.name !== p.source ? permutationHead(raw) : raw;
}

/** Feature tensors of one batch: a Float32Array and its shape per graph input. */
export type Feeds = Record<string, { data: Float32Array; shape: number[] }>;

export class BatchWriter {
  readonly feeds: Feeds = {};
  readonly batch: number;

  constructor(
    readonly spec: ModelSpec,
    readonly samples: readonly Sample[],
    readonly n: number,
    private readonly hidden: number,
    o: { training: boolean },
  ) {
    this.batch = samples.length;
    const alloc = (name: string, shape: number[]): void => {
      this.feeds[name] = { data: new Float32Array(shape.reduce((a, b) => a * b, 1)), shape };
    };
    for (const p of spec.encoded) alloc(names.feature(p), [this.batch, ...featureShape(p, n)]);
    alloc(names.hidden, [this.batch, n, hidden]);
    if (o.training) {
      for (const p of spec.decoded) {
        alloc(names.target(p), [this.batch, ...featureShape(p, n)]);
        if (p.type === 'permutation_pointer') alloc(names.gumbel(p), [this.batch, n, n]);
      }
      alloc(names.hintWeight, [this.batch]);
      alloc(names.outputWeight, [this.batch]);
    }
    for (const p of spec.encoded) if (p.stage === 'input') this.fill(p, (s) => s.inputs[p.name]);
  }

  /** Processor steps the batch takes: the longest sample's. */
  get steps(): number {
    return Math.max(...this.samples.map((s) => stepsOf(s.length)));
  }

  /**
   * Ground-truth hints of step t (teacher forcing; a finished sample repeats its last hint, unsupervised), except
   * where `own` gives a sample the model's own decoded hint instead.
   */
  teacherHints(t: number, own?: (p: ModelProbe, b: number) => Float64Array | null): void {
    for (const p of this.spec.encoded) if (p.stage === 'hint') this.fill(p, (s, b) => own?.(p, b) ?? s.hints[p.name][Math.min(t, s.length - 1)]);
  }

  /** Hints of step t from raw values per sample (the model's own decoded predictions during evaluation). */
  hints(raw: (p: ModelProbe, b: number) => Float64Array): void {
    for (const p of this.spec.encoded) if (p.stage === 'hint') this.fill(p, (_s, b) => raw(p, b));
  }

  /** Targets and weights of step t: hints at t + 1 where they exist, outputs where t is the sample's last step. */
  targets(t: number): void {
    const hintW = this.feeds[names.hintWeight].data;
    const outW = this.feeds[names.outputWeight].data;
    this.samples.forEach((s, b) => {
      hintW[b] = t + 1 < s.length ? 1 : 0;
      outW[b] = t === stepsOf(s.length) - 1 ? 1 : 0;
    });
    for (const p of this.spec.decoded) {
      const feed = this.feeds[names.target(p)];
      const size = feed.data.length / this.batch;
      feed.data.fill(0);
      this.samples.forEach((s, b) => {
        const raw = truthOf(p, s, Math.min(t + 1, s.length - 1));
        writeFeature(p, raw, this.n, feed.data, b * size, maskedEntries(this.spec.algorithm, p.source, s, raw));
      });
    }
  }

  /** Fills every Gumbel noise tensor from `uniform` (training). */
  noise(uniform: () => number, gumbel: (u: number) => number): void {
    for (const p of this.spec.decoded) {
      if (p.type !== 'permutation_pointer') continue;
      const d = this.feeds[names.gumbel(p)].data;
      for (let i = 0; i < d.length; i++) d[i] = gumbel(uniform());
    }
  }

  setHidden(h: Float32Array): void {
    this.feeds[names.hidden].data.set(h);
  }

  private fill(p: ModelProbe, raw: (s: Sample, b: number) => Float64Array): void {
    const feed = this.feeds[names.feature(p)];
    const size = feed.data.length / this.batch;
    feed.data.fill(0);
    this.samples.forEach((s, b) => writeFeature(p, raw(s, b), this.n, feed.data, b * size));
  }
}

/**
 * Hard decisions from one sample's logits (its slice of the graph output), in the sample layout: scalars as they
 * are, masks logit > 0, mask_one a one-hot at the argmax node, categorical and pointers the argmax index.
 */
export function decodeHard(p: ModelProbe, logits: Float32Array, n: number): Float64Array {
  switch (p.type) {
    case 'scalar':
      return Float64Array.from(logits);
    case 'mask':
      return Float64Array.from(logits, (x) => (x > 0 ? 1 : 0));
    case 'mask_one': {
      const out = new Float64Array(logits.length);
      out[argmaxOf(logits, 0, logits.length)] = 1;
      return out;
    }
    case 'categorical':
      return rowArgmax(logits, p.categories!);
    case 'pointer':
    case 'permutation_pointer':
      return rowArgmax(logits, n);
  }
}

/** Hard-decoded hint predictions of one step's graph outputs (`pred.hint.*`, [batch, ...]), by probe name and sample. */
export function decodeHints(spec: ModelSpec, outputs: Record<string, { data: unknown }>, batch: number, n: number): Map<string, Float64Array[]> {
  const decoded = new Map<string, Float64Array[]>();
  for (const p of spec.decoded) {
    if (p.stage !== 'hint') continue;
    const data = outputs[names.prediction(p)].data as Float32Array;
    const size = data.length / batch;
    decoded.set(p.name, Array.from({ length: batch }, (_, b) => decodeHard(p, data.subarray(b * size, (b + 1) * size), n)));
  }
  return decoded;
}

/** A permutation output fused with its head mask (CLRS `_fuse_perm_and_mask`): the head points at itself. */
export function fusePermutation(cyclic: Float64Array, head: Float64Array): Float64Array {
  return Float64Array.from(cyclic, (p, i) => (head[i] > 0.5 ? i : p));
}

function rowArgmax(x: Float32Array, width: number): Float64Array {
  const rows = x.length / width;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = argmaxOf(x, r * width, width);
  return out;
}

function argmaxOf(x: Float32Array, from: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (x[from + i] > x[from + best]) best = i;
  return best;
}
