/**
 * The self-supervised and semi-supervised objectives of `causal train`, as step graphs over augmented views.
 *
 * Input `views` is [views * batch, pixels]: the augmentation stage's view-major layout, large views first. The
 * online network embeds every view in one pass (one convolution over the whole stack); the target network, where
 * the objective has one, embeds the large views only (ReLICv2: small crops go through the online network alone).
 *
 * | objective | views (default) | target network | loss |
 * |---|---|---|---|
 * | simclr | 2 large | none | NT-Xent over both views |
 * | relic | 2 large | EMA | per ordered pair of distinct views: beta * likelihood + alpha * KL |
 * | relicv2 | 2 large + 2 small | EMA | the same summed over every (view, large target view) pair, the same crop included, / ((L + S) L) |
 * | semppl | 2 large + 2 small | EMA, + predictor | c * (likelihood + w * semantic positives) + lambda * KL, over the relicv2 pairs |
 *
 * beta / c is `likelihoodWeight`, alpha / lambda `invarianceWeight`, w `semanticWeight`.
 */
import { UsageError } from '../common/errors.js';
import type { Graph, Value } from '../engine/graph.js';
import { add, div, mul, split } from '../engine/ops/index.js';
import type { ModelOutputs } from '../engine/train-step.js';
import { IMAGE_INPUT, type EncoderSpec } from '../vision/architectures.js';
import { online, target, type HeadSizes } from './networks.js';
import { ntXent } from './nt-xent.js';
import { relicTerms } from './relic-loss.js';
import { labelsForPositives, semanticPositiveLoss, semanticTargets, type LabelQueue } from './semantic-positives.js';

export const SSL_OBJECTIVES = ['simclr', 'relic', 'relicv2', 'semppl'] as const;
export type SslObjective = (typeof SSL_OBJECTIVES)[number];

export const VIEWS_INPUT = 'views';
export const LABEL_INPUT = 'label';
export const QUEUE_INPUT = 'queue';
export const QUEUE_LABEL_INPUT = 'queue_label';
export const QUEUE_VALID_INPUT = 'queue_valid';
/** SemPPL's step output: target projections of the batch's first large view, the queue's new entries. */
export const QUEUE_CANDIDATES = 'queue_candidates';

export interface SslSpec {
  objective: SslObjective;
  encoder: EncoderSpec;
  heads: HeadSizes;
  batchSize: number;
  largeViews: number;
  smallViews: number;
  temperature: number;
  likelihoodWeight: number;
  invarianceWeight: number;
  semanticWeight: number;
  /** SemPPL: the queue's length (the number of labelled images) and the number of classes. */
  queueSize?: number;
  classes?: number;
}

/** Which views an objective needs: SimCLR and ReLIC compare two large views and take no small ones. */
export function checkViews(objective: SslObjective, large: number, small: number): void {
  if (large < 2) throw new UsageError(`--large-views must be at least 2 for ${objective} (views are compared in pairs)`);
  if ((objective === 'simclr' || objective === 'relic') && (large !== 2 || small !== 0)) {
    throw new UsageError(`${objective} compares exactly two large views; --large-views 2 --small-views 0 (multi-crop is relicv2 and semppl)`);
  }
}

export function sslLoss(s: SslSpec): (g: Graph) => ModelOutputs {
  checkViews(s.objective, s.largeViews, s.smallViews);
  return (g) => {
    const pixels = s.encoder.input.height * s.encoder.input.width * s.encoder.input.channels;
    const v = s.largeViews + s.smallViews;
    const views = g.input(VIEWS_INPUT, 'float32', [v * s.batchSize, pixels]);
    const net = online(g, s.encoder, s.heads, views, s.objective === 'semppl');
    const outs = split(net.output, new Array(v).fill(s.batchSize), 0);
    if (s.objective === 'simclr') return { loss: ntXent(outs[0], outs[1], s.temperature) };

    const largePixels = s.smallViews ? split(views, [s.largeViews * s.batchSize, s.smallViews * s.batchSize], 0)[0] : views;
    const tgt = target(g, s.encoder, s.heads, largePixels);
    const targets = split(tgt.projection, new Array(s.largeViews).fill(s.batchSize), 0);
    const pairs: [Value, Value][] = [];
    outs.forEach((o, i) =>
      targets.forEach((t, j) => {
        // ReLIC pairs distinct views; ReLICv2's pseudo-code keeps the same crop through both networks.
        if (s.objective !== 'relic' || i !== j) pairs.push([o, t]);
      }),
    );
    let likelihood: Value | null = null;
    let invariance: Value | null = null;
    for (const [o, t] of pairs) {
      const r = relicTerms(o, t, s.temperature);
      likelihood = likelihood ? add(likelihood, r.likelihood) : r.likelihood;
      invariance = invariance ? add(invariance, r.invariance) : r.invariance;
    }
    likelihood = div(likelihood!, pairs.length);
    invariance = div(invariance!, pairs.length);
    const metrics: Record<string, Value> = { likelihood, invariance };
    let fit = likelihood;
    let outputs: Record<string, Value> | undefined;
    if (s.objective === 'semppl') {
      if (!s.queueSize || !s.classes) throw new UsageError('semppl: the graph needs the queue size and the number of classes');
      const queue: LabelQueue = {
        embeddings: g.input(QUEUE_INPUT, 'float32', [s.queueSize, s.heads.projection]),
        labels: g.input(QUEUE_LABEL_INPUT, 'int64', [s.queueSize]),
        valid: g.input(QUEUE_VALID_INPUT, 'float32', [s.queueSize]),
      };
      const labels = labelsForPositives(outs.slice(0, s.largeViews), g.input(LABEL_INPUT, 'int64', [s.batchSize]), queue, s.classes);
      // The anchor's similarities to the queue and its positives do not depend on the target view: once per view.
      const perView = new Map(outs.map((o) => [o, semanticTargets(o, labels, queue, s.temperature)]));
      let semantic: Value | null = null;
      for (const [o, t] of pairs) {
        const term = semanticPositiveLoss(o, t, perView.get(o)!, s.temperature);
        semantic = semantic ? add(semantic, term) : term;
      }
      semantic = div(semantic!, pairs.length);
      metrics.semantic = semantic;
      fit = add(likelihood, mul(semantic, s.semanticWeight));
      outputs = { [QUEUE_CANDIDATES]: targets[0] };
    }
    const loss = add(mul(fit, s.likelihoodWeight), mul(invariance, s.invarianceWeight));
    return { loss, metrics, outputs, emaTargets: tgt.emaTargets };
  };
}

/** The exported model of a self-supervised run: `image` in; the encoder's `embedding` and the `projection` out. */
export function sslInference(s: Pick<SslSpec, 'encoder' | 'heads'>): (g: Graph) => Record<string, Value> {
  return (g) => {
    const image = g.input(IMAGE_INPUT, 'float32', ['batch', s.encoder.input.height * s.encoder.input.width * s.encoder.input.channels]);
    const net = online(g, s.encoder, s.heads, image, false);
    return { embedding: net.embedding, projection: net.projection };
  };
}
