/**
 * The codebook's exponential-moving-average update (van den Oord et al. 2017, appendix A.1) with dead-code
 * restarts (Dhariwal et al. 2020, Jukebox), computed inside the train-step graph on buffers.
 *
 * Per code k, with n_k the vectors of this batch assigned to it and s_k their sum:
 *   N_k <- d N_k + (1 - d) n_k,   S_k <- d S_k + (1 - d) s_k,   e_k <- S_k / N_k
 * N_k is the code's running count of vectors per step. A code whose N_k (after the update) is below `threshold`
 * is dead: it restarts at a random encoder vector r_k of this batch, as a cluster of weight `threshold`
 * (e_k = r_k, N_k = threshold, S_k = threshold r_k), so that one more unused step restarts it again while a step
 * that assigns it a vector keeps it. The random rows are an input fed each step from the seed (so a run, and a
 * resumed run, are reproducible). Both statistics start at zero, so the first step sets every code that gets
 * at least threshold / (1 - d) vectors to its cluster's mean and restarts the rest: a data-dependent
 * initialisation.
 *
 * No gradient reaches the codebook (the caller passes stopGradient(z)); the encoder is pulled towards its codes
 * by the commitment loss only.
 */
import type { Graph, Value } from '../engine/graph.js';
import { init } from '../engine/init.js';
import { add, cast, div, gather, gemm, less, maximum, mul, not, oneHot, reduceSum, unsqueeze, where } from '../engine/ops/index.js';

export const CLUSTER_SIZE = 'quantizer.cluster_size';
export const CLUSTER_SUM = 'quantizer.cluster_sum';

export interface EmaConfig {
  /** d: the decay of the running statistics. */
  decay: number;
  /** A code whose running count of vectors per step falls below this is restarted. */
  threshold: number;
}

export interface EmaUpdate {
  codebook: Value;
  clusterSize: Value;
  clusterSum: Value;
  /** n_k: this batch's vectors per code, float [K]. */
  counts: Value;
  /** How many codes restarted this step (a float scalar). */
  restarts: Value;
}

/**
 * The new codebook and statistics from this step's vectors z [N, D] (without gradient), their codes (int64 [N])
 * and the rows of z that dead codes restart at (int64 [K]).
 */
export function emaUpdate(
  codebook: Value,
  clusterSize: Value,
  clusterSum: Value,
  z: Value,
  codes: Value,
  restartRows: Value,
  o: EmaConfig,
): EmaUpdate {
  const K = codebook.shape[0] as number;
  const assign = oneHot(codes, K, z.dtype);
  const counts = reduceSum(assign, [0]);
  const sums = gemm(assign, z, null, { transA: true });
  const size = add(mul(clusterSize, o.decay), mul(counts, 1 - o.decay));
  const sum = add(mul(clusterSum, o.decay), mul(sums, 1 - o.decay));
  const live = not(less(size, o.threshold));
  const liveRows = unsqueeze(live, [1]);
  const fresh = gather(z, restartRows, 0);
  // Dead codes' S / N is discarded by the Where; the maximum keeps it finite anyway.
  const means = div(sum, unsqueeze(maximum(size, o.threshold), [1]));
  return {
    codebook: where(liveRows, means, fresh),
    clusterSize: where(live, size, o.threshold),
    clusterSum: where(liveRows, sum, mul(fresh, o.threshold)),
    counts,
    restarts: reduceSum(cast(not(live), z.dtype)),
  };
}

/** The running statistics, starting at zero. */
export function emaBuffers(g: Graph, codebookSize: number, codeDim: number): { clusterSize: Value; clusterSum: Value } {
  return {
    clusterSize: g.buffer(CLUSTER_SIZE, [codebookSize], init.zeros()),
    clusterSum: g.buffer(CLUSTER_SUM, [codebookSize, codeDim], init.zeros()),
  };
}
