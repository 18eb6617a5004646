/** The augmentation rules and the oracle on hand-made inputs (docs/clrs-augment.md). */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import { AUGMENTED_ALGORITHMS, augmentStep, augmenterFor } from '../../src/clrs/augment/index.js';
import { extendGraph } from '../../src/clrs/augment/graph-extension.js';
import { differingProbes, matchStep } from '../../src/clrs/augment/verify.js';
import type { Sample } from '../../src/clrs/sample.js';
import { sampleAt } from '../../src/clrs/splits.js';

const keys = (...k: number[]): { key: Float64Array } => ({ key: Float64Array.from(k) });
const id = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** An n-node graph with the given edges (both directions unless `directed`). */
function graph(n: number, edges: [number, number, number?][], directed = false): Float64Array {
  const A = new Float64Array(n * n);
  for (const [i, j, w = 1] of edges) {
    A[i * n + j] = w;
    if (!directed) A[j * n + i] = w;
  }
  return A;
}

/** `g` grown by `extra` isolated nodes (placement as given), then the listed edges in augmented indices. */
function grown(A: Float64Array, n: number, extra: number, edges: [number, number, number?][], placement: 'append' | 'before-last' = 'append', directed = false) {
  const g = extendGraph(A, n, extra, placement);
  for (const [i, j, w = 1] of edges) {
    g.A[i * g.n + j] = w;
    if (!directed) g.A[j * g.n + i] = w;
  }
  return g;
}

describe('registry', () => {
  it('covers the sorts, the searches and the 12 graph algorithms, once each', () => {
    expect([...AUGMENTED_ALGORITHMS].sort()).toEqual(
      [
        'insertion_sort', 'bubble_sort', 'heapsort', 'quicksort', 'minimum', 'binary_search', 'quickselect',
        'dfs', 'bfs', 'topological_sort', 'articulation_points', 'bridges', 'strongly_connected_components',
        'mst_kruskal', 'mst_prim', 'bellman_ford', 'dijkstra', 'dag_shortest_paths', 'floyd_warshall',
      ].sort(),
    );
    expect(augmenterFor('kmp_matcher')).toBeUndefined();
  });

  it.each(AUGMENTED_ALGORITHMS)('%s: inputOf gives back the input the sample was recorded from', (name) => {
    const exec = algorithm(name);
    const sample = sampleAt(exec, 7, 3, 0);
    expect(exec.run(augmenterFor(name)!.inputOf(sample))).toEqual(sample);
  });
});

describe('the oracle', () => {
  it('maps pointers through the node map: a pointer from an original node to an added node never matches', () => {
    const sort = algorithm('insertion_sort');
    const original = sort.run(keys(0.2, 0.5, 0.7));
    // a smaller key in front: original node 0 is augmented node 1, and its predecessor is the added node 0
    const augmented = sort.run(keys(0.1, 0.2, 0.5, 0.7));
    expect(differingProbes(original, 0, augmented, 0, [1, 2, 3])).toContain('pred_h');
    expect(matchStep(original, 0, augmented, [1, 2, 3], 'step')).toBeNull();
  });

  it("'state' alignment finds the shifted step and rejects a step with no counterpart (bubble sort)", () => {
    const bubble = algorithm('bubble_sort');
    const original = bubble.run(keys(0.3, 0.1, 0.2));
    const augmented = bubble.run(keys(0.3, 0.1, 0.2, 0.9));
    expect(matchStep(original, 1, augmented, id(3), 'state')).toBe(2);
    // after the last comparison of pass 0 the augmented pass 1 starts on the added element
    expect(matchStep(original, 2, augmented, id(3), 'state')).toBeNull();
    expect(matchStep(original, 0, augmented, id(3), 'state')).toBeNull();
    expect(matchStep(original, 1, augmented, id(3), 'step')).toBeNull();
  });
});

describe('sorting and searching rules', () => {
  it('insertion_sort: keys after the one being inserted, and appended keys, leave the step alone', () => {
    const sort = algorithm('insertion_sort');
    const original = sort.run(keys(0.5, 0.2, 0.9, 0.1));
    // step 1 -> 2 inserts position 2: position 3 changes and a key is appended
    expect(matchStep(original, 1, sort.run(keys(0.5, 0.2, 0.9, 0.0, 0.3)), id(4), 'step')).toBe(1);
    // but not if the inserted key moves in the order
    expect(matchStep(original, 1, sort.run(keys(0.5, 0.2, 0.05, 0.1)), id(4), 'step')).toBeNull();
    const rule = augmenterFor('insertion_sort')!;
    const p = rule.augment(original, rule.inputOf(original), 1, new Rng(1), { maxExtra: 3 })!;
    const k = (p.input as { key: Float64Array }).key;
    expect(k.length).toBeGreaterThan(4);
    expect([k[1] < k[0], k[0] < k[2]]).toEqual([true, true]);
  });

  it('bubble_sort: no element is appended when the next step starts a pass', () => {
    const bubble = algorithm('bubble_sort');
    const original = bubble.run(keys(0.3, 0.1, 0.2));
    const rule = augmenterFor('bubble_sort')!;
    const size = (t: number): number => (rule.augment(original, rule.inputOf(original), t, new Rng(t), { maxExtra: 3 })!.input as { key: Float64Array }).key.length;
    expect([size(0), size(1), size(2)].map((m) => m > 3)).toEqual([false, true, false]);
    for (const t of [0, 1, 2]) expect(augmentStep(rule, original, t, new Rng(t), { maxExtra: 3, tries: 1 }).kind).toBe('augmented');
  });

  it('quicksort: ascending keys above the rest add partitions that move nothing, in front of the original run', () => {
    const quick = algorithm('quicksort');
    const original = quick.run(keys(0.4, 0.1, 0.3));
    const augmented = quick.run(keys(0.4, 0.1, 0.3, 0.8, 0.9));
    // partitions of a[0..4] (5 hints) and a[0..3] (4 hints) come first
    for (let t = 0; t + 1 < original.length; t++) expect(matchStep(original, t, augmented, id(3), 'state')).toBe(t + 9);
  });

  it('minimum: keys after the one compared next are free', () => {
    const min = algorithm('minimum');
    const original = min.run(keys(0.4, 0.6, 0.3, 0.8));
    const augmented = min.run(keys(0.4, 0.6, 0.3, 0.0, 0.01));
    expect(matchStep(original, 1, augmented, id(4), 'step')).toBe(1);
    // step 2 -> 3 reads key 3
    expect(matchStep(original, 2, augmented, id(4), 'step')).toBeNull();
  });

  it.each(['heapsort', 'quickselect', 'binary_search'])('%s: the redrawn keys give the whole trajectory back', (name) => {
    const exec = algorithm(name);
    const original = name === 'binary_search' ? exec.run({ key: Float64Array.of(0.1, 0.3, 0.5, 0.7, 0.9), target: 0.6 }) : exec.run(keys(0.4, 0.9, 0.1, 0.6, 0.3));
    const rule = augmenterFor(name)!;
    const p = rule.augment(original, rule.inputOf(original), 0, new Rng(4), { maxExtra: 3 })!;
    const augmented = exec.run(p.input);
    expect(augmented.inputs.key).not.toEqual(original.inputs.key);
    expect(augmented.hints).toEqual(original.hints);
  });
});

describe('graph rules', () => {
  // path 0 - 1 - 2 - 3 from s = 0: reach grows one node per round
  const path = graph(4, [[0, 1], [1, 2], [2, 3]]);
  const bfsOn = (A: Float64Array, n: number): Sample => algorithm('bfs').run({ n, A, s: 0 });

  it('bfs: a node attached only to unreached nodes keeps the next frontier; one that makes a shortcut does not', () => {
    const original = bfsOn(path, 4);
    const far = grown(path, 4, 1, [[4, 3]]);
    expect(matchStep(original, 1, bfsOn(far.A, far.n), far.nodeMap, 'step')).toBe(1);
    const shortcut = grown(path, 4, 1, [[4, 0], [4, 3]]);
    const augmented = bfsOn(shortcut.A, shortcut.n);
    expect(matchStep(original, 1, augmented, shortcut.nodeMap, 'step')).toBeNull();
    // node 3 is reached a round early, with the added node as its parent
    expect(differingProbes(original, 2, augmented, 2, shortcut.nodeMap)).toEqual(['reach_h', 'pi_h']);
  });

  it('bfs: the rule links added nodes only to originals not reached before step t', () => {
    const original = bfsOn(path, 4);
    const rule = augmenterFor('bfs')!;
    for (let seed = 0; seed < 50; seed++) {
      const p = rule.augment(original, rule.inputOf(original), 1, new Rng(seed), { maxExtra: 4 })!;
      const { n, A } = p.input as { n: number; A: Float64Array };
      for (let w = 4; w < n; w++) expect(A[w * n + 0]).toBe(0);
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(A[i * n + j]).toBe(path[i * 4 + j]);
    }
  });

  it('dfs: added nodes go before the last original when a step records the full scan v = n-1', () => {
    const dfs = algorithm('dfs');
    const A = graph(3, [[0, 1]], true);
    const original = dfs.run({ n: 3, A });
    // hints: root 0, discover 0, tree edge 0->1, discover 1, finish 1 (v = 2), finish 0, root 2, discover 2, finish 2
    expect(original.length).toBe(9);
    const appended = grown(A, 3, 1, [], 'append', true);
    expect(differingProbes(original, 4, dfs.run(appended), 4, appended.nodeMap)).toEqual(['v']);
    const before = grown(A, 3, 1, [], 'before-last', true);
    expect(before.nodeMap).toEqual([0, 1, 3]);
    expect(matchStep(original, 3, dfs.run(before), before.nodeMap, 'step')).toBe(3);
    const rule = augmenterFor('dfs')!;
    expect(augmentStep(rule, original, 3, new Rng(1), { maxExtra: 2, tries: 1 }).kind).toBe('augmented');
    // finish 0 (v = 2) then the root push of node 2: added nodes either shift v or become roots first
    expect(augmentStep(rule, original, 5, new Rng(1), { maxExtra: 2, tries: 4 }).kind).toBe('skipped');
  });

  it('mst_prim: an edge to an added node must outweigh every key extracted so far', () => {
    const prim = algorithm('mst_prim');
    const A = graph(3, [[0, 1, 0.5], [1, 2, 0.3]]);
    const original = prim.run({ n: 3, A, s: 0 });
    const light = grown(A, 3, 1, [[0, 3, 0.4]]);
    expect(matchStep(original, 1, prim.run({ n: light.n, A: light.A, s: 0 }), light.nodeMap, 'step')).toBeNull();
    const heavy = grown(A, 3, 1, [[0, 3, 0.6]]);
    expect(matchStep(original, 1, prim.run({ n: heavy.n, A: heavy.A, s: 0 }), heavy.nodeMap, 'step')).toBe(1);
  });

  it('floyd_warshall: appended nodes are intermediates only after every original step, even as shortcuts', () => {
    const fw = algorithm('floyd_warshall');
    const A = graph(3, [[0, 1, 0.9], [1, 2, 0.9]]);
    const original = fw.run({ n: 3, A });
    const g = grown(A, 3, 1, [[0, 3, 0.1], [3, 2, 0.1]]);
    const augmented = fw.run(g);
    for (let t = 0; t + 1 < original.length; t++) expect(matchStep(original, t, augmented, g.nodeMap, 'step')).toBe(t);
    // the shortcut does change the answer: 2's predecessor from 0 is the added node
    expect(augmented.outputs.Pi[0 * 4 + 2]).toBe(3);
  });

  it('mst_kruskal: heavier edges come after the step, lighter edges among added nodes before it', () => {
    const kruskal = algorithm('mst_kruskal');
    const A = graph(3, [[0, 1, 0.5], [1, 2, 0.7]]);
    const original = kruskal.run({ n: 3, A });
    const heavy = grown(A, 3, 1, [[2, 3, 0.9]]);
    for (let t = 0; t + 1 < original.length; t++) expect(matchStep(original, t, kruskal.run(heavy), heavy.nodeMap, 'state')).toBe(t);
    // a light edge between two added nodes: its union (entry push and link push) comes first
    const light = grown(A, 3, 2, [[3, 4, 0.1]]);
    expect(matchStep(original, 1, kruskal.run(light), light.nodeMap, 'state')).toBe(3);
    expect(matchStep(original, 0, kruskal.run(light), light.nodeMap, 'state')).toBeNull();
  });

  it('strongly_connected_components: phase 1 is not applicable', () => {
    const scc = algorithm('strongly_connected_components');
    const original = sampleAt(scc, 6, 1, 0);
    const rule = augmenterFor('strongly_connected_components')!;
    const t = original.hints.phase.findIndex((p) => p[0] === 1);
    expect(augmentStep(rule, original, t - 1, new Rng(1), { maxExtra: 3, tries: 2 }).kind).toBe('not-applicable');
    expect(augmentStep(rule, original, 0, new Rng(1), { maxExtra: 3, tries: 2 }).kind).toBe('augmented');
  });
});
