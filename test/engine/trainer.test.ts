/** runTraining's epoch means (the rows of a model card's history), over a fake step whose numbers are known. */
import { describe, expect, it } from 'vitest';
import { StepMeans } from '../../src/engine/step-means.js';
import type { TrainStep } from '../../src/engine/train-step.js';
import { runTraining, type TrainerProgress } from '../../src/engine/trainer.js';

/** A step that has taken `from` steps; step t returns loss t and metric m = 2t. */
function fakeStep(from: number): TrainStep {
  let steps = from;
  const fake = {
    get steps() {
      return steps;
    },
    async run() {
      steps += 1;
      return { loss: steps, metrics: { m: 2 * steps }, outputs: {} };
    },
    rollback() {},
    checkpoint: () => new Map(),
  };
  return fake as unknown as TrainStep;
}

async function epochMeans(from: number): Promise<[number, Record<string, number> | null][]> {
  const seen: TrainerProgress[] = [];
  // 10 examples in batches of 4: two steps an epoch
  await runTraining(fakeStep(from), { examples: 10, batchSize: 4, totalSteps: 5, seed: 1, lr: () => 0.1, batch: () => ({}), onProgress: (p) => seen.push(p) });
  return seen.map((p) => [p.step, p.epochMeans]);
}

describe('runTraining epoch means', () => {
  it('averages each epoch\'s steps at its last step and at the run\'s last step, in the order the keys came', async () => {
    const rows = await epochMeans(0);
    expect(rows).toEqual([
      [1, null],
      [2, { loss: 1.5, m: 3 }],
      [3, null],
      [4, { loss: 3.5, m: 7 }],
      [5, { loss: 5, m: 10 }],
    ]);
    expect(Object.keys(rows[1][1]!)).toEqual(['loss', 'm']);
  });

  it('a resumed run averages only the steps it took', async () => {
    // resumed after step 3, in the middle of epoch 2
    expect(await epochMeans(3)).toEqual([
      [4, { loss: 4, m: 8 }],
      [5, { loss: 5, m: 10 }],
    ]);
  });
});

describe('StepMeans', () => {
  it('starts afresh after each take', () => {
    const s = new StepMeans();
    s.add({ a: 1, b: 10 });
    s.add({ a: 2, b: 30 });
    expect(s.take()).toEqual({ a: 1.5, b: 20 });
    s.add({ a: 7, b: 0 });
    expect(s.take()).toEqual({ a: 7, b: 0 });
  });
});
