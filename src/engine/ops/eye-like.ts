import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { ONNX_DTYPE } from './cast.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/**
 * The identity matrix shaped like the 2-D tensor x (ones on the main diagonal), for masks over a symbolic node
 * count where a constant cannot be written down.
 */
export function eyeLike(x: Value, dtype: 'float32' | 'float64' = x.graph.floatType): Value {
  if (x.rank !== 2) throw new UsageError(`eyeLike: '${x.name}' must be 2-D, got rank ${x.rank}`);
  return node1('eyeLike', [x], { dtype: attr.i(ONNX_DTYPE[dtype]) }, dtype, x.shape);
}

defineOp({ name: 'eyeLike', onnx: 'EyeLike', nonDifferentiable: true });
