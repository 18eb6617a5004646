import { attr, type DType, type Value } from '../graph.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

export const ONNX_DTYPE: Record<DType, number> = { float32: 1, int64: 7, bool: 9, float64: 11 };

/** Converts x to `dtype`; the gradient passes through float-to-float casts only. */
export function cast(x: Value, dtype: DType): Value {
  return node1('cast', [x], { to: attr.i(ONNX_DTYPE[dtype]) }, dtype, x.shape);
}

defineOp({
  name: 'cast',
  onnx: 'Cast',
  grad: ({ inputs: [x], gy: [g] }) => [x!.isFloat ? cast(g!, x!.dtype) : null],
});
