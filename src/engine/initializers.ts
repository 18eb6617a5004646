/**
 * The inverse of `exportInference`: the named weights stored as initializers in an ONNX model, so that a trained
 * model can start another run (fine-tuning a pretrained encoder). Reads raw_data and the typed data fields, since
 * a model written by another tool may use either.
 */
import onnxProto from 'onnx-proto';
import { DataError } from '../common/errors.js';
import type { DType, TensorData } from './graph.js';

const { onnx } = onnxProto;

const DTYPE: Record<number, DType> = { 1: 'float32', 7: 'int64', 9: 'bool', 11: 'float64' };

/** Every initializer of the model in `bytes` (ONNX protobuf) with a dtype the engine has; `source` names it in errors. */
export function readInitializers(bytes: Uint8Array, source: string): Map<string, TensorData> {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch {
    throw new DataError(`${source}: not an ONNX model`);
  }
  const out = new Map<string, TensorData>();
  for (const t of model.graph?.initializer ?? []) {
    const dtype = DTYPE[t.dataType ?? 0];
    if (!dtype || !t.name) continue;
    const shape = (t.dims ?? []).map(Number);
    const n = shape.reduce((a, b) => a * b, 1);
    const data = tensorValues(t, dtype);
    if (data.length !== n) throw new DataError(`${source}: initializer '${t.name}' holds ${data.length} values for shape [${shape.join(', ')}]`);
    out.set(t.name, { dtype, shape, data });
  }
  return out;
}

function tensorValues(t: onnxProto.onnx.ITensorProto, dtype: DType): TensorData['data'] {
  const raw = t.rawData && t.rawData.length ? t.rawData : null;
  // A copy: decoded raw bytes may share (and be misaligned in) the protobuf buffer.
  const aligned = raw ? new Uint8Array(raw).buffer : null;
  switch (dtype) {
    case 'float32':
      return aligned ? new Float32Array(aligned) : Float32Array.from(t.floatData ?? []);
    case 'float64':
      return aligned ? new Float64Array(aligned) : Float64Array.from(t.doubleData ?? []);
    case 'int64':
      return aligned ? new BigInt64Array(aligned) : BigInt64Array.from((t.int64Data ?? []).map((v) => BigInt(v.toString())));
    case 'bool':
      return aligned ? new Uint8Array(aligned) : Uint8Array.from(t.int32Data ?? []);
  }
}
