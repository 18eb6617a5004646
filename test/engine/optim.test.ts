import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/engine/graph.js';
import { init } from '../../src/engine/init.js';
import * as op from '../../src/engine/ops/index.js';
import { adamw, lars, sgd, warmupCosine, type Optimizer } from '../../src/engine/optim/index.js';
import { ort } from '../../src/engine/runtime.js';
import { buildTrainStep, TrainStep, type TrainStepSpec } from '../../src/engine/train-step.js';
import { arr } from './helpers.js';

const P0 = [0.5, -1, 2, 0.25];
const GRADS = [
  [1, -2, 0.5, 3],
  [0.2, 0.1, -4, 1],
  [-1, 1, 1, -1],
];
const LR = [0.1, 0.05, 0.02];

/** loss = sum(w * c) + sum(bias * c), so each gradient is the fed c; 'bias' has weight decay off. */
function linearSpec(optimizer: Optimizer, extra: Partial<TrainStepSpec> = {}): TrainStepSpec {
  return {
    build: (g: Graph) => {
      const c = g.input('c', 'float64', [4]);
      const w = g.param('w', [4], () => Float64Array.from(P0));
      const b = g.param('bias', [4], () => Float64Array.from(P0), { decay: false });
      return { loss: op.add(op.reduceSum(op.mul(w, c)), op.reduceSum(op.mul(b, c))) };
    },
    optimizer,
    floatType: 'float64',
    ...extra,
  };
}

async function trajectory(spec: TrainStepSpec, o: { emaDecay?: number } = {}): Promise<{ w: number[]; bias: number[]; step: TrainStep; metrics: Record<string, number>[] }> {
  const step = await TrainStep.create(buildTrainStep(spec), { seed: 1, threads: 1 });
  const metrics: Record<string, number>[] = [];
  for (let i = 0; i < GRADS.length; i++) {
    const r = await step.run({ c: new ort.Tensor('float64', Float64Array.from(GRADS[i]), [4]) }, LR[i], o);
    metrics.push(r.metrics);
  }
  const p = step.parameters();
  return { w: arr(p.get('w')!), bias: p.has('bias') ? arr(p.get('bias')!) : [], step, metrics };
}

function close(a: number[], b: number[], tol = 1e-12): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i]), `element ${i}: ${x} vs ${b[i]}`).toBeLessThan(tol * Math.max(1, Math.abs(b[i]))));
}

function refAdamW(decay: boolean, o = { b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0.05 }): number[] {
  const p = P0.slice();
  const m = [0, 0, 0, 0];
  const v = [0, 0, 0, 0];
  GRADS.forEach((g, s) => {
    const t = s + 1;
    for (let i = 0; i < 4; i++) {
      if (decay) p[i] *= 1 - LR[s] * o.wd;
      m[i] = o.b1 * m[i] + (1 - o.b1) * g[i];
      v[i] = o.b2 * v[i] + (1 - o.b2) * g[i] * g[i];
      const mh = m[i] / (1 - o.b1 ** t);
      const vh = v[i] / (1 - o.b2 ** t);
      p[i] -= (LR[s] * mh) / (Math.sqrt(vh) + o.eps);
    }
  });
  return p;
}

function refSgd(decay: boolean, momentum: number, nesterov: boolean, wd: number): number[] {
  const p = P0.slice();
  const buf = [0, 0, 0, 0];
  GRADS.forEach((g0, s) => {
    for (let i = 0; i < 4; i++) {
      let g = g0[i] + (decay ? wd * p[i] : 0);
      if (momentum > 0) {
        buf[i] = s === 0 ? g : momentum * buf[i] + g;
        g = nesterov ? g + momentum * buf[i] : buf[i];
      }
      p[i] -= LR[s] * g;
    }
  });
  return p;
}

function refLars(decay: boolean, momentum: number, wd: number, eta: number): number[] {
  const p = P0.slice();
  const buf = [0, 0, 0, 0];
  GRADS.forEach((g0, s) => {
    let g = g0.slice();
    if (decay) {
      g = g.map((x, i) => x + wd * p[i]);
      const pn = Math.hypot(...p);
      const gn = Math.hypot(...g);
      g = g.map((x) => x * ((eta * pn) / gn));
    }
    for (let i = 0; i < 4; i++) {
      buf[i] = momentum * buf[i] + g[i];
      p[i] -= LR[s] * buf[i];
    }
  });
  return p;
}

describe('optimizers match reference implementations (float64)', () => {
  it('AdamW (torch.optim.AdamW semantics; decay only where enabled)', async () => {
    const r = await trajectory(linearSpec(adamw({ weightDecay: 0.05 })));
    close(r.w, refAdamW(true));
    close(r.bias, refAdamW(false));
  });

  it('SGD plain, with momentum, with Nesterov momentum and weight decay', async () => {
    for (const [momentum, nesterov, wd] of [[0, false, 0], [0.9, false, 0.01], [0.8, true, 0.1]] as const) {
      const r = await trajectory(linearSpec(sgd({ momentum, nesterov, weightDecay: wd })));
      close(r.w, refSgd(true, momentum, nesterov, wd));
      close(r.bias, refSgd(false, momentum, nesterov, wd));
    }
  });

  it('LARS (trust ratio on decayed parameters, plain momentum on the rest)', async () => {
    const r = await trajectory(linearSpec(lars({ momentum: 0.9, weightDecay: 0.01, trust: 0.02 })));
    close(r.w, refLars(true, 0.9, 0.01, 0.02));
    close(r.bias, refLars(false, 0.9, 0.01, 0.02));
  });

  it('clips the global gradient norm and reports it', async () => {
    const r = await trajectory(linearSpec(sgd(), { clipNorm: 1 }));
    const norms = GRADS.map((g) => Math.sqrt(2 * g.reduce((a, x) => a + x * x, 0)));
    close(r.metrics.map((m) => m.grad_norm), norms, 1e-9);
    const p = P0.slice();
    GRADS.forEach((g, s) => g.forEach((x, i) => (p[i] -= LR[s] * x * Math.min(1, 1 / (norms[s] + 1e-6)))));
    close(r.w, p, 1e-9);
  });

  it('keeps EMA shadows of the parameters', async () => {
    const r = await trajectory(linearSpec(sgd(), { ema: {} }), { emaDecay: 0.9 });
    const p = P0.slice();
    const ema = P0.slice();
    GRADS.forEach((g, s) => g.forEach((x, i) => {
      p[i] -= LR[s] * x;
      ema[i] = 0.9 * ema[i] + 0.1 * p[i];
    }));
    close(arr(r.step.emaParameters().get('w')!), ema);
  });

  it('updates target-network buffers as an EMA of their source parameters', async () => {
    const spec: TrainStepSpec = {
      build: (g: Graph) => {
        const c = g.input('c', 'float64', [4]);
        const w = g.param('w', [4], () => Float64Array.from(P0));
        const target = g.buffer('target.w', [4], init.zeros());
        return { loss: op.reduceSum(op.mul(op.add(w, op.stopGradient(target)), c)) };
      },
      optimizer: sgd(),
      floatType: 'float64',
      ema: { targets: { 'target.w': 'w' } },
    };
    const r = await trajectory(spec, { emaDecay: 0.5 });
    const p = P0.slice();
    // A target starts as a copy of its source, whatever its own initializer says.
    const t = P0.slice();
    GRADS.forEach((g, s) => g.forEach((x, i) => {
      p[i] -= LR[s] * x;
      t[i] = 0.5 * t[i] + 0.5 * p[i];
    }));
    close(arr(r.step.parameters().get('target.w')!), t);
  });

  it('warm-up + cosine schedule', () => {
    const lr = warmupCosine({ base: 1, warmupSteps: 10, totalSteps: 110, final: 0.1 });
    expect(lr(1)).toBeCloseTo(0.1);
    expect(lr(10)).toBeCloseTo(1);
    expect(lr(60)).toBeCloseTo(0.55);
    expect(lr(110)).toBeCloseTo(0.1);
    expect(lr(500)).toBeCloseTo(0.1);
  });
});
