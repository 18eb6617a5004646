import { it } from 'vitest';
import { Rng } from '../../../src/common/random.js';
import { adamw } from '../../../src/engine/optim/index.js';
import { ort } from '../../../src/engine/runtime.js';
import { buildTrainStep, TrainStep } from '../../../src/engine/train-step.js';
import { restartRows, vqTrainingModel } from '../../../src/vq/graphs.js';
import { VQ_DEFAULT_CODE_DIM, VQ_DEFAULT_CODEBOOK_SIZE, VQ_DEFAULT_WIDTHS } from '../../../src/vq/model.js';
import { rectangles } from '../rectangles.js';

// Skipped in the suite; run with
//   VQ_BENCH=1 npx vitest run test/vq/bench
// Times the default tokenizer's train step (32x32x3, batch 64) after 3 warm-up steps.
it.runIf(process.env.VQ_BENCH)('VQ-VAE train step, 32x32x3, batch 64, default sizes', async () => {
  const shape = { height: 32, width: 32, channels: 3 };
  const B = 64;
  const K = VQ_DEFAULT_CODEBOOK_SIZE;
  const spec = { input: shape, widths: VQ_DEFAULT_WIDTHS, codeDim: VQ_DEFAULT_CODE_DIM, codebookSize: K };
  const built = buildTrainStep({ build: vqTrainingModel(spec, { commitment: 0.25, decay: 0.99, threshold: 1 }), optimizer: adamw({ weightDecay: 0 }) });
  const rows = new BigInt64Array(K);
  const feeds = { image: new ort.Tensor('float32', rectangles(B, shape, 1), [B, 32 * 32 * 3]), restart_rows: new ort.Tensor('int64', rows, [K]) };
  for (const threads of [1, 2]) {
    const step = await TrainStep.create(built, { seed: 0, threads });
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      restartRows(new Rng(i), B * 64, K, rows);
      const t = performance.now();
      await step.run(feeds, 1e-3);
      if (i >= 3) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`threads=${threads}: min ${times[0].toFixed(1)} ms, median ${times[times.length >> 1].toFixed(1)} ms per step`);
    await step.release();
  }
}, 120_000);
