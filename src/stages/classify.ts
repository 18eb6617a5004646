/** Runs an image classifier's inference graph (model.onnx) over images held in memory, in fixed-size batches. */
import { ort } from '../engine/runtime.js';

/** Rows per inference run; training-time evaluation and `causal eval` use the same, so they see the same batches. */
export const INFERENCE_BATCH = 500;

export interface ClassifierRun {
  predictions: Int32Array;
  /** [rows, features], when asked for. */
  embedding?: Float32Array;
  features?: number;
}

export async function classify(
  session: ort.InferenceSession,
  images: Float32Array,
  rows: number,
  o: { embedding?: boolean } = {},
): Promise<ClassifierRun> {
  const pixels = images.length / rows;
  const predictions = new Int32Array(rows);
  const parts: Float32Array[] = [];
  let features = 0;
  const outputs = o.embedding ? ['logits', 'embedding'] : ['logits'];
  for (let start = 0; start < rows; start += INFERENCE_BATCH) {
    const n = Math.min(INFERENCE_BATCH, rows - start);
    const x = new ort.Tensor('float32', images.subarray(start * pixels, (start + n) * pixels), [n, pixels]);
    const out = await session.run({ image: x }, outputs);
    const logits = out.logits.data as Float32Array;
    const classes = logits.length / n;
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < classes; k++) if (logits[i * classes + k] > logits[i * classes + best]) best = k;
      predictions[start + i] = best;
    }
    if (o.embedding) {
      const e = out.embedding.data as Float32Array;
      features = e.length / n;
      parts.push(e.slice());
    }
  }
  if (!o.embedding) return { predictions };
  const embedding = new Float32Array(rows * features);
  let at = 0;
  for (const p of parts) {
    embedding.set(p, at);
    at += p.length;
  }
  return { predictions, embedding, features };
}
