/**
 * Depth-first search, transcribed from graphs.py `dfs` (google-deepmind/clrs): the timed walk of dfs-walk.ts over
 * A, roots in index order, with nothing added. Times advance in steps of 0.01.
 *
 * Hints, pushed: once per root (before it is discovered), at every discovery, at every tree edge and at every
 * finish: 3n steps in all. `v` keeps the last value of the scan loop between pushes, as Python's loop variable
 * does (n - 1 after a scan that found no white neighbour).
 */
import type { Rng } from '../../../common/random.js';
import type { ClrsAlgorithm } from '../../algorithm.js';
import { identity } from '../../probing.js';
import { DfsWalk } from './dfs-walk.js';
import { sampleErGraph, startGraphSample, type GraphInput } from './graph-probes.js';

const NAME = 'dfs';

export const dfs: ClrsAlgorithm<GraphInput> = {
  name: NAME,
  family: 'graphs',
  multiplier: 1,
  sample(n: number, rng: Rng): GraphInput {
    return sampleErGraph(NAME, n, { directed: true, acyclic: false, weighted: false }, rng);
  },
  run(input: GraphInput) {
    const rec = startGraphSample(NAME, input);
    const walk = new DfsWalk(input.n, true);
    const push = (): void => rec.hint({ pi_h: walk.pi, ...walk.clockHints(), ...walk.stackHints() });
    walk.fromRoots(identity(input.n), input.A, { push });

    rec.output('pi', walk.pi);
    return rec.finish();
  },
};
