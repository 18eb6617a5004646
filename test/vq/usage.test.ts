import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/engine/graph.js';
import { countTokens, usageFromCounts, usageOf } from '../../src/vq/usage.js';
import { arr, f64, runGraph } from '../engine/helpers.js';

describe('codebook usage', () => {
  it('counts the codes used and the perplexity exp(H) of their frequencies', () => {
    expect(usageOf(countTokens([0, 1, 0, 1], new Float64Array(4)))).toEqual({ codes_used: 2, perplexity: 2 });
    expect(usageOf(countTokens([3, 3, 3], new Float64Array(4)))).toEqual({ codes_used: 1, perplexity: 1 });
    const u = usageOf(countTokens([0, 0, 1, 2], new Float64Array(5)));
    expect(u.codes_used).toBe(3);
    expect(u.perplexity).toBeCloseTo(Math.exp(-(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25))), 12);
  });

  it('gives the same in the graph, from per-code counts', async () => {
    const counts = [2, 0, 1, 1, 0];
    const g = new Graph({ floatType: 'float64' });
    const u = usageFromCounts(g.input('c', 'float64', [5]));
    g.output('used', u.codesUsed);
    g.output('perplexity', u.perplexity);
    const out = await runGraph(g, { c: f64([5], counts) });
    const want = usageOf(Float64Array.from(counts));
    expect(arr(out.used)[0]).toBe(want.codes_used);
    expect(arr(out.perplexity)[0]).toBeCloseTo(want.perplexity, 8);
  });
});
