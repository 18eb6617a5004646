import type { Graph, TensorData } from '../../src/engine/graph.js';
import { serialize } from '../../src/engine/onnx.js';
import { createSession, fromOrt, toOrt, type ort } from '../../src/engine/runtime.js';

/** Serialises g, runs it once on CPU with the given feeds and returns every output. */
export async function runGraph(g: Graph, feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
  const session = await createSession(serialize(g), { threads: 1 });
  const f: Record<string, ort.Tensor> = {};
  for (const [k, v] of Object.entries(feeds)) f[k] = toOrt(v);
  const out = await session.run(f);
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromOrt(v as ort.Tensor)]));
}

export const f64 = (shape: number[], data: number[]): TensorData => ({ dtype: 'float64', shape, data: Float64Array.from(data) });
export const f32 = (shape: number[], data: number[]): TensorData => ({ dtype: 'float32', shape, data: Float32Array.from(data) });
export const i64 = (shape: number[], data: number[]): TensorData => ({ dtype: 'int64', shape, data: BigInt64Array.from(data, (x) => BigInt(x)) });
export const arr = (t: TensorData): number[] => Array.from(t.data as ArrayLike<number | bigint>, Number);
