import { attr, type DType, type Value } from '../graph.js';
import { toTyped } from '../graph.js';
import { defineOp } from './registry.js';
import { node1, shapeFromValue, shapeOf } from './util.js';

/** A tensor of the shape held in the 1-D int64 `shapeValue`, filled with `fill`. */
export function constantOfShape(shapeValue: Value, fill: number, dtype: DType): Value {
  const t = { dtype, shape: [1], data: toTyped([fill], dtype) };
  return node1('constantOfShape', [shapeValue], { value: attr.t(t) }, dtype, shapeFromValue(shapeValue));
}

export function zerosLike(x: Value): Value {
  return constantOfShape(shapeOf(x), 0, x.dtype);
}

defineOp({ name: 'constantOfShape', onnx: 'ConstantOfShape', nonDifferentiable: true });
