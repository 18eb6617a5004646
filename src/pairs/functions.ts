import { Rng } from '../common/random.js';

/**
 * Random function families for the mechanism f. Each draw is a closure over its random parameters, evaluated on a
 * standardised cause; callers rescale the output. Monotone: tanh, exp, monotone-spline. Non-monotone: quadratic,
 * sine, spline, gp. cubic is either, depending on its draw.
 */
export const FUNCTION_NAMES = [
  'cubic',
  'quadratic',
  'tanh',
  'sine',
  'exp',
  'spline',
  'monotone-spline',
  'gp',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type Fn = (x: number) => number;

export function drawFunction(name: FunctionName, rng: Rng): Fn {
  switch (name) {
    case 'cubic': {
      const a = rng.range(-1, 1);
      const b = rng.range(-1, 1);
      const c = (rng.uniform() < 0.5 ? -1 : 1) * rng.range(0.3, 1);
      return (x) => a * x + b * x * x + c * x * x * x;
    }
    case 'quadratic': {
      const shift = rng.range(-0.8, 0.8);
      const a = rng.range(-0.5, 0.5);
      return (x) => (x - shift) * (x - shift) + a * x;
    }
    case 'tanh': {
      const slope = rng.range(1, 4);
      const shift = rng.range(-1, 1);
      const lin = rng.range(0, 0.3);
      return (x) => Math.tanh(slope * (x - shift)) + lin * x;
    }
    case 'sine': {
      const freq = rng.range(1, 3);
      const phase = rng.range(0, 2 * Math.PI);
      return (x) => Math.sin(freq * x + phase);
    }
    case 'exp': {
      const rate = (rng.uniform() < 0.5 ? -1 : 1) * rng.range(0.7, 2);
      return (x) => Math.exp(rate * x);
    }
    case 'spline':
      return naturalSpline(knotGrid(rng), Array.from({ length: 6 }, () => rng.normal()));
    case 'monotone-spline': {
      const values: number[] = [];
      let v = 0;
      for (let k = 0; k < 6; k++) values.push((v += rng.range(0.05, 1)));
      return naturalSpline(knotGrid(rng), values);
    }
    case 'gp': {
      // Random Fourier features: a draw from a GP with an RBF kernel of random length-scale.
      const m = 20;
      const ell = rng.range(0.4, 1.5);
      const w = Array.from({ length: m }, () => rng.normal() / ell);
      const b = Array.from({ length: m }, () => rng.range(0, 2 * Math.PI));
      const a = Array.from({ length: m }, () => rng.normal());
      return (x) => {
        let s = 0;
        for (let k = 0; k < m; k++) s += a[k] * Math.cos(w[k] * x + b[k]);
        return s;
      };
    }
  }
}

/** Six increasing knot positions jittered over [-2.5, 2.5], covering almost all of a standardised cause. */
function knotGrid(rng: Rng): number[] {
  return Array.from({ length: 6 }, (_, k) => -2.5 + k + rng.range(-0.3, 0.3));
}

/** Natural cubic spline through (t_k, v_k), extended linearly outside the knots so it stays tame in the tails. */
export function naturalSpline(t: number[], v: number[]): Fn {
  const k = t.length;
  const h = Array.from({ length: k - 1 }, (_, i) => t[i + 1] - t[i]);
  // Second derivatives m (m_0 = m_{k-1} = 0) from the tridiagonal system, solved by the Thomas algorithm.
  const m = new Array<number>(k).fill(0);
  const diag: number[] = [];
  const rhs: number[] = [];
  for (let i = 1; i < k - 1; i++) {
    diag.push(2 * (h[i - 1] + h[i]));
    rhs.push(6 * ((v[i + 1] - v[i]) / h[i] - (v[i] - v[i - 1]) / h[i - 1]));
  }
  for (let i = 1; i < diag.length; i++) {
    const w = h[i] / diag[i - 1];
    diag[i] -= w * h[i];
    rhs[i] -= w * rhs[i - 1];
  }
  for (let i = diag.length - 1; i >= 0; i--) {
    m[i + 1] = (rhs[i] - (i + 1 < diag.length ? h[i + 1] * m[i + 2] : 0)) / diag[i];
  }
  const slopeAt = (i: number, atRight: boolean): number => {
    const d = (v[i + 1] - v[i]) / h[i];
    return atRight ? d + (h[i] * (2 * m[i + 1] + m[i])) / 6 : d - (h[i] * (2 * m[i] + m[i + 1])) / 6;
  };
  const left = slopeAt(0, false);
  const right = slopeAt(k - 2, true);
  return (x) => {
    if (x <= t[0]) return v[0] + left * (x - t[0]);
    if (x >= t[k - 1]) return v[k - 1] + right * (x - t[k - 1]);
    let i = 0;
    while (x > t[i + 1]) i++;
    const a = t[i + 1] - x;
    const b = x - t[i];
    return (
      (m[i] * a * a * a + m[i + 1] * b * b * b) / (6 * h[i]) +
      (v[i] / h[i] - (m[i] * h[i]) / 6) * a +
      (v[i + 1] / h[i] - (m[i + 1] * h[i]) / 6) * b
    );
  };
}
