/**
 * Finite-difference gradient checking. A case builds y = f(inputs) on a fresh graph; the check differentiates
 * L = sum(y * r) for a fixed random r with the engine's autodiff, runs it in ONNX Runtime, and compares with
 * central differences of L. The error is ||analytic - numeric|| / max(||analytic||, ||numeric||) over all inputs.
 */
import { Rng } from '../../src/common/random.js';
import { gradients } from '../../src/engine/autodiff.js';
import { Graph, type DType, type Value } from '../../src/engine/graph.js';
import { mul, reduceSum } from '../../src/engine/ops/index.js';
import { serialize } from '../../src/engine/onnx.js';
import { createSession, ort } from '../../src/engine/runtime.js';

export type Gen = 'uniform' | 'positive' | 'away' | 'spread';

export interface FdInput {
  shape: number[];
  /** int64 inputs are fixed (indices); give their values. */
  int?: number[];
  gen?: Gen;
  /** Fixed float input (not differentiated), e.g. a mask or running statistics. */
  fixed?: boolean;
}

export interface FdCase {
  inputs: FdInput[];
  build: (g: Graph, xs: Value[]) => Value;
  /** float32 for ops that ONNX Runtime's CPU provider runs in float32 only. */
  dtype?: 'float32' | 'float64';
  /** An independent forward implementation in float64, for float32 ops. */
  reference?: (xs: Float64Array[]) => Float64Array;
  seed?: number;
}

export interface FdResult {
  /** Autodiff (ONNX Runtime) against central differences through ONNX Runtime. */
  relError: number;
  /** Autodiff against central differences of the float64 reference (when given). */
  refGradError?: number;
  /** Forward output against the reference (when given). */
  refForwardError?: number;
}

function generate(rng: Rng, n: number, gen: Gen): number[] {
  switch (gen) {
    case 'uniform':
      return Array.from({ length: n }, () => rng.range(-1, 1));
    case 'positive':
      return Array.from({ length: n }, () => rng.range(0.5, 2));
    case 'away':
      return Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1) * rng.range(0.2, 1));
    case 'spread': {
      // Distinct values at least 0.05 apart, so max/min choices survive perturbation.
      const vals = Array.from({ length: n }, (_, i) => -1 + (2 * i) / Math.max(1, n - 1) + 0.01 * rng.uniform());
      return rng.shuffle(vals);
    }
  }
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  const scale = Math.max(Math.sqrt(na), Math.sqrt(nb));
  return scale === 0 ? 0 : Math.sqrt(diff) / scale;
}

interface Feed {
  name: string;
  dtype: DType;
  shape: number[];
  values: number[];
  diff: boolean;
}

interface Built {
  bytes: Uint8Array;
  feeds: Feed[];
  r: Float64Array;
}

/**
 * Builds the case; the graph's inputs are the case inputs plus any parameters that layers created (fed with their
 * seeded initial values and differentiated when trainable) and the dropout seed (fixed).
 */
function buildModel(c: FdCase, dtype: DType, values: number[][], withGrads: boolean): Built {
  const g = new Graph({ floatType: dtype as 'float32' | 'float64', training: true });
  const xs = c.inputs.map((inp, i) => g.input(`x${i}`, inp.int ? 'int64' : dtype, inp.shape));
  const y = c.build(g, xs);
  const yShape = y.staticShape;
  if (!yShape) throw new Error(`case output has a symbolic shape [${y.shape.join(', ')}]`);
  const rng = new Rng((c.seed ?? 1) + 1000);
  const n = yShape.reduce((a, b) => a * b, 1);
  const r = Float64Array.from({ length: n }, () => rng.range(-1, 1));
  const loss = reduceSum(mul(y, g.constant(r, y.dtype, yShape)));
  g.output('loss', loss);
  g.output('y', y);
  const init = g.initParams(c.seed ?? 1);
  const feeds: Feed[] = g.inputs.map((v, i) => {
    const shape = v.staticShape!;
    if (i < c.inputs.length) {
      const inp = c.inputs[i];
      return { name: v.name, dtype: v.dtype, shape, values: values[i], diff: !inp.int && !inp.fixed };
    }
    const spec = g.params.get(v.name);
    if (spec) return { name: v.name, dtype: v.dtype, shape, values: Array.from(init.get(v.name)!.data as Float64Array), diff: spec.trainable };
    return { name: v.name, dtype: v.dtype, shape, values: [7], diff: false };
  });
  if (withGrads) {
    const diff = feeds.map((f, i) => (f.diff ? i : -1)).filter((i) => i >= 0);
    const grads = gradients(loss, diff.map((i) => g.inputs[i]));
    grads.forEach((gr, k) => {
      if (!gr) throw new Error(`no gradient reached input ${feeds[diff[k]].name}`);
      g.output(`grad_${feeds[diff[k]].name}`, gr);
    });
  }
  return { bytes: serialize(g), feeds, r };
}

export async function checkGradients(c: FdCase): Promise<FdResult> {
  const dtype = c.dtype ?? 'float64';
  const rng = new Rng(c.seed ?? 1);
  const caseValues = c.inputs.map((inp) =>
    inp.int ? inp.int : generate(rng, inp.shape.reduce((a, b) => a * b, 1), inp.gen ?? 'uniform'),
  );
  const full = buildModel(c, dtype, caseValues, true);
  const fwd = buildModel(c, dtype, caseValues, false);
  const session = await createSession(full.bytes, { threads: 1 });
  const fwdSession = await createSession(fwd.bytes, { threads: 1 });
  const values = full.feeds.map((f) => f.values);
  const feeds = (vals: number[][]): Record<string, ort.Tensor> => {
    const out: Record<string, ort.Tensor> = {};
    full.feeds.forEach((f, i) => {
      out[f.name] =
        f.dtype === 'int64'
          ? new ort.Tensor('int64', BigInt64Array.from(vals[i], (v) => BigInt(v)), f.shape)
          : new ort.Tensor(f.dtype as 'float32' | 'float64', (f.dtype === 'float32' ? Float32Array : Float64Array).from(vals[i]), f.shape);
    });
    return out;
  };
  const diffIdx = full.feeds.map((f, i) => (f.diff ? i : -1)).filter((i) => i >= 0);
  const base = await session.run(feeds(values));
  const analytic = diffIdx.flatMap((i) => Array.from(base[`grad_${full.feeds[i].name}`].data as Float64Array, Number));

  const h = dtype === 'float32' ? 3e-3 : 1e-6;
  const numeric: number[] = [];
  for (const i of diffIdx) {
    for (let j = 0; j < values[i].length; j++) {
      const plus = values.map((v) => v.slice());
      const minus = values.map((v) => v.slice());
      plus[i][j] += h;
      minus[i][j] -= h;
      const lp = Number((await fwdSession.run(feeds(plus), ['loss'])).loss.data[0]);
      const lm = Number((await fwdSession.run(feeds(minus), ['loss'])).loss.data[0]);
      numeric.push((lp - lm) / (2 * h));
    }
  }
  const result: FdResult = { relError: relErr(analytic, numeric) };

  if (c.reference) {
    if (full.feeds.length !== c.inputs.length) throw new Error('reference checks support ops without parameters only');
    const ref = c.reference;
    const lossRef = (vals: number[][]): number => {
      const y = ref(vals.map((v) => Float64Array.from(v)));
      let s = 0;
      for (let k = 0; k < y.length; k++) s += y[k] * full.r[k];
      return s;
    };
    const refGrad: number[] = [];
    for (const i of diffIdx) {
      for (let j = 0; j < values[i].length; j++) {
        const plus = values.map((v) => v.slice());
        const minus = values.map((v) => v.slice());
        plus[i][j] += 1e-6;
        minus[i][j] -= 1e-6;
        refGrad.push((lossRef(plus) - lossRef(minus)) / 2e-6);
      }
    }
    result.refGradError = relErr(analytic, refGrad);
    result.refForwardError = relErr(Array.from(base.y.data as Float32Array, Number), ref(values.map((v) => Float64Array.from(v))));
  }
  await session.release();
  await fwdSession.release();
  return result;
}
