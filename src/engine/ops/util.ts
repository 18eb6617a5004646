/**
 * Shared helpers for op forwards and gradient rules: operand coercion, broadcasting, axis normalisation and
 * `sumToShape`, which undoes broadcasting in a gradient (works with symbolic batch dimensions).
 */
import { UsageError } from '../../common/errors.js';
import type { DType, Dim, Graph, Shape, Value } from '../graph.js';
import { concat } from './concat.js';
import { constantOfShape } from './constant-of-shape.js';
import { matmul } from './matmul.js';
import { slice } from './slice.js';
import { equal, not } from './compare.js';
import { nonZero } from './non-zero.js';
import { reduceSum } from './reduce-sum.js';
import { reshape } from './reshape.js';
import { shape } from './shape.js';
import { squeeze } from './squeeze.js';

export type Operand = Value | number;

/** The graph and common dtype of a list of operands; numbers adopt the dtype of the Values. */
export function unify(op: string, xs: readonly Operand[]): { graph: Graph; dtype: DType; values: Value[] } {
  const vals = xs.filter((x): x is Value => typeof x !== 'number');
  if (vals.length === 0) throw new UsageError(`${op}: at least one operand must be a graph value`);
  const graph = vals[0].graph;
  const dtype = vals[0].dtype;
  for (const v of vals) {
    if (v.dtype !== dtype) throw new UsageError(`${op}: operands have dtypes ${dtype} and ${v.dtype}; cast one first`);
  }
  return { graph, dtype, values: xs.map((x) => (typeof x === 'number' ? graph.scalar(x, dtype) : x)) };
}

export function requireFloat(op: string, x: Value): void {
  if (!x.isFloat) throw new UsageError(`${op}: expects a float tensor, got ${x.dtype} '${x.name}'`);
}

/** numpy broadcasting of two shapes; a symbol against a number n > 1 is taken to be n (or 1). */
export function broadcastShapes(g: Graph, op: string, a: Shape, b: Shape): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
    const db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
    if (da === db || db === 1) out.push(da);
    else if (da === 1) out.push(db);
    else if (typeof da === 'number' && typeof db === 'number') {
      throw new UsageError(`${op}: shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    } else if (typeof da === 'number') out.push(da);
    else if (typeof db === 'number') out.push(db);
    else out.push(g.unknownDim());
  }
  return out;
}

export function normAxis(op: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new UsageError(`${op}: axis ${axis} is out of range for rank ${rank}`);
  return a;
}

export function normAxes(op: string, axes: readonly number[] | undefined, rank: number): number[] {
  const list = axes ?? Array.from({ length: rank }, (_, i) => i);
  const out = list.map((a) => normAxis(op, a, rank));
  if (new Set(out).size !== out.length) throw new UsageError(`${op}: repeated axis in [${list.join(', ')}]`);
  return out.sort((a, b) => a - b);
}

export function int64s(g: Graph, xs: readonly number[]): Value {
  return g.constant(xs, 'int64', [xs.length]);
}

/** A 1-D int64 value holding x's shape: a constant when static, else a Shape node. */
export function shapeOf(x: Value): Value {
  const s = x.staticShape;
  return s ? int64s(x.graph, s) : shape(x);
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Sums a gradient `grad` (shaped like a broadcast result) back to the shape of `x`. Broadcast axes are found
 * statically where the shapes decide it; a symbolic dimension that might have been 1 falls back to finding the
 * axes at run time (Shape, Equal, NonZero) so symbolic batch dimensions still work.
 */
export function sumToShape(grad: Value, x: Value): Value {
  if (sameShape(grad.shape, x.shape)) return grad;
  const g = grad.graph;
  const lead = grad.rank - x.rank;
  if (lead < 0) throw new Error(`sumToShape: gradient rank ${grad.rank} is below input rank ${x.rank}`);
  const axes = Array.from({ length: lead }, (_, i) => i);
  let ambiguous = false;
  for (let i = 0; i < x.rank; i++) {
    const xd = x.shape[i];
    const gd = grad.shape[lead + i];
    if (xd === gd) continue;
    if (xd === 1) axes.push(lead + i);
    else if (typeof xd === 'number' && typeof gd === 'number') {
      throw new Error(`sumToShape: cannot reduce [${grad.shape.join(', ')}] to [${x.shape.join(', ')}]`);
    } else ambiguous = true;
  }
  if (!ambiguous) {
    if (axes.length === lead) return sumLeading(grad, lead);
    const summed = reduceSum(grad, axes, true);
    return lead > 0 ? squeeze(summed, axes.slice(0, lead)) : summed;
  }
  const padded = lead > 0 ? concat([int64s(g, new Array(lead).fill(1)), shape(x)], 0) : shape(x);
  const dynAxes = reshape(nonZero(not(equal(padded, shape(grad)))), [-1]);
  return reshape(reduceSum(grad, dynAxes, true), shapeOf(x));
}

/**
 * Sum over the leading `lead` axes. With static trailing axes this is ones[1, n] @ grad[n, rest]: ONNX Runtime's
 * ReduceSum over a leading axis is several times slower than the matrix product (bias gradients).
 */
function sumLeading(grad: Value, lead: number): Value {
  const rest = grad.shape.slice(lead);
  if (!rest.every((d): d is number => typeof d === 'number')) return reduceSum(grad, Array.from({ length: lead }, (_, i) => i), false);
  const g = grad.graph;
  const k = rest.reduce((a, b) => a * b, 1);
  const flat = reshape(grad, [-1, k]);
  const n = flat.shape[0];
  const ones =
    typeof n === 'number'
      ? g.constant(new Array(n).fill(1), grad.dtype, [1, n])
      : constantOfShape(concat([int64s(g, [1]), slice(shape(flat), [0], [1])], 0), 1, grad.dtype);
  return reshape(matmul(ones, flat), rest);
}

/** Appends a single-output node. */
export function node1(op: string, inputs: readonly (Value | null)[], attrs: import('../graph.js').Attrs, dtype: DType, outShape: Shape): Value {
  const first = inputs.find((x): x is Value => x !== null);
  if (!first) throw new Error(`${op}: no inputs`);
  return first.graph.addNode(op, inputs, attrs, [{ dtype, shape: outShape }])[0];
}

/** Elementwise op over broadcast operands of one dtype. */
export function elementwise(op: string, xs: readonly Operand[], outDtype?: DType): Value {
  const { graph, dtype, values } = unify(op, xs);
  let s: Dim[] = [...values[0].shape];
  for (const v of values.slice(1)) s = broadcastShapes(graph, op, s, v.shape);
  return node1(op, values, {}, outDtype ?? dtype, s);
}

/** Unary float op keeping shape and dtype. */
export function unaryFloat(op: string, x: Value): Value {
  requireFloat(op, x);
  return node1(op, [x], {}, x.dtype, x.shape);
}

/** The integer values of a constant 1-D int64 value, or null when it is computed at run time. */
export function constInts(v: Value): number[] | null {
  const t = v.graph.constants.get(v);
  return t ? Array.from(t.data as BigInt64Array, Number) : null;
}

/**
 * The shape that a 1-D int64 shape tensor describes, as far as it is known: a constant gives numbers, a Shape
 * node gives its input's shape, anything else gives unknown dims.
 */
export function shapeFromValue(v: Value): Dim[] {
  const c = constInts(v);
  if (c) return c;
  if (v.producer?.op === 'shape') return [...v.producer.inputs[0]!.shape];
  const n = v.shape[0];
  if (typeof n !== 'number') throw new UsageError(`shape tensor '${v.name}' must have a static length`);
  return Array.from({ length: n }, () => v.graph.unknownDim());
}
