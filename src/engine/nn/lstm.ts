import type { Graph, Value } from '../graph.js';
import { init } from '../init.js';
import { add, matmul, mul, sigmoid, split, tanh } from '../ops/index.js';

/**
 * One LSTM step: gates [i, f, g, o] = x Wx + h Wh + b; c' = f c + i g; h' = o tanh(c'). The forget-gate bias
 * starts at 1 so that early training keeps the cell state.
 */
export class LSTMCell {
  readonly wx: Value;
  readonly wh: Value;
  readonly bias: Value;

  constructor(g: Graph, name: string, readonly inputSize: number, readonly hiddenSize: number) {
    this.wx = g.param(`${name}.wx`, [inputSize, 4 * hiddenSize], init.xavierUniform(inputSize, hiddenSize));
    this.wh = g.param(`${name}.wh`, [hiddenSize, 4 * hiddenSize], init.xavierUniform(hiddenSize, hiddenSize));
    const forgetOne = (_rng: unknown, shape: readonly number[], dtype: 'float32' | 'float64'): Float32Array | Float64Array => {
      const b = dtype === 'float32' ? new Float32Array(shape[0]) : new Float64Array(shape[0]);
      b.fill(1, hiddenSize, 2 * hiddenSize);
      return b;
    };
    this.bias = g.param(`${name}.bias`, [4 * hiddenSize], forgetOne, { decay: false });
  }

  apply(x: Value, h: Value, c: Value): { h: Value; c: Value } {
    const gates = add(add(matmul(x, this.wx), matmul(h, this.wh)), this.bias);
    const n = this.hiddenSize;
    const [i, f, g, o] = split(gates, [n, n, n, n], -1);
    const cNext = add(mul(sigmoid(f), c), mul(sigmoid(i), tanh(g)));
    return { h: mul(sigmoid(o), tanh(cNext)), c: cNext };
  }
}
