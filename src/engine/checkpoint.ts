/**
 * Checkpoint bytes: named tensors plus a JSON header, in one buffer so that a checkpoint is one file written
 * atomically (never a parameters file from one step beside a state file from another).
 *
 * Layout: 8 bytes 'CAUSALCK', uint32 LE header length, the header (UTF-8 JSON: `meta` and, for every tensor,
 * name, dtype, shape, byte offset), zero padding to a multiple of 8, then the tensors' little-endian bytes, each
 * starting at a multiple of 8.
 */
import { DataError } from '../common/errors.js';
import type { DType, TensorData, TypedData } from './graph.js';

const MAGIC = 'CAUSALCK';

interface Entry {
  name: string;
  dtype: DType;
  shape: number[];
  offset: number;
}

export interface Checkpoint<M> {
  meta: M;
  tensors: Map<string, TensorData>;
}

const align = (n: number): number => Math.ceil(n / 8) * 8;

export function encodeCheckpoint<M>(meta: M, tensors: ReadonlyMap<string, TensorData>): Uint8Array {
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    entries.push({ name, dtype: t.dtype, shape: [...t.shape], offset });
    offset = align(offset + t.data.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta, tensors: entries }));
  const start = align(12 + header.length);
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  let k = 0;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), start + entries[k++].offset);
  }
  return out;
}

const ARRAY: Record<DType, { new (b: ArrayBuffer, o: number, n: number): TypedData; BYTES_PER_ELEMENT: number }> = {
  float32: Float32Array,
  float64: Float64Array,
  int64: BigInt64Array,
  bool: Uint8Array,
};

/** Decodes checkpoint bytes; `source` names the file in errors. Tensors are fresh copies. */
export function decodeCheckpoint<M>(bytes: Uint8Array, source: string): Checkpoint<M> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new DataError(`${source}: not a causal checkpoint`);
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  let header: { meta: M; tensors: Entry[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  } catch {
    throw new DataError(`${source}: corrupt checkpoint header`);
  }
  const start = align(12 + length);
  const tensors = new Map<string, TensorData>();
  for (const e of header.tensors) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const A = ARRAY[e.dtype];
    const from = start + e.offset;
    if (!A || from + n * A.BYTES_PER_ELEMENT > bytes.length) throw new DataError(`${source}: checkpoint is truncated at '${e.name}'`);
    // A fresh, aligned copy: `bytes` may be a Node Buffer, whose slice() is a view into a shared pool.
    const copy = new Uint8Array(n * A.BYTES_PER_ELEMENT);
    copy.set(bytes.subarray(from, from + copy.length));
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: new A(copy.buffer, 0, n) });
  }
  return { meta: header.meta, tensors };
}
