/** Runs a model's inference graph (model.onnx) over images held in memory, in fixed-size batches. */
import { ort } from '../engine/runtime.js';

/** Rows per inference run; training-time evaluation and `causal eval` use the same, so they see the same batches. */
export const INFERENCE_BATCH = 500;

/** The named outputs of the graph for every row, each as one [rows, width] array. */
export async function runImages(session: ort.InferenceSession, images: Float32Array, rows: number, outputs: readonly string[]): Promise<Record<string, { data: Float32Array; width: number }>> {
  const pixels = images.length / rows;
  const parts: Record<string, Float32Array[]> = Object.fromEntries(outputs.map((o) => [o, []]));
  for (let start = 0; start < rows; start += INFERENCE_BATCH) {
    const n = Math.min(INFERENCE_BATCH, rows - start);
    const x = new ort.Tensor('float32', images.subarray(start * pixels, (start + n) * pixels), [n, pixels]);
    const out = await session.run({ image: x }, outputs);
    for (const o of outputs) parts[o].push((out[o].data as Float32Array).slice());
  }
  const result: Record<string, { data: Float32Array; width: number }> = {};
  for (const o of outputs) {
    const data = new Float32Array(parts[o].reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts[o]) {
      data.set(p, at);
      at += p.length;
    }
    result[o] = { data, width: data.length / rows };
  }
  return result;
}

export interface ClassifierRun {
  predictions: Int32Array;
  /** [rows, features], when asked for. */
  embedding?: Float32Array;
  features?: number;
}

/** A classifier's predicted class per row (argmax of the logits), and its embedding when asked for. */
export async function classify(session: ort.InferenceSession, images: Float32Array, rows: number, o: { embedding?: boolean } = {}): Promise<ClassifierRun> {
  const out = await runImages(session, images, rows, o.embedding ? ['logits', 'embedding'] : ['logits']);
  const { data: logits, width: classes } = out.logits;
  const predictions = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits[i * classes + k] > logits[i * classes + best]) best = k;
    predictions[i] = best;
  }
  return o.embedding ? { predictions, embedding: out.embedding.data, features: out.embedding.width } : { predictions };
}
