/** Test images: random coloured rectangles on a dark background, as an in-memory image table. */
import { RecordBatch, Schema } from 'apache-arrow';
import { Rng } from '../../src/common/random.js';
import type { ArrowInput } from '../../src/io/arrow-input.js';
import { batchOf, fixedListData, imageField, type ImageShape } from '../../src/io/images.js';

export function rectangles(n: number, shape: ImageShape, seed: number): Float32Array {
  const { height: h, width: w, channels: c } = shape;
  const rng = new Rng(seed);
  const out = new Float32Array(n * h * w * c);
  for (let i = 0; i < n; i++) {
    const img = out.subarray(i * h * w * c, (i + 1) * h * w * c);
    img.fill(0.1);
    for (let r = 1 + rng.int(2); r > 0; r--) {
      const colour = Array.from({ length: c }, () => rng.uniform());
      const y0 = rng.int(h - 4);
      const x0 = rng.int(w - 4);
      const y1 = y0 + 4 + rng.int(h - y0 - 3);
      const x1 = x0 + 4 + rng.int(w - x0 - 3);
      for (let y = y0; y < Math.min(y1, h); y++) for (let x = x0; x < Math.min(x1, w); x++) for (let k = 0; k < c; k++) img[(y * w + x) * c + k] = colour[k];
    }
  }
  return out;
}

export function imageInput(images: Float32Array, shape: ImageShape, name = 'rectangles'): ArrowInput {
  const field = imageField('image', shape);
  const schema = new Schema([field]);
  const rows = images.length / (shape.height * shape.width * shape.channels);
  const batch: RecordBatch = batchOf(schema, [fixedListData(field, images, rows)]);
  return {
    name,
    schema,
    batches: (async function* () {
      yield batch;
    })(),
  };
}
