import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/engine/graph.js';
import * as nn from '../../src/engine/nn/index.js';
import { serialize } from '../../src/engine/onnx.js';
import * as op from '../../src/engine/ops/index.js';
import { adamw } from '../../src/engine/optim/index.js';
import { buildTrainStep } from '../../src/engine/train-step.js';
import { arr, f32, runGraph } from './helpers.js';

const { onnx } = onnxProto;

function model(g: Graph) {
  const x = g.input('x', 'float32', ['batch', 5, 8]);
  const y = g.input('y', 'int64', ['batch']);
  const h = new nn.TransformerBlock(g, 'tb', 8, 2, { causal: true, dropout: 0.1 }).apply(x);
  const logits = new nn.Linear(g, 'head', 8, 3).apply(op.reduceMean(h, [1]));
  return { loss: nn.crossEntropy(logits, y, { labelSmoothing: 0.1 }) };
}

describe('ONNX serialisation', () => {
  it('gives identical bytes for identical graphs', () => {
    const a = buildTrainStep({ build: model, optimizer: adamw(), clipNorm: 1 }).model;
    const b = buildTrainStep({ build: model, optimizer: adamw(), clipNorm: 1 }).model;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('writes opset 17, IR version 8 and sorted attributes', () => {
    const m = onnx.ModelProto.decode(buildTrainStep({ build: model, optimizer: adamw() }).model);
    expect(Number(m.irVersion)).toBe(8);
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    for (const n of m.graph!.node) {
      const names = n.attribute.map((a) => a.name);
      expect(names).toEqual([...names].sort());
    }
    // Opset 17: ReduceSum takes axes as an input, ReduceMean as an attribute.
    const sum = m.graph!.node.find((n) => n.opType === 'ReduceSum')!;
    expect(sum.input).toHaveLength(2);
    expect(sum.attribute.map((a) => a.name)).not.toContain('axes');
    expect(m.graph!.node.find((n) => n.opType === 'ReduceMean')!.attribute.map((a) => a.name)).toContain('axes');
  });

  it('names outputs without copies, and copies where a value is exposed twice or is an input', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    const y = op.mul(x, 2);
    g.output('y', y);
    g.output('y_again', y);
    g.output('x_out', x);
    const m = onnx.ModelProto.decode(serialize(g));
    expect(m.graph!.node.filter((n) => n.opType === 'Identity')).toHaveLength(2);
    const out = await runGraph(g, { x: f32([2], [1, 2]) });
    expect(arr(out.y)).toEqual([2, 4]);
    expect(arr(out.y_again)).toEqual([2, 4]);
    expect(arr(out.x_out)).toEqual([1, 2]);
  });

  it('leaves out nodes that no output needs', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    op.exp(x);
    g.output('y', op.neg(x));
    expect(onnx.ModelProto.decode(serialize(g)).graph!.node.map((n) => n.opType)).toEqual(['Neg']);
  });
});
