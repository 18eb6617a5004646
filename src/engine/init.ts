/**
 * Parameter initialisers. Each is a pure function of a seeded generator and the shape, so a parameter's initial
 * value depends only on (seed, parameter name) — see Graph.initParams.
 */
import type { Rng } from '../common/random.js';

export type Init = (rng: Rng, shape: readonly number[], dtype: 'float32' | 'float64') => Float32Array | Float64Array;

function fill(shape: readonly number[], dtype: 'float32' | 'float64', f: () => number): Float32Array | Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}

export const init = {
  constant: (c: number): Init => (_rng, shape, dtype) => fill(shape, dtype, () => c),
  zeros: (): Init => init.constant(0),
  ones: (): Init => init.constant(1),
  normal: (std: number): Init => (rng, shape, dtype) => fill(shape, dtype, () => std * rng.normal()),
  uniform: (bound: number): Init => (rng, shape, dtype) => fill(shape, dtype, () => rng.range(-bound, bound)),
  /** He (Kaiming) normal for layers followed by ReLU: std = sqrt(2 / fanIn). */
  heNormal: (fanIn: number): Init => init.normal(Math.sqrt(2 / fanIn)),
  /** He uniform: bound = sqrt(6 / fanIn). */
  heUniform: (fanIn: number): Init => init.uniform(Math.sqrt(6 / fanIn)),
  /** Xavier (Glorot) uniform for tanh/sigmoid/linear layers: bound = sqrt(6 / (fanIn + fanOut)). */
  xavierUniform: (fanIn: number, fanOut: number): Init => init.uniform(Math.sqrt(6 / (fanIn + fanOut))),
  xavierNormal: (fanIn: number, fanOut: number): Init => init.normal(Math.sqrt(2 / (fanIn + fanOut))),
};
