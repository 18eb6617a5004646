import type { Graph, Value } from '../graph.js';
import { add, div, mul, pow, sqrt, sub } from '../ops/index.js';
import type { Optimizer, StepScalars } from './optimizer.js';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight decay (applied to parameters with decay on). */
  weightDecay?: number;
}

/**
 * AdamW (Loshchilov & Hutter), the same update as torch.optim.AdamW:
 *   p <- p (1 - lr wd);  m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 *   p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * To save passes over the parameters, the slots hold M = m / (1 - b1) and V = v / (1 - b2) (so M <- b1 M + g,
 * V <- b2 V + g^2) and the constant factors move into per-step scalars computed once per graph:
 *   p <- p (1 - lr wd) - alpha M / (sqrt(V) + epsHat),  k = sqrt((1 - b2) / (1 - b2^t)),
 *   alpha = lr (1 - b1) / ((1 - b1^t) k),  epsHat = eps / k.
 */
export function adamw(o: AdamWOptions = {}): Optimizer {
  const b1 = o.beta1 ?? 0.9;
  const b2 = o.beta2 ?? 0.999;
  const eps = o.eps ?? 1e-8;
  const wd = o.weightDecay ?? 0.01;
  const shared = new WeakMap<Graph, { alpha: Value; epsHat: Value; decay: Value }>();
  const scalarsFor = (s: StepScalars) => {
    let c = shared.get(s.lr.graph);
    if (!c) {
      const g = s.lr.graph;
      const dtype = s.lr.dtype;
      const k = sqrt(div(1 - b2, sub(1, pow(g.scalar(b2, dtype), s.step))));
      c = {
        alpha: div(mul(s.lr, 1 - b1), mul(sub(1, pow(g.scalar(b1, dtype), s.step)), k)),
        epsHat: div(eps, k),
        decay: sub(1, mul(s.lr, wd)),
      };
      shared.set(g, c);
    }
    return c;
  };
  return {
    name: 'adamw',
    slots: ['m', 'v'],
    update: ({ spec, param, grad, state: [m, v], scalars }) => {
      const c = scalarsFor(scalars);
      const m2 = add(mul(m, b1), grad);
      const v2 = add(mul(v, b2), mul(grad, grad));
      const p = wd > 0 && spec.decay ? mul(param, c.decay) : param;
      return { param: sub(p, mul(div(m2, add(sqrt(v2), c.epsHat)), c.alpha)), state: [m2, v2] };
    },
  };
}
