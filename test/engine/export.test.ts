import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { exportInference } from '../../src/engine/export.js';
import onnxProto from 'onnx-proto';
import { Graph, type Value } from '../../src/engine/graph.js';
import { readInitializers } from '../../src/engine/initializers.js';
import * as nn from '../../src/engine/nn/index.js';
import { reduceMean } from '../../src/engine/ops/index.js';
import { ort } from '../../src/engine/runtime.js';
import { sgd } from '../../src/engine/optim/index.js';
import { buildTrainStep, TrainStep } from '../../src/engine/train-step.js';
import { arr, f32, runGraph } from './helpers.js';

/** Conv + batch norm + dropout: the export must switch both to inference behaviour. */
function net(g: Graph, x: Value): Value {
  const h = reduceMean(new nn.ConvBlock(g, 'conv', 1, 2, 3).apply(x), [2, 3]);
  return new nn.Dropout(0.3).apply(nn.l2Normalize(new nn.Linear(g, 'fc', 2, 3).apply(h)));
}

describe('inference export', () => {
  it('reloads in a fresh ONNX Runtime session and reproduces the eval graph, deterministically', async () => {
    const built = buildTrainStep({
      build: (g) => {
        const x = g.input('x', 'float32', ['batch', 1, 4, 4]);
        const t = g.input('t', 'float32', ['batch', 3]);
        return { loss: nn.mse(net(g, x), t) };
      },
      optimizer: sgd({ momentum: 0.9 }),
    });
    const step = await TrainStep.create(built, { seed: 3, threads: 1 });
    const rng = new Rng(5);
    const x = Float32Array.from({ length: 4 * 16 }, () => rng.normal());
    const t = Float32Array.from({ length: 12 }, () => rng.normal());
    for (let i = 0; i < 5; i++) {
      await step.run({ x: new ort.Tensor('float32', x, [4, 1, 4, 4]), t: new ort.Tensor('float32', t, [4, 3]) }, 0.1);
    }
    const params = step.parameters();
    expect(arr(params.get('conv.bn.running_mean')!)).not.toEqual([0, 0]);

    const build = (g: Graph) => ({ y: net(g, g.input('x', 'float32', ['batch', 1, 4, 4])) });
    const bytes = exportInference(build, params);
    expect(Buffer.from(exportInference(build, params)).equals(Buffer.from(bytes))).toBe(true);

    const fresh = await ort.InferenceSession.create(bytes);
    expect(fresh.inputNames).toEqual(['x']);
    const y = (await fresh.run({ x: new ort.Tensor('float32', x, [4, 1, 4, 4]) })).y;

    const g = new Graph();
    g.output('y', build(g).y);
    const feeds = Object.fromEntries([...params].map(([k, v]) => [k, v]));
    const expected = await runGraph(g, { ...feeds, x: f32([4, 1, 4, 4], Array.from(x)) });
    expect(Array.from(y.data as Float32Array)).toEqual(arr(expected.y));

    // readInitializers is the inverse: every parameter and buffer comes back by name, bit for bit.
    const back = readInitializers(bytes, 'model.onnx');
    for (const [name, t] of params) {
      expect(back.get(name)?.shape, name).toEqual(t.shape);
      expect(Array.from(back.get(name)!.data as Float32Array), name).toEqual(Array.from(t.data as Float32Array));
    }
    await step.release();
  });

  it('reads initializers stored as typed fields too, and names a file that is not ONNX', () => {
    const bytes = onnxProto.onnx.ModelProto.encode({
      graph: { initializer: [{ name: 'w', dataType: 1, dims: [2], floatData: [1.5, -2] }, { name: 'n', dataType: 7, dims: [1], int64Data: [7] }] },
    }).finish();
    const back = readInitializers(bytes, 'x.onnx');
    expect(Array.from(back.get('w')!.data as Float32Array)).toEqual([1.5, -2]);
    expect(Array.from(back.get('n')!.data as BigInt64Array)).toEqual([7n]);
    expect(() => readInitializers(Uint8Array.from([0xff, 0xff, 0xff]), 'x.onnx')).toThrow(/x.onnx: not an ONNX model/);
  });
});
