import { UsageError } from '../../common/errors.js';
import type { DType, Value } from '../graph.js';
import { cast } from './cast.js';
import { equal } from './compare.js';
import { defineComposite } from './registry.js';
import { unsqueeze } from './squeeze.js';

/**
 * One-hot encoding of int64 class indices along a new last axis of size `depth`. Written as
 * Equal(indices[..., None], [0 .. depth)) because ONNX Runtime's OneHot kernel lacks many type combinations.
 */
export function oneHot(indices: Value, depth: number, dtype: DType = indices.graph.floatType): Value {
  if (indices.dtype !== 'int64') throw new UsageError(`oneHot: indices must be int64, got ${indices.dtype}`);
  const classes = indices.graph.constant(Array.from({ length: depth }, (_, i) => i), 'int64', [depth]);
  return cast(equal(unsqueeze(indices, [-1]), classes), dtype);
}

defineComposite('oneHot', false);
