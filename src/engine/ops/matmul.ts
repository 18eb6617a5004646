import { UsageError } from '../../common/errors.js';
import type { Value } from '../graph.js';
import { defineOp } from './registry.js';
import { reshape } from './reshape.js';
import { transposeLast2 } from './transpose.js';
import { broadcastShapes, node1, sumToShape } from './util.js';

/** Batched matrix product a[..., m, k] @ b[..., k, n]; batch axes broadcast. Both operands need rank >= 2. */
export function matmul(a: Value, b: Value): Value {
  if (a.rank < 2 || b.rank < 2) throw new UsageError(`matmul: operands need rank >= 2, got ${a.rank} and ${b.rank}`);
  if (a.dtype !== b.dtype) throw new UsageError(`matmul: dtypes ${a.dtype} and ${b.dtype} differ`);
  const k1 = a.shape[a.rank - 1];
  const k2 = b.shape[b.rank - 2];
  if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) {
    throw new UsageError(`matmul: inner dimensions ${k1} and ${k2} differ ('${a.name}' @ '${b.name}')`);
  }
  const batch = broadcastShapes(a.graph, 'matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  return node1('matmul', [a, b], {}, a.dtype, [...batch, a.shape[a.rank - 2], b.shape[b.rank - 1]]);
}

defineOp({
  name: 'matmul',
  onnx: 'MatMul',
  grad: ({ inputs: [a, b], gy: [g], needs }) => {
    const da = needs[0] ? sumToShape(matmul(g!, transposeLast2(b!)), a!) : null;
    let db: Value | null = null;
    if (needs[1]) {
      const k = a!.shape[a!.rank - 1];
      const n = b!.shape[b!.rank - 1];
      // A shared weight applied to a batch of matrices: fold the batch into rows instead of a batched product.
      if (b!.rank === 2 && a!.rank > 2 && typeof k === 'number' && typeof n === 'number') {
        db = matmul(transposeLast2(reshape(a!, [-1, k])), reshape(g!, [-1, n]));
      } else {
        db = sumToShape(matmul(transposeLast2(a!), g!), b!);
      }
    }
    return [da, db];
  },
});
