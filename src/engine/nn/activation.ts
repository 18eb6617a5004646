import type { Value } from '../graph.js';
import { gelu, relu, sigmoid, tanh } from '../ops/index.js';

export type Activation = 'relu' | 'gelu' | 'tanh' | 'sigmoid' | 'none';

export function activate(x: Value, a: Activation): Value {
  switch (a) {
    case 'relu':
      return relu(x);
    case 'gelu':
      return gelu(x);
    case 'tanh':
      return tanh(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'none':
      return x;
  }
}
