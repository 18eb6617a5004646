/**
 * Vector quantisation: each encoder vector is replaced by its nearest codebook vector (squared Euclidean
 * distance, the first code at ties), and gradients pass the quantisation by the straight-through estimator.
 * The codebook is a buffer, not a trained parameter: the EMA update (ema.ts) moves it, never the optimizer.
 */
import type { Graph, Value } from '../engine/graph.js';
import { init } from '../engine/init.js';
import { add, argmax, gather, gemm, mul, reduceSum, stopGradient, sub, unsqueeze } from '../engine/ops/index.js';

export const CODEBOOK = 'quantizer.codebook';

/** The codebook [K, D]; its initial values only decide the first step's assignments (ema.ts restarts the rest). */
export function codebookBuffer(g: Graph, codebookSize: number, codeDim: number): Value {
  return g.buffer(CODEBOOK, [codebookSize, codeDim], init.uniform(1 / codebookSize));
}

/** The index (int64 [N]) of the nearest code to each row of z [N, D]: argmin ||z - e||^2 = argmax 2 z.e - ||e||^2. */
export function nearestCodes(z: Value, codebook: Value): Value {
  const dot = gemm(z, codebook, null, { transB: true, alpha: 2 });
  const norms = unsqueeze(reduceSum(mul(codebook, codebook), [1]), [0]);
  return argmax(sub(dot, norms), 1);
}

/** The code vectors of `codes` (int64, any shape): rows of the codebook. */
export function lookup(codebook: Value, codes: Value): Value {
  return gather(codebook, codes, 0);
}

/** z + sg(q - z): equals q in the forward pass, and passes the gradient to z unchanged (straight-through). */
export function straightThrough(z: Value, q: Value): Value {
  return add(z, stopGradient(sub(q, z)));
}

