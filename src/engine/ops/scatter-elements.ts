import { attr, type Value } from '../graph.js';
import { gatherElements } from './gather-elements.js';
import { defineOp } from './registry.js';
import { node1, normAxis } from './util.js';

/** A copy of x with each update added at its index along `axis` (ScatterElements, reduction 'add'). */
export function scatterElements(x: Value, indices: Value, updates: Value, axis: number): Value {
  const ax = normAxis('scatterElements', axis, x.rank);
  return node1('scatterElements', [x, indices, updates], { axis: attr.i(ax), reduction: attr.s('add') }, x.dtype, x.shape);
}

defineOp({
  name: 'scatterElements',
  onnx: 'ScatterElements',
  grad: ({ inputs: [, idx], attrs, gy: [g], needs }) => [
    g,
    null,
    needs[2] ? gatherElements(g!, idx!, (attrs.axis as { i: number }).i) : null,
  ],
});
