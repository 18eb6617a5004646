/**
 * Reverse-mode differentiation over a Graph. The backward pass is emitted as more graph nodes, built from each
 * op's gradient rule (beside its forward in ops/<name>.ts), so it serialises into the same ONNX model.
 *
 * Graph order is already topological, so the sweep is: mark the values that depend on `wrt` (forward), mark the
 * nodes that `y` depends on (backward), then walk the marked nodes in reverse, accumulating gradients. Only float
 * values carry gradients; outputs of non-differentiable ops (comparisons, shapes, stopGradient) are constants.
 */
import { UsageError } from '../common/errors.js';
import type { Node, Value } from './graph.js';
import { add } from './ops/add.js';
import { constantOfShape } from './ops/constant-of-shape.js';
import { findOp } from './ops/registry.js';
import { shapeOf } from './ops/util.js';
import './ops/index.js';

/**
 * Gradients of the scalar `y` (or of sum(y * seed) when `seed` is given) with respect to each of `wrt`; null for
 * a value that y does not depend on.
 */
export function gradients(y: Value, wrt: readonly Value[], seed?: Value): (Value | null)[] {
  const graph = y.graph;
  if (!y.isFloat) throw new UsageError(`gradients: '${y.name}' is ${y.dtype}, not a float tensor`);
  if (!seed && y.rank !== 0 && !y.shape.every((d) => d === 1)) {
    throw new UsageError(`gradients: '${y.name}' has shape [${y.shape.join(', ')}]; reduce it to a scalar or pass a seed`);
  }
  for (const w of wrt) {
    if (!w.isFloat) throw new UsageError(`gradients: cannot differentiate with respect to ${w.dtype} '${w.name}'`);
  }
  const nodes = graph.nodes.slice();

  // Values that depend on wrt through differentiable ops.
  const varies = new Set<Value>(wrt);
  for (const n of nodes) {
    const def = findOp(n.op);
    if (def?.kind === 'primitive' && def.nonDifferentiable) continue;
    if (n.inputs.some((x) => x !== null && varies.has(x))) for (const o of n.outputs) if (o.isFloat) varies.add(o);
  }
  if (!varies.has(y)) return wrt.map(() => null);

  // Nodes on a path from wrt to y.
  const onPath = new Set<Node>();
  const reaches = new Set<Value>([y]);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (!n.outputs.some((o) => reaches.has(o) && varies.has(o))) continue;
    onPath.add(n);
    for (const x of n.inputs) if (x && varies.has(x)) reaches.add(x);
  }

  const grads = new Map<Value, Value>();
  grads.set(y, seed ?? constantOfShape(shapeOf(y), 1, y.dtype));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (!onPath.has(n)) continue;
    const gy = n.outputs.map((o) => grads.get(o) ?? null);
    if (gy.every((g) => g === null)) continue;
    const def = findOp(n.op);
    if (def?.kind !== 'primitive' || !def.grad) throw new UsageError(`no gradient rule for op '${n.op}'`);
    const needs = n.inputs.map((x) => x !== null && varies.has(x) && reaches.has(x));
    const gx = def.grad({ node: n, inputs: n.inputs, outputs: n.outputs, attrs: n.attrs, gy, needs });
    n.inputs.forEach((x, j) => {
      const g = gx[j];
      if (!x || !needs[j] || !g) return;
      checkShape(n.op, x, g);
      const prev = grads.get(x);
      grads.set(x, prev ? add(prev, g) : g);
    });
  }
  return wrt.map((w) => grads.get(w) ?? null);
}

function checkShape(op: string, x: Value, g: Value): void {
  const bad = g.rank !== x.rank || x.shape.some((d, i) => typeof d === 'number' && typeof g.shape[i] === 'number' && d !== g.shape[i]);
  if (bad || g.dtype !== x.dtype) {
    throw new Error(`gradient rule of '${op}' returned ${g.dtype}[${g.shape.join(', ')}] for input ${x.toString()}`);
  }
}
