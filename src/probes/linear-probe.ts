/**
 * The linear probe: multinomial logistic regression on frozen embeddings, the standard measure of how linearly
 * separable a representation's classes are. Features are standardised with the training rows' mean and standard
 * deviation; the loss is the mean cross-entropy plus (l2 / 2) ||W||^2 (the bias is not penalised); it is minimised
 * full-batch with L-BFGS from zero weights, so a fit is deterministic.
 */
export interface LinearProbeOptions {
  /** The L2 penalty on the weights; scikit-learn's default (C = 1) corresponds to 1 / rows. */
  readonly l2: number;
  readonly maxIterations: number;
  /** Stop when the largest gradient entry falls below this. */
  readonly tolerance: number;
}

export const LINEAR_PROBE_DEFAULTS = { maxIterations: 200, tolerance: 1e-5 } as const;

export interface LinearProbe {
  readonly dim: number;
  readonly classes: number;
  readonly mean: Float64Array;
  /** 1 / standard deviation per feature (1 for a constant feature). */
  readonly scale: Float64Array;
  /** classes x dim weights followed by classes biases. */
  readonly params: Float64Array;
  readonly iterations: number;
  readonly loss: number;
}

/** Fits the probe on `rows` embeddings (`x`, rows x dim) with labels in [0, classes). */
export async function fitLinearProbe(x: ArrayLike<number>, labels: Int32Array, dim: number, classes: number, o: LinearProbeOptions): Promise<LinearProbe> {
  const rows = labels.length;
  const { mean, scale } = standardisation(x, rows, dim);
  const z = standardise(x, rows, dim, mean, scale);
  const objective = (p: Float64Array): Evaluation => softmaxLoss(p, z, labels, dim, classes, o.l2);
  const { params, iterations, loss } = await lbfgs(objective, new Float64Array(classes * (dim + 1)), o.maxIterations, o.tolerance);
  return { dim, classes, mean, scale, params, iterations, loss };
}

/** Each row's most probable class and that probability. */
export function predictLinearProbe(probe: LinearProbe, x: ArrayLike<number>, rows: number): { prediction: Int32Array; confidence: Float32Array } {
  const { dim, classes, params } = probe;
  const z = standardise(x, rows, dim, probe.mean, probe.scale);
  const prediction = new Int32Array(rows);
  const confidence = new Float32Array(rows);
  const logits = new Float64Array(classes);
  for (let i = 0; i < rows; i++) {
    scoreRow(params, z, i, dim, classes, logits);
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[c] > logits[best]) best = c;
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[c] - logits[best]);
    prediction[i] = best;
    confidence[i] = 1 / sum;
  }
  return { prediction, confidence };
}

export interface Evaluation {
  readonly loss: number;
  readonly gradient: Float64Array;
}

/**
 * The objective and its gradient at `params` (classes x dim weights, then classes biases) on standardised rows `z`:
 * mean over rows of -log softmax(W z + b)[y], plus (l2 / 2) ||W||^2.
 */
export function softmaxLoss(params: Float64Array, z: Float64Array, labels: Int32Array, dim: number, classes: number, l2: number): Evaluation {
  const rows = labels.length;
  const gradient = new Float64Array(params.length);
  const logits = new Float64Array(classes);
  const biasAt = classes * dim;
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    scoreRow(params, z, i, dim, classes, logits);
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[c] - max);
    const logSum = max + Math.log(sum);
    loss += logSum - logits[labels[i]];
    const at = i * dim;
    for (let c = 0; c < classes; c++) {
      // d loss / d logit_c = softmax_c - [c = y]
      const d = Math.exp(logits[c] - logSum) - (c === labels[i] ? 1 : 0);
      const w = c * dim;
      for (let t = 0; t < dim; t++) gradient[w + t] += d * z[at + t];
      gradient[biasAt + c] += d;
    }
  }
  const inv = rows > 0 ? 1 / rows : 0;
  let penalty = 0;
  for (let j = 0; j < gradient.length; j++) {
    gradient[j] *= inv;
    if (j < biasAt) {
      gradient[j] += l2 * params[j];
      penalty += params[j] * params[j];
    }
  }
  return { loss: loss * inv + 0.5 * l2 * penalty, gradient };
}

function scoreRow(params: Float64Array, z: Float64Array, i: number, dim: number, classes: number, out: Float64Array): void {
  const at = i * dim;
  for (let c = 0; c < classes; c++) {
    const w = c * dim;
    let s = params[classes * dim + c];
    for (let t = 0; t < dim; t++) s += params[w + t] * z[at + t];
    out[c] = s;
  }
}

function standardisation(x: ArrayLike<number>, rows: number, dim: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(dim);
  const scale = new Float64Array(dim);
  for (let i = 0; i < rows; i++) for (let t = 0; t < dim; t++) mean[t] += x[i * dim + t];
  for (let t = 0; t < dim; t++) mean[t] /= Math.max(1, rows);
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < dim; t++) {
      const d = x[i * dim + t] - mean[t];
      scale[t] += d * d;
    }
  }
  for (let t = 0; t < dim; t++) {
    const sd = Math.sqrt(scale[t] / Math.max(1, rows));
    scale[t] = sd > 1e-12 ? 1 / sd : 1;
  }
  return { mean, scale };
}

function standardise(x: ArrayLike<number>, rows: number, dim: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const z = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) for (let t = 0; t < dim; t++) z[i * dim + t] = (x[i * dim + t] - mean[t]) * scale[t];
  return z;
}

/** Correction pairs L-BFGS keeps. */
const MEMORY = 10;

/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search; a pair is kept only
 * when it has positive curvature, so the implicit Hessian stays positive definite.
 */
async function lbfgs(
  f: (p: Float64Array) => Evaluation,
  start: Float64Array,
  maxIterations: number,
  tolerance: number,
): Promise<{ params: Float64Array; iterations: number; loss: number }> {
  let x = start;
  let e = f(x);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  let iterations = 0;
  while (iterations < maxIterations && maxAbs(e.gradient) > tolerance) {
    // A fit on 60 000 rows takes minutes: yielding once per iteration lets Ctrl-C and SIGTERM be handled.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const direction = twoLoop(e.gradient, s, y, rho);
    let slope = dot(direction, e.gradient);
    if (!(slope < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      s.length = y.length = rho.length = 0;
      direction.set(e.gradient.map((g) => -g));
      slope = dot(direction, e.gradient);
    }
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let next: Float64Array;
    let en: Evaluation;
    for (;;) {
      next = x.map((v, j) => v + step * direction[j]);
      en = f(next);
      if (en.loss <= e.loss + 1e-4 * step * slope || step < 1e-12) break;
      step /= 2;
    }
    iterations++;
    const sk = next.map((v, j) => v - x[j]);
    const yk = en.gradient.map((g, j) => g - e.gradient[j]);
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === MEMORY) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const improvement = e.loss - en.loss;
    x = next;
    e = en;
    if (improvement <= 1e-12 * Math.max(1, Math.abs(e.loss))) break;
  }
  return { params: x, iterations, loss: e.loss };
}

/** -H g by the two-loop recursion, H the L-BFGS inverse-Hessian estimate. */
function twoLoop(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[]): Float64Array {
  const q = Float64Array.from(g);
  const alpha = new Array<number>(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    alpha[i] = rho[i] * dot(s[i], q);
    axpy(-alpha[i], y[i], q);
  }
  if (s.length > 0) {
    const last = s.length - 1;
    const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
    for (let j = 0; j < q.length; j++) q[j] *= gamma;
  }
  for (let i = 0; i < s.length; i++) {
    const beta = rho[i] * dot(y[i], q);
    axpy(alpha[i] - beta, s[i], q);
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < y.length; j++) y[j] += a * x[j];
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}
