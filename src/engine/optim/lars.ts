import { add, div, greater, mul, reduceSum, sqrt, sub, where } from '../ops/index.js';
import type { Value } from '../graph.js';
import type { Optimizer } from './optimizer.js';

export interface LarsOptions {
  momentum?: number;
  weightDecay?: number;
  /** Trust coefficient eta. */
  trust?: number;
}

function norm(x: Value): Value {
  return sqrt(reduceSum(mul(x, x)));
}

/**
 * LARS (You et al. 2017) as used in SimCLR/BYOL: for parameters with decay on, g <- g + wd p and the step is
 * scaled by the trust ratio eta ||p|| / ||g|| (1 when either norm is 0); biases and normalisation parameters
 * (decay off) take plain momentum SGD steps.
 */
export function lars(o: LarsOptions = {}): Optimizer {
  const momentum = o.momentum ?? 0.9;
  const wd = o.weightDecay ?? 1e-6;
  const eta = o.trust ?? 0.001;
  return {
    name: 'lars',
    slots: ['momentum'],
    update: ({ spec, param, grad, state: [buf], scalars }) => {
      let g = grad;
      if (spec.decay) {
        g = wd > 0 ? add(g, mul(param, wd)) : g;
        const pn = norm(param);
        const gn = norm(g);
        g = mul(g, where(greater(mul(pn, gn), 0), div(mul(pn, eta), gn), 1));
      }
      const next = add(mul(buf, momentum), g);
      return { param: sub(param, mul(next, scalars.lr)), state: [next] };
    },
  };
}
