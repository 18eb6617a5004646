/**
 * Per-probe losses, after CLRS `losses.py`. Every loss is a masked mean  sum(l · m) / max(sum(m), 1e-12)  over the
 * batch, where m combines the per-sample weight w [B] (1 where the sample is supervised at this step: a hint exists
 * at t + 1, or t is its last step for outputs) with the probe's own masking:
 *
 * | type                 | element loss l                                   | mask m                         |
 * | scalar               | (x - y)²                                         | w                              |
 * | mask                 | BCE with logits: max(x, 0) - x y + log(1 + e^-|x|) | w, and y != -1 (masked entries) |
 * | mask_one             | -Σ_nodes y log softmax_nodes(x)  (per sample)      | w                              |
 * | categorical          | -Σ_c y log softmax_c(x)                           | w, and y has a 1 (not masked)   |
 * | pointer              | -Σ_u y_u log softmax_u(x)                         | w                              |
 * | permutation_pointer  | -Σ_u y_u x_u  (x: log-Sinkhorn output)            | w                              |
 *
 * Targets use the feature layout of probes.ts; masked entries are written by the caller as -1 (masks) or an
 * all-zero one-hot (categorical), as CLRS's OutputClass.MASKED. CLRS averages each hint's loss over all steps of
 * the batch; here one graph run is one step, so each step's hint loss is averaged over that step's samples.
 */
import type { Value } from '../../engine/graph.js';
import { abs, add, cast, div, exp, greater, log, logSoftmax, maximum, mul, neg, reduceSum, relu, sub, unsqueeze } from '../../engine/ops/index.js';
import type { ModelProbe } from './probes.js';

const EPS = 1e-12;

/** The probe's loss at this step: a float scalar. */
export function probeLoss(p: Pick<ModelProbe, 'type'>, x: Value, y: Value, weight: Value): Value {
  switch (p.type) {
    case 'scalar': {
      const d = sub(x, y);
      return maskedMean(mul(d, d), add(mul(y, 0), 1), weight);
    }
    case 'mask': {
      const bce = add(sub(relu(x), mul(x, y)), log(add(exp(neg(abs(x))), 1)));
      return maskedMean(bce, cast(greater(y, -0.5), x.dtype), weight);
    }
    case 'mask_one':
      return maskedMean(neg(reduceSum(mul(y, logSoftmax(x, -1)), [-1])), null, weight);
    case 'categorical':
    case 'pointer':
      return maskedMean(neg(reduceSum(mul(y, logSoftmax(x, -1)), [-1])), reduceSum(y, [-1]), weight);
    case 'permutation_pointer':
      return maskedMean(neg(reduceSum(mul(y, x), [-1])), reduceSum(y, [-1]), weight);
  }
}

/** sum(l · m · w) / max(sum(m · w), eps); m null means ones (l is then [B]), w [B] broadcast over l's other axes. */
function maskedMean(l: Value, m: Value | null, w: Value): Value {
  const wide = l.rank > 1 ? unsqueeze(w, Array.from({ length: l.rank - 1 }, (_, i) => i + 1)) : w;
  const mask = m ? mul(m, wide) : wide;
  return div(reduceSum(mul(l, mask)), maximum(reduceSum(mask), EPS));
}
