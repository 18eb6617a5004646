import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/engine/graph.js';
import { vqLoss } from '../../src/vq/loss.js';
import { checkGradients } from '../engine/fd.js';
import { arr, f64, runGraph } from '../engine/helpers.js';

const X = [[0.1, 0.9, 0.5], [0.0, 0.3, 1.0]];
const R = [[0.2, 0.7, 0.5], [0.1, 0.1, 0.6]];
const Z = [[0.5, -1.0], [2.0, 0.25], [-0.5, 0.0], [1.0, 1.0]];
const Q = [[0.5, -0.5], [1.5, 0.25], [0.0, 0.0], [1.0, 2.0]];

describe('VQ-VAE loss (EMA codebook: reconstruction + beta commitment)', () => {
  it('matches a hand computation on a tiny batch', async () => {
    const g = new Graph({ floatType: 'float64', training: true });
    const l = vqLoss(g.input('x', 'float64', [2, 3]), g.input('r', 'float64', [2, 3]), g.input('z', 'float64', [4, 2]), g.input('q', 'float64', [4, 2]), 0.25);
    g.output('loss', l.loss);
    g.output('rec', l.reconstruction);
    g.output('commit', l.commitment);
    const out = await runGraph(g, { x: f64([2, 3], X.flat()), r: f64([2, 3], R.flat()), z: f64([4, 2], Z.flat()), q: f64([4, 2], Q.flat()) });
    // Squared errors: (.01 + .04 + 0 + .01 + .04 + .16) / 6 and (0 + .25 + .25 + 0 + .25 + 0 + 0 + 1) / 8.
    const rec = 0.26 / 6;
    const commit = 1.75 / 8;
    expect(arr(out.rec)[0]).toBeCloseTo(rec, 12);
    expect(arr(out.commit)[0]).toBeCloseTo(commit, 12);
    expect(arr(out.loss)[0]).toBeCloseTo(rec + 0.25 * commit, 12);
  });

  it('has gradients that match finite differences (reconstruction and z; x and the codes held fixed)', async () => {
    const r = await checkGradients({
      inputs: [{ shape: [2, 3], fixed: true }, { shape: [2, 3] }, { shape: [4, 2] }, { shape: [4, 2], fixed: true }],
      build: (_g, [x, rec, z, q]) => vqLoss(x, rec, z, q, 0.25).loss,
    });
    expect(r.relError).toBeLessThan(1e-6);
  });
});
