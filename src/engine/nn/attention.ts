import { UsageError } from '../../common/errors.js';
import type { Graph, Value } from '../graph.js';
import { greater, gather, matmul, mul, range, reshape, shape, softmax, transpose, unsqueeze, where } from '../ops/index.js';
import { dropout } from '../ops/index.js';
import { Linear } from './linear.js';

export interface AttentionOptions {
  /** Each position attends only to itself and earlier positions. */
  causal?: boolean;
  /** Dropout on the attention weights (training graphs only). */
  dropout?: number;
  /** Features of the context that keys and values come from in cross-attention (default dModel). */
  contextDim?: number;
}

/** The score of a key a query may not see (a later position, padding); finite so that fully masked rows stay NaN-free. */
const MASKED = -1e9;

/**
 * Multi-head scaled dot-product attention. Self-attention over x [batch, time, dModel] by default; given a context
 * [batch, source, contextDim], cross-attention: queries from x, keys and values from the context (every query
 * sees every context position, so `causal` applies to self-attention only).
 *
 * A key padding mask, bool [batch, source] (true: the key may be attended), hides padded keys from every query, in
 * self- and in cross-attention; a padded sequence then gives the same outputs at its real positions as the unpadded
 * one. A row whose keys are all hidden attends uniformly to all of them, so keep one key visible (e.g. a <bos>).
 */
export class MultiHeadAttention {
  private readonly q: Linear;
  private readonly k: Linear;
  private readonly v: Linear;
  private readonly out: Linear;
  private readonly headDim: number;

  constructor(g: Graph, name: string, readonly dModel: number, readonly heads: number, private readonly o: AttentionOptions = {}) {
    if (dModel % heads !== 0) throw new UsageError(`attention '${name}': dModel ${dModel} is not divisible by ${heads} heads`);
    this.headDim = dModel / heads;
    this.q = new Linear(g, `${name}.q`, dModel, dModel, { init: 'xavier' });
    const kv = o.contextDim ?? dModel;
    this.k = new Linear(g, `${name}.k`, kv, dModel, { init: 'xavier' });
    this.v = new Linear(g, `${name}.v`, kv, dModel, { init: 'xavier' });
    this.out = new Linear(g, `${name}.out`, dModel, dModel, { init: 'xavier' });
  }

  /** [b, t, d] -> [b, heads, t, headDim] */
  private split(x: Value): Value {
    return transpose(reshape(x, [0, 0, this.heads, this.headDim]), [0, 2, 1, 3]);
  }

  apply(x: Value, context?: Value, keyMask?: Value): Value {
    if (x.rank !== 3) throw new UsageError(`attention: input must be [batch, time, features], got rank ${x.rank}`);
    if (context && context.rank !== 3) throw new UsageError(`attention: context must be [batch, source, features], got rank ${context.rank}`);
    if (context && this.o.causal) throw new UsageError('attention: causal masking applies to self-attention, not to a context');
    if (keyMask && (keyMask.dtype !== 'bool' || keyMask.rank !== 2)) throw new UsageError(`attention: the key mask must be bool [batch, source], got ${keyMask.dtype} of rank ${keyMask.rank}`);
    const g = x.graph;
    const source = context ?? x;
    const q = this.split(this.q.apply(x));
    const k = this.split(this.k.apply(source));
    const v = this.split(this.v.apply(source));
    let scores = mul(matmul(q, transpose(k, [0, 1, 3, 2])), 1 / Math.sqrt(this.headDim));
    if (this.o.causal) {
      const t = gather(shape(x), g.scalar(1, 'int64'), 0);
      const pos = range(g.scalar(0, 'int64'), t, g.scalar(1, 'int64'));
      scores = where(greater(unsqueeze(pos, [0]), unsqueeze(pos, [1])), MASKED, scores);
    }
    if (keyMask) scores = where(unsqueeze(keyMask, [1, 2]), scores, MASKED);
    let weights = softmax(scores, -1);
    if (this.o.dropout) weights = dropout(weights, this.o.dropout);
    const mixed = reshape(transpose(matmul(weights, v), [0, 2, 1, 3]), [0, 0, this.dModel]);
    return this.out.apply(mixed);
  }
}
