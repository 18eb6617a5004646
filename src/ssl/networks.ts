/**
 * The networks of the self-supervised objectives: an online encoder (the architecture's trunk, see `buildTrunk`)
 * with a projection head (and, for SemPPL, a predictor), and optionally a target network, a frozen copy of encoder and projector under the prefix `target.`
 * that the train step moves towards the online weights by EMA after every step (BYOL-style).
 */
import type { Graph, Value } from '../engine/graph.js';
import { MLP } from '../engine/nn/index.js';
import { buildTrunk, type EncoderSpec } from '../vision/architectures.js';

export const TARGET_PREFIX = 'target.';

export interface HeadSizes {
  /** Hidden width of the projector and predictor MLPs. */
  hidden: number;
  /** Output width of the projector (and predictor). */
  projection: number;
}

export interface OnlineOutputs {
  embedding: Value;
  projection: Value;
  /** The predictor's output, when the network has one; otherwise the projection. */
  output: Value;
}

export function online(g: Graph, spec: EncoderSpec, heads: HeadSizes, pixels: Value, withPredictor: boolean): OnlineOutputs {
  const embedding = buildTrunk(g, spec, pixels);
  const projection = projector(g, heads, embedding);
  const output = withPredictor ? new MLP(g, 'predictor', [heads.projection, heads.hidden, heads.projection]).apply(projection) : projection;
  return { embedding, projection, output };
}

/** The target network's projections of `pixels`, and the EMA map { target buffer: online parameter }. */
export function target(g: Graph, spec: EncoderSpec, heads: HeadSizes, pixels: Value): { projection: Value; emaTargets: Record<string, string> } {
  const before = new Set(g.params.keys());
  const projection = g.frozen(TARGET_PREFIX, () => projector(g, heads, buildTrunk(g, spec, pixels)));
  const emaTargets: Record<string, string> = {};
  for (const name of g.params.keys()) {
    if (before.has(name)) continue;
    const source = name.slice(TARGET_PREFIX.length);
    // Running statistics are buffers in both copies: the target's follow its own batches, not the online ones.
    if (g.params.get(source)?.trainable) emaTargets[name] = source;
  }
  return { projection, emaTargets };
}

function projector(g: Graph, heads: HeadSizes, embedding: Value): Value {
  return new MLP(g, 'projector', [embedding.shape[1] as number, heads.hidden, heads.projection]).apply(embedding);
}
