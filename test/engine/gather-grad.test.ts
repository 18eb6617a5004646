import { describe, expect, it } from 'vitest';
import { gradients } from '../../src/engine/autodiff.js';
import { Graph } from '../../src/engine/graph.js';
import { serialize } from '../../src/engine/onnx.js';
import * as op from '../../src/engine/ops/index.js';
import { createSession, ort } from '../../src/engine/runtime.js';
import { checkGradients } from './fd.js';

describe("gather's gradient", () => {
  it('matches finite differences along a middle axis with repeated indices', async () => {
    const r = await checkGradients({
      inputs: [{ shape: [2, 4, 3] }, { shape: [3], int: [1, 3, 1] }],
      build: (_g, [a, i]) => op.gather(a, i, 1),
    });
    expect(r.relError).toBeLessThan(1e-6);
  });

  // An embedding's backward pass at training size: 64 x 64 ids over 129 rows, a third of them the same row. With
  // integer upstream gradients every sum is exact in float32, so any difference from the reference is a lost
  // update. The race this guards against depends on thread timing: with ONNX Runtime's ScatterND (the previous
  // formulation) 0 to 23 of 200 runs came out wrong, depending on the load; correct code is exact in every run.
  it('sums repeated rows exactly and reproducibly on 2 threads', async () => {
    const K = 129;
    const D = 64;
    const B = 64;
    const N = 64;
    const g = new Graph();
    const table = g.input('table', 'float32', [K, D]);
    const ids = g.input('ids', 'int64', ['batch', N]);
    const upstream = g.input('upstream', 'float32', ['batch', N, D]);
    const [grad] = gradients(op.reduceSum(op.mul(op.gather(table, ids, 0), upstream)), [table]);
    g.output('grad', grad!);
    const session = await createSession(serialize(g), { threads: 2 });
    const idData = BigInt64Array.from({ length: B * N }, (_, i) => BigInt(i % 3 === 0 ? 5 : (i * 17) % K));
    const upData = Float32Array.from({ length: B * N * D }, (_, i) => 1 + (i % 7));
    const feeds = {
      table: new ort.Tensor('float32', new Float32Array(K * D), [K, D]),
      ids: new ort.Tensor('int64', idData, [B, N]),
      upstream: new ort.Tensor('float32', upData, [B, N, D]),
    };
    const want = new Float32Array(K * D);
    for (let m = 0; m < B * N; m++) for (let d = 0; d < D; d++) want[Number(idData[m]) * D + d] += upData[m * D + d];
    let wrongRuns = 0;
    for (let run = 0; run < 200; run++) {
      const got = (await session.run(feeds)).grad.data as Float32Array;
      if (got.some((v, i) => v !== want[i])) wrongRuns++;
    }
    await session.release();
    expect(wrongRuns).toBe(0);
  });
});
