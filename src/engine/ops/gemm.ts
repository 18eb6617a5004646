import { UsageError } from '../../common/errors.js';
import { attr, type Value } from '../graph.js';
import { mul } from './mul.js';
import { defineOp } from './registry.js';
import { broadcastShapes, node1, sumToShape } from './util.js';

export interface GemmOptions {
  alpha?: number;
  beta?: number;
  transA?: boolean;
  transB?: boolean;
}

/** alpha * op(a) @ op(b) + beta * c for 2-D a and b; c broadcasts to the result. */
export function gemm(a: Value, b: Value, c: Value | null = null, o: GemmOptions = {}): Value {
  if (a.rank !== 2 || b.rank !== 2) throw new UsageError(`gemm: operands must be 2-D, got rank ${a.rank} and ${b.rank}`);
  const m = o.transA ? a.shape[1] : a.shape[0];
  const n = o.transB ? b.shape[0] : b.shape[1];
  const k1 = o.transA ? a.shape[0] : a.shape[1];
  const k2 = o.transB ? b.shape[1] : b.shape[0];
  if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) throw new UsageError(`gemm: inner dimensions ${k1} and ${k2} differ`);
  if (c) broadcastShapes(a.graph, 'gemm', [m, n], c.shape);
  const attrs = {
    alpha: attr.f(o.alpha ?? 1),
    beta: attr.f(o.beta ?? 1),
    transA: attr.i(o.transA ? 1 : 0),
    transB: attr.i(o.transB ? 1 : 0),
  };
  return node1('gemm', c ? [a, b, c] : [a, b], attrs, a.dtype, [m, n]);
}

defineOp({
  name: 'gemm',
  onnx: 'Gemm',
  grad: ({ inputs: [a, b, c], attrs, gy: [g], needs }) => {
    const alpha = (attrs.alpha as { f: number }).f;
    const beta = (attrs.beta as { f: number }).f;
    const tA = (attrs.transA as { i: number }).i === 1;
    const tB = (attrs.transB as { i: number }).i === 1;
    let da: Value | null = null;
    let db: Value | null = null;
    if (needs[0]) da = tA ? gemm(b!, g!, null, { alpha, transA: tB, transB: true }) : gemm(g!, b!, null, { alpha, transB: !tB });
    if (needs[1]) db = tB ? gemm(g!, a!, null, { alpha, transA: true, transB: tA }) : gemm(a!, g!, null, { alpha, transA: !tA });
    const dc = c && needs[2] ? sumToShape(beta === 1 ? g! : mul(g!, beta), c) : null;
    return [da, db, dc];
  },
});
