/**
 * k-nearest-neighbour search and voting over embeddings (rows of `dim` floats, one flat array per set).
 *
 * The search is exact brute force: every query is scored against every reference in 4x4 register tiles (16 dot
 * products share their loads), and each query keeps its best k in a heap, so memory is O(queries x k) however many
 * references there are. Cosine similarity is the dot product of L2-normalised copies; Euclidean ranking uses
 * ||r||^2 - 2 q.r, which orders references as the distance does without a per-pair square root.
 */
export type Metric = 'cosine' | 'euclidean';
export const METRICS: readonly Metric[] = ['cosine', 'euclidean'];

export interface Neighbours {
  readonly queries: number;
  /** Neighbours kept per query: min(k, references available to it). */
  readonly k: number;
  /** index[q * k + j]: the j-th nearest reference of query q (best first); -1 where a query had fewer. */
  readonly index: Int32Array;
  /** Cosine similarity, or Euclidean distance, of each neighbour. */
  readonly distance: Float64Array;
}

export interface SearchOptions {
  readonly metric: Metric;
  /** exclude[q]: a reference index query q must not return (leave-one-out), or -1. */
  readonly exclude?: Int32Array;
}

const TILE = 4;
/** References scored per pass: 512 x 128 dims x 8 bytes stays in L2 while a block of queries sweeps it. */
const REFERENCE_BLOCK = 512;

/**
 * Both sets as the kernel reads them: Float64 rows padded to a multiple of the tile (cosine: L2-normalised), plus the
 * Euclidean bias -||r||^2 that makes "larger is nearer" hold for both metrics. The arrays live in shared memory so
 * worker threads search slices of the queries without copying the references.
 */
export interface SearchPlan {
  readonly dim: number;
  readonly queries: number;
  readonly references: number;
  readonly k: number;
  readonly cosine: boolean;
  readonly q: Float64Array;
  readonly r: Float64Array;
  readonly bias: Float64Array;
  readonly exclude: Int32Array | null;
}

function planSearch(
  queries: Float32Array | Float64Array,
  references: Float32Array | Float64Array,
  dim: number,
  k: number,
  o: SearchOptions,
): SearchPlan {
  const nq = queries.length / dim;
  const nr = references.length / dim;
  if (!Number.isInteger(nq) || !Number.isInteger(nr)) throw new Error(`embedding arrays are not whole rows of ${dim}`);
  const cosine = o.metric === 'cosine';
  const r = padded(references, dim, nr, cosine);
  const bias = sharedFloats(r.length / dim);
  if (!cosine) for (let j = 0; j < nr; j++) bias[j] = -squaredNorm(r, j * dim, dim);
  let exclude: Int32Array | null = null;
  if (o.exclude) {
    exclude = new Int32Array(new SharedArrayBuffer(nq * Int32Array.BYTES_PER_ELEMENT));
    exclude.set(o.exclude);
  }
  return { dim, queries: nq, references: nr, k: Math.min(k, nr), cosine, q: padded(queries, dim, nq, cosine), r, bias, exclude };
}

/** The k nearest references of every query, best first; ties go to the lower reference index. */
export function nearestNeighbours(
  queries: Float32Array | Float64Array,
  references: Float32Array | Float64Array,
  dim: number,
  k: number,
  o: SearchOptions,
): Neighbours {
  const plan = planSearch(queries, references, dim, k, o);
  const { index, distance } = searchRange(plan, 0, plan.queries);
  return { queries: plan.queries, k: plan.k, index, distance };
}

/** Multiply-adds below which starting worker threads costs more than it saves (about 0.3 s on one core). */
const PARALLEL_WORK = 5e8;

/**
 * nearestNeighbours on `threads` worker threads, each searching a slice of the queries against all references; the
 * result is identical to the single-threaded one. Small searches stay on this thread.
 */
export async function nearestNeighboursParallel(
  queries: Float32Array | Float64Array,
  references: Float32Array | Float64Array,
  dim: number,
  k: number,
  o: SearchOptions & { readonly threads: number },
): Promise<Neighbours> {
  const plan = planSearch(queries, references, dim, k, o);
  const work = plan.queries * plan.references * dim;
  if (o.threads <= 1 || work < PARALLEL_WORK) {
    const { index, distance } = searchRange(plan, 0, plan.queries);
    return { queries: plan.queries, k: plan.k, index, distance };
  }
  const { WorkerPool } = await import('../common/worker-pool.js');
  const pool = new WorkerPool<QueryRange, RangeResult>(new URL('./knn.worker.js', import.meta.url), o.threads, plan, (_n, m) => new Error(m));
  try {
    // several slices per thread so that a slow thread does not hold up the end
    const step = Math.max(TILE, Math.ceil(plan.queries / (o.threads * 4) / TILE) * TILE);
    const jobs: Promise<RangeResult>[] = [];
    for (let q0 = 0; q0 < plan.queries; q0 += step) jobs.push(pool.run({ q0, q1: Math.min(plan.queries, q0 + step) }));
    const index = new Int32Array(plan.queries * plan.k);
    const distance = new Float64Array(plan.queries * plan.k);
    let at = 0;
    for (const part of await Promise.all(jobs)) {
      index.set(part.index, at);
      distance.set(part.distance, at);
      at += part.index.length;
    }
    return { queries: plan.queries, k: plan.k, index, distance };
  } finally {
    await pool.close();
  }
}

export interface QueryRange {
  readonly q0: number;
  readonly q1: number;
}

export interface RangeResult {
  readonly index: Int32Array;
  readonly distance: Float64Array;
}

/** The neighbours of queries [q0, q1) (q0 a multiple of the tile), as flat rows of plan.k. */
export function searchRange(plan: SearchPlan, q0: number, q1: number): RangeResult {
  const { dim, q, r, bias, cosine, exclude } = plan;
  const nr = plan.references;
  const keep = plan.k;
  const heaps = Array.from({ length: q1 - q0 }, () => new TopK(keep));
  const scores = new Float64Array(TILE * TILE);
  for (let r0 = 0; r0 < nr; r0 += REFERENCE_BLOCK) {
    const r1 = Math.min(nr, r0 + REFERENCE_BLOCK);
    for (let i0 = q0; i0 < q1; i0 += TILE) {
      for (let j0 = r0; j0 < r1; j0 += TILE) {
        tile(q, i0 * dim, r, j0 * dim, dim, scores);
        for (let a = 0; a < TILE && i0 + a < q1; a++) {
          const heap = heaps[i0 + a - q0];
          const skip = exclude ? exclude[i0 + a] : -1;
          for (let b = 0; b < TILE && j0 + b < r1; b++) {
            const j = j0 + b;
            if (j === skip) continue;
            heap.offer(cosine ? scores[a * TILE + b] : 2 * scores[a * TILE + b] + bias[j], j);
          }
        }
      }
    }
  }
  const index = new Int32Array((q1 - q0) * keep).fill(-1);
  const distance = new Float64Array((q1 - q0) * keep).fill(NaN);
  for (let i = 0; i < q1 - q0; i++) {
    const qq = cosine ? 0 : squaredNorm(q, (q0 + i) * dim, dim);
    heaps[i].sorted().forEach(([score, j], n) => {
      index[i * keep + n] = j;
      distance[i * keep + n] = cosine ? score : Math.sqrt(Math.max(0, qq - score));
    });
  }
  return { index, distance };
}

function sharedFloats(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** A Float64 copy padded with zero rows to a multiple of the tile; rows L2-normalised for cosine (zero rows stay 0). */
function padded(x: Float32Array | Float64Array, dim: number, rows: number, normalise: boolean): Float64Array {
  const out = sharedFloats(Math.ceil(rows / TILE) * TILE * dim);
  for (let i = 0; i < rows; i++) {
    const at = i * dim;
    let scale = 1;
    if (normalise) {
      const norm = Math.sqrt(squaredNorm(x, at, dim));
      scale = norm > 0 ? 1 / norm : 0;
    }
    for (let t = 0; t < dim; t++) out[at + t] = x[at + t] * scale;
  }
  return out;
}

function squaredNorm(x: ArrayLike<number>, at: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) s += x[at + t] * x[at + t];
  return s;
}

/** The 4x4 dot products of queries q[qa..] and references r[ra..] into out (row = query, column = reference). */
function tile(q: Float64Array, qa: number, r: Float64Array, ra: number, dim: number, out: Float64Array): void {
  const q1 = qa + dim;
  const q2 = q1 + dim;
  const q3 = q2 + dim;
  const r1 = ra + dim;
  const r2 = r1 + dim;
  const r3 = r2 + dim;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
  let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
  let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let t = 0; t < dim; t++) {
    const a0 = q[qa + t], a1 = q[q1 + t], a2 = q[q2 + t], a3 = q[q3 + t];
    const b0 = r[ra + t], b1 = r[r1 + t], b2 = r[r2 + t], b3 = r[r3 + t];
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
    s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
    s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
  }
  out[0] = s00; out[1] = s01; out[2] = s02; out[3] = s03;
  out[4] = s10; out[5] = s11; out[6] = s12; out[7] = s13;
  out[8] = s20; out[9] = s21; out[10] = s22; out[11] = s23;
  out[12] = s30; out[13] = s31; out[14] = s32; out[15] = s33;
}

/**
 * The best `k` (score, index) pairs seen, as a binary min-heap whose root is the worst kept; "better" is the higher
 * score, then the lower index, a total order, so the result does not depend on the order references arrive in.
 */
class TopK {
  private readonly score: Float64Array;
  private readonly index: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.score = new Float64Array(k);
    this.index = new Int32Array(k);
  }

  offer(score: number, index: number): void {
    if (this.size < this.k) {
      this.size++;
      this.siftUp(this.size - 1, score, index);
    } else if (this.k > 0 && worse(this.score[0], this.index[0], score, index)) {
      this.siftDown(score, index);
    }
  }

  /** The kept pairs, best first. */
  sorted(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.size; i++) out.push([this.score[i], this.index[i]]);
    return out.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  }

  private siftUp(at: number, score: number, index: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(score, index, this.score[parent], this.index[parent])) break;
      this.score[at] = this.score[parent];
      this.index[at] = this.index[parent];
      at = parent;
    }
    this.score[at] = score;
    this.index[at] = index;
  }

  /** Replaces the root (the worst kept) with a better pair. */
  private siftDown(score: number, index: number): void {
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && worse(this.score[child + 1], this.index[child + 1], this.score[child], this.index[child])) child++;
      if (!worse(this.score[child], this.index[child], score, index)) break;
      this.score[at] = this.score[child];
      this.index[at] = this.index[child];
      at = child;
    }
    this.score[at] = score;
    this.index[at] = index;
  }
}

/** Whether (s1, i1) ranks below (s2, i2). */
function worse(s1: number, i1: number, s2: number, i2: number): boolean {
  return s1 < s2 || (s1 === s2 && i1 > i2);
}

export type Weighting = 'uniform' | 'distance';

export interface VoteOptions {
  readonly metric: Metric;
  /** uniform: one vote per neighbour; distance: exp(similarity / 0.07) for cosine, 1 / distance for Euclidean. */
  readonly weighting: Weighting;
  /** Divide each neighbour's vote by its class's count in the reference set, so a large class does not win by size. */
  readonly balanced: boolean;
}

/** The temperature of the cosine vote weights (Wu et al. 2018's instance discrimination k-NN, used by DINO). */
const COSINE_TEMPERATURE = 0.07;
const TIE = 1e-12;

export interface KnnPrediction {
  /** The winning class, or -1 for a query without neighbours. */
  readonly prediction: Int32Array;
  /** The winner's share of the (weighted, balanced) vote mass. */
  readonly confidence: Float32Array;
  /** The fraction of the neighbours whose label is the winner, however the votes were weighted. */
  readonly agreement: Float32Array;
}

/**
 * Each query's class by the votes of its neighbours. `referenceLabels` are class indices in [0, classes). A tie
 * goes to the tied class whose nearest member is nearest, so the prediction is never an arbitrary pick.
 */
export function vote(n: Neighbours, referenceLabels: Int32Array, classes: number, o: VoteOptions): KnnPrediction {
  const count = new Float64Array(classes);
  for (const y of referenceLabels) count[y]++;
  const prediction = new Int32Array(n.queries).fill(-1);
  const confidence = new Float32Array(n.queries);
  const agreement = new Float32Array(n.queries);
  const votes = new Float64Array(classes);
  for (let i = 0; i < n.queries; i++) {
    votes.fill(0);
    let total = 0;
    let found = 0;
    for (let j = 0; j < n.k; j++) {
      const ref = n.index[i * n.k + j];
      if (ref < 0) break;
      const y = referenceLabels[ref];
      let w = o.weighting === 'uniform' ? 1 : weight(n.distance[i * n.k + j], o.metric);
      if (o.balanced) w /= count[y];
      votes[y] += w;
      total += w;
      found++;
    }
    if (found === 0) continue;
    let best = -1;
    for (let j = 0; j < found; j++) {
      const y = referenceLabels[n.index[i * n.k + j]];
      if (best < 0 || votes[y] > votes[best] * (1 + TIE)) best = y;
    }
    let same = 0;
    for (let j = 0; j < found; j++) if (referenceLabels[n.index[i * n.k + j]] === best) same++;
    prediction[i] = best;
    confidence[i] = total > 0 ? votes[best] / total : same / found;
    agreement[i] = same / found;
  }
  return { prediction, confidence, agreement };
}

function weight(distance: number, metric: Metric): number {
  return metric === 'cosine' ? Math.exp(distance / COSINE_TEMPERATURE) : 1 / (distance + 1e-12);
}
