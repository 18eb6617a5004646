import { attr, type Value } from '../graph.js';
import { gatherND } from './gather-nd.js';
import { defineOp } from './registry.js';
import { node1 } from './util.js';

/** A copy of x with `updates` added at the slices that `indices` name (ScatterND, reduction 'add'). */
export function scatterND(x: Value, indices: Value, updates: Value): Value {
  return node1('scatterND', [x, indices, updates], { reduction: attr.s('add') }, x.dtype, x.shape);
}

defineOp({
  name: 'scatterND',
  onnx: 'ScatterND',
  grad: ({ inputs: [, idx], gy: [g], needs }) => [g, null, needs[2] ? gatherND(g!, idx!) : null],
});
