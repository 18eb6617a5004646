import { add, mul, sub } from '../ops/index.js';
import type { Optimizer } from './optimizer.js';

export interface SgdOptions {
  momentum?: number;
  nesterov?: boolean;
  /** L2 penalty added to the gradient (PyTorch SGD's coupled weight decay), for parameters with decay on. */
  weightDecay?: number;
}

/** SGD with optional (Nesterov) momentum, matching torch.optim.SGD with dampening 0. */
export function sgd(o: SgdOptions = {}): Optimizer {
  const momentum = o.momentum ?? 0;
  const wd = o.weightDecay ?? 0;
  return {
    name: 'sgd',
    slots: momentum > 0 ? ['momentum'] : [],
    update: ({ spec, param, grad, state, scalars }) => {
      let g = wd > 0 && spec.decay ? add(grad, mul(param, wd)) : grad;
      if (momentum === 0) return { param: sub(param, mul(g, scalars.lr)), state: [] };
      const buf = add(mul(state[0], momentum), g);
      g = o.nesterov ? add(g, mul(buf, momentum)) : buf;
      return { param: sub(param, mul(g, scalars.lr)), state: [buf] };
    },
  };
}
