import { it } from 'vitest';
import { timeMlpStep } from './mlp-step.js';

// Not part of the suite (the vitest include pattern is *.test.ts and this folder is excluded below); run with
//   MLP_BENCH=1 npx vitest run test/engine/bench
it.runIf(process.env.MLP_BENCH)('MLP 784-512-256-10 b128 AdamW step time', async () => {
  for (const [threads, optimizer] of [[1, 'sgd'], [1, 'adamw'], [2, 'sgd'], [2, 'adamw'], [1, 'sgd'], [1, 'adamw']] as const) {
    const r = await timeMlpStep({ threads, optimizer });
    console.log(`${optimizer} threads=${threads}: min ${r.minMs.toFixed(2)} ms, median ${r.medianMs.toFixed(2)} ms per step (loss ${r.firstLoss.toFixed(3)} -> ${r.lastLoss.toFixed(3)})`);
  }
}, 120_000);
