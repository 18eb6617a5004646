/** Finite-difference gradient checks (float64, tiny sizes) for the CLRS processors, decoders, Sinkhorn and losses. */
import { describe, expect, it } from 'vitest';
import { Decoder } from '../../src/clrs/model/decoders.js';
import { Encoders } from '../../src/clrs/model/encoders.js';
import { probeLoss } from '../../src/clrs/model/losses.js';
import { Mpnn } from '../../src/clrs/model/processor-mpnn.js';
import { TripletGmpnn } from '../../src/clrs/model/processor-triplet-gmpnn.js';
import type { ModelProbe } from '../../src/clrs/model/probes.js';
import { logSinkhorn } from '../../src/clrs/model/sinkhorn.js';
import type { Graph, Value } from '../../src/engine/graph.js';
import { concat, reshape } from '../../src/engine/ops/index.js';
import { checkGradients, type FdCase } from '../engine/fd.js';

const B = 2;
const N = 3;
const H = 4;
// Processors use H = 8: with 4 features a ReLU often zeroes a whole message vector, and equal messages tie in the
// max aggregation, where finite differences and the (evenly split) subgradient legitimately disagree.
const P = 8;
const u = (...shape: number[]) => ({ shape });
const fixed = (...shape: number[]) => ({ shape, fixed: true });
const flat = (v: Value, size: number): Value => reshape(v, [size]);
/** A fixed adjacency with some masked pairs (every node keeps at least one sender). */
const adjacency = (g: Graph): Value => g.constant([1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1], 'float64', [B, N, N]);
const probe = (p: Omit<ModelProbe, 'source'>): ModelProbe => ({ ...p, source: p.name });
const sizes = { node: 3 * H, edge: 2 * H, graph: H, hidden: H };
/** A decoder case fed the node features and, as the decoder uses them, the edge or graph features. */
const decode = (p: ModelProbe, extra: 'edge' | 'graph' | null): FdCase => ({
  inputs: [u(B, N, 3 * H), ...(extra === 'edge' ? [u(B, N, N, 2 * H)] : extra === 'graph' ? [u(B, H)] : [])],
  build: (g, [node, x]) => new Decoder(g, p, { ...sizes, edge: extra === 'edge' ? sizes.edge : 0, graph: extra === 'graph' ? sizes.graph : 0 }).apply({ node, edge: extra === 'edge' ? x : null, graph: extra === 'graph' ? x : null }).logits,
});

const CASES: Record<string, FdCase> = {
  'MPNN (fully connected)': {
    inputs: [u(B, N, P), u(B, N, N, P), u(B, P), u(B, N, P)],
    build: (g, [node, edge, graph, hidden]) => new Mpnn(g, 'p', P, { edge: true, graph: true }).apply({ node, edge, graph, hidden }).hidden,
  },
  'MPNN (masked by adjacency, no edge or graph features)': {
    inputs: [u(B, N, P), u(B, N, P)],
    build: (g, [node, hidden]) => new Mpnn(g, 'p', P, { edge: false, graph: false }).apply({ node, edge: null, graph: null, hidden, adjacency: adjacency(g) }).hidden,
  },
  'Triplet-GMPNN (hidden state and triplet edge latent)': {
    inputs: [u(B, N, P), u(B, N, N, P), u(B, P), u(B, N, P)],
    build: (g, [node, edge, graph, hidden]) => {
      const r = new TripletGmpnn(g, 'p', P, { edge: true, graph: true }, 3).apply({ node, edge, graph, hidden });
      return concat([flat(r.hidden, B * N * P), flat(r.edgeLatent!, B * N * N * P)], 0);
    },
  },
  'encoders (node, edge, graph, pointers, categorical)': {
    inputs: [u(B, N), fixed(B, N, N), fixed(B, N, N, N), u(B, N, N), fixed(B, 3), u(B)],
    build: (g, [key, ptr, edgePtr, weights, cat, scalar]) => {
      const probes: ModelProbe[] = [
        probe({ name: 'key', stage: 'input', location: 'node', type: 'scalar' }),
        probe({ name: 'p', stage: 'hint', location: 'node', type: 'pointer' }),
        probe({ name: 'q', stage: 'hint', location: 'edge', type: 'pointer' }),
        probe({ name: 'A', stage: 'input', location: 'edge', type: 'scalar' }),
        probe({ name: 'phase', stage: 'hint', location: 'graph', type: 'categorical', categories: 3 }),
        probe({ name: 'time', stage: 'hint', location: 'graph', type: 'scalar' }),
      ];
      const f = new Encoders(g, probes, H).apply({ 'input.key': key, 'hint.p': ptr, 'hint.q': edgePtr, 'input.A': weights, 'hint.phase': cat, 'hint.time': scalar });
      return concat([flat(f.node, B * N * H), flat(f.edge!, B * N * N * H), flat(f.graph!, B * H)], 0);
    },
  },
  'decoder: node pointer': decode(probe({ name: 'pi', stage: 'output', location: 'node', type: 'pointer' }), 'edge'),
  'decoder: node pointer without edge features': decode(probe({ name: 'pi', stage: 'output', location: 'node', type: 'pointer' }), null),
  'decoder: node mask_one': decode(probe({ name: 'i', stage: 'hint', location: 'node', type: 'mask_one' }), null),
  'decoder: node categorical': decode(probe({ name: 'c', stage: 'hint', location: 'node', type: 'categorical', categories: 3 }), null),
  'decoder: edge pointer': decode(probe({ name: 'Pi', stage: 'output', location: 'edge', type: 'pointer' }), 'edge'),
  'decoder: edge categorical': decode(probe({ name: 'b', stage: 'output', location: 'edge', type: 'categorical', categories: 4 }), 'edge'),
  'decoder: graph scalar': decode(probe({ name: 't', stage: 'hint', location: 'graph', type: 'scalar' }), 'graph'),
  // The diagonal penalty (-1e6 / temperature) is left out here: finite differences of sums that large lose every
  // digit; a forward test below checks it.
  'log-Sinkhorn with Gumbel noise': {
    inputs: [u(B, N, N), fixed(B, N, N)],
    build: (_g, [x, noise]) => logSinkhorn(x, { steps: 3, temperature: 0.5, noise, zeroDiagonal: false }),
  },
  'losses: scalar, mask, mask_one, categorical, pointer, permutation': {
    inputs: [u(B, N), u(B, N), u(B, N), u(B, N, 3), u(B, N, N), u(B, N, N)],
    build: (g, [sx, mx, ox, cx, px, qx]) => {
      const c = (values: number[], shape: number[]) => g.constant(values, 'float64', shape);
      const w = c([1, 0.5], [B]);
      const oneHotRows = c([0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0], [B, N, N]);
      const losses = [
        probeLoss({ type: 'scalar' }, sx, c([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [B, N]), w),
        probeLoss({ type: 'mask' }, mx, c([1, 0, -1, 0, 1, 1], [B, N]), w),
        probeLoss({ type: 'mask_one' }, ox, c([0, 1, 0, 0, 0, 1], [B, N]), w),
        probeLoss({ type: 'categorical' }, cx, c([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0], [B, N, 3]), w),
        probeLoss({ type: 'pointer' }, px, oneHotRows, w),
        probeLoss({ type: 'permutation_pointer' }, logSinkhorn(qx, { steps: 2, temperature: 1, zeroDiagonal: false }), oneHotRows, w),
      ];
      return concat(losses.map((l) => reshape(l, [1])), 0);
    },
  },
};

describe('CLRS model gradients match finite differences (float64)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const r = await checkGradients(c);
      expect(r.relError).toBeLessThan(1e-6);
    });
  }
});

describe('log-Sinkhorn', () => {
  it('gives a near-permutation with an empty diagonal at temperature 0.1', async () => {
    const { Graph } = await import('../../src/engine/graph.js');
    const { serialize } = await import('../../src/engine/onnx.js');
    const { createSession, ort } = await import('../../src/engine/runtime.js');
    const g = new Graph({ floatType: 'float64' });
    const x = g.input('x', 'float64', ['batch', 'n', 'n']);
    g.output('y', logSinkhorn(x));
    const session = await createSession(serialize(g), { threads: 1 });
    // Logits preferring the cyclic shift i -> i + 1, with the diagonal the largest of all.
    const logits = Float64Array.from({ length: 16 }, (_, k) => (k % 5 === 0 ? 5 : (Math.floor(k / 4) + 1) % 4 === k % 4 ? 1 : 0));
    const y = (await session.run({ x: new ort.Tensor('float64', logits, [1, 4, 4]) })).y.data as Float64Array;
    const p = Array.from(y, Math.exp);
    for (let i = 0; i < 4; i++) {
      expect(p[i * 4 + i]).toBeLessThan(1e-6);
      expect(p[i * 4 + ((i + 1) % 4)]).toBeGreaterThan(0.99);
      expect(p.slice(i * 4, i * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    await session.release();
  });
});
