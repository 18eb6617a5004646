/**
 * Inference export: rebuild the model in inference mode (dropout off, batch norm on running statistics) and store
 * the trained parameter values as initializers, giving a self-contained model.onnx for any ONNX Runtime.
 * Deterministic: the same model and values give the same bytes.
 */
import { UsageError } from '../common/errors.js';
import { Graph, type TensorData, type Value } from './graph.js';
import { serialize } from './onnx.js';

export interface ExportOptions {
  floatType?: 'float32' | 'float64';
  /** Stored in the model's metadata_props. */
  metadata?: readonly [string, string][];
}

export function exportInference(
  build: (g: Graph) => Record<string, Value>,
  values: ReadonlyMap<string, TensorData>,
  o: ExportOptions = {},
): Uint8Array {
  const g = new Graph({ training: false, floatType: o.floatType });
  const outputs = build(g);
  for (const [name, v] of Object.entries(outputs)) g.output(name, v);
  const inits = new Map<string, TensorData>();
  for (const name of g.params.keys()) {
    const t = values.get(name);
    if (!t) throw new UsageError(`export: no value for parameter '${name}'`);
    inits.set(name, t);
  }
  return serialize(g, { initializers: inits, metadata: o.metadata });
}
