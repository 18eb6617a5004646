/**
 * Seeded dropout with the mask made inside the graph, so a step's mask is a pure function of
 * (seed, call site, element index) and reproducible on any machine. The hash is a 31-bit variant of Widynski's
 * "Squares" counter-based generator (square, add, swap halves), in int64 arithmetic whose products stay below
 * 2^62 (opset 17 has no bitwise xor):
 *
 *   P = 2^31 - 1,  swap(x) = (x mod 2^16) 2^15 + floor(x / 2^16)
 *   squares(c, k): y = (48271 c + k) mod P, z = (y + k) mod P, x = y,
 *                  x = swap((x^2 + y) mod P), x = swap((x^2 + z) mod P), x = swap((x^2 + y) mod P),
 *                  return (x^2 + z) mod P
 *   key    = squares(site + 1, seed mod P)       site: 0, 1, 2, ... in the order dropout is called in the graph
 *   mask_i = (squares(i, key) >= ceil(p P)) / (1 - p)    i: the flat (row-major) element index, i < 2^31
 *
 * `dropoutMaskReference` computes the same mask in TypeScript. The seed is an int64 scalar graph input
 * (`dropout_seed` unless one is passed), which the train step feeds with a fresh value from its Rng every step.
 */
import { UsageError } from '../../common/errors.js';
import type { Graph, Value } from '../graph.js';
import { add } from './add.js';
import { cast } from './cast.js';
import { less, not } from './compare.js';
import { div } from './div.js';
import { mod } from './mod.js';
import { mul } from './mul.js';
import { range } from './range.js';
import { defineComposite } from './registry.js';
import { reshape } from './reshape.js';
import { shape, size } from './shape.js';
import { requireFloat } from './util.js';

const P = 2147483647;

function swapGraph(x: Value): Value {
  return add(mul(mod(x, 65536), 32768), div(x, 65536));
}

function squaresGraph(c: Value, k: Value | number): Value {
  const y = mod(add(mul(c, 48271), k), P);
  const z = mod(add(y, k), P);
  let x = swapGraph(mod(add(mul(y, y), y), P));
  x = swapGraph(mod(add(mul(x, x), z), P));
  x = swapGraph(mod(add(mul(x, x), y), P));
  return mod(add(mul(x, x), z), P);
}

function squaresRef(c: bigint, k: bigint): bigint {
  const p = BigInt(P);
  const swap = (x: bigint): bigint => (x % 65536n) * 32768n + x / 65536n;
  const y = (c * 48271n + k) % p;
  const z = (y + k) % p;
  let x = swap((y * y + y) % p);
  x = swap((x * x + z) % p);
  x = swap((x * x + y) % p);
  return (x * x + z) % p;
}

export const DROPOUT_SEED = 'dropout_seed';

function threshold(p: number): number {
  return Math.ceil(p * P);
}

const sites = new WeakMap<Graph, number>();

/** The graph's dropout seed input, created on first use. */
export function dropoutSeed(g: Graph): Value {
  return g.inputs.find((v) => v.name === DROPOUT_SEED) ?? g.input(DROPOUT_SEED, 'int64', []);
}

/**
 * Zeroes each element with probability p and scales the rest by 1 / (1 - p), in training graphs only; in
 * inference graphs (or with p = 0) it returns x unchanged.
 */
export function dropout(x: Value, p: number, seed?: Value): Value {
  requireFloat('dropout', x);
  if (!(p >= 0 && p < 1)) throw new UsageError(`dropout: probability must be in [0, 1), got ${p}`);
  const g = x.graph;
  if (!g.training || p === 0) return x;
  const site = sites.get(g) ?? 0;
  sites.set(g, site + 1);
  const s = seed ?? dropoutSeed(g);
  const key = squaresGraph(g.scalar(site + 1, 'int64'), mod(s, P));
  const index = reshape(range(g.scalar(0, 'int64'), size(x), g.scalar(1, 'int64')), shape(x));
  const keep = not(less(squaresGraph(index, key), threshold(p)));
  return mul(x, mul(cast(keep, x.dtype), 1 / (1 - p)));
}

/** The mask that dropout call number `site` (0-based) applies to n elements under `seed`, computed in TS. */
export function dropoutMaskReference(seed: number, site: number, n: number, p: number): Float64Array {
  const key = squaresRef(BigInt(site + 1), BigInt(seed) % BigInt(P));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = squaresRef(BigInt(i), key) >= BigInt(threshold(p)) ? 1 / (1 - p) : 0;
  }
  return out;
}

defineComposite('dropout');
