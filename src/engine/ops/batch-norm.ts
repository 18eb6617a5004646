import { UsageError } from '../../common/errors.js';
import type { Value } from '../graph.js';
import { add } from './add.js';
import { cast } from './cast.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { reduceMean } from './reduce-mean.js';
import { defineComposite } from './registry.js';
import { size } from './shape.js';
import { sqrt } from './sqrt.js';
import { squeeze, unsqueeze } from './squeeze.js';
import { stopGradient } from './stop-gradient.js';
import { sub } from './sub.js';

export interface BatchNormOptions {
  training: boolean;
  /** Weight of the new batch statistic in the running average (PyTorch's convention). */
  momentum?: number;
  eps?: number;
}

export interface BatchNormResult {
  y: Value;
  /** Updated running statistics (training mode only). */
  runningMean?: Value;
  runningVar?: Value;
}

/**
 * Batch normalisation over every axis except the channel axis 1 (x is [N, C] or [N, C, ...]). In training mode it
 * normalises with the biased batch variance and returns running statistics updated with the unbiased variance, as
 * PyTorch does; in eval mode it uses the running statistics. Composite, so its gradient comes from its parts.
 */
export function batchNorm(x: Value, scale: Value, bias: Value, runningMean: Value, runningVar: Value, o: BatchNormOptions): BatchNormResult {
  if (x.rank < 2) throw new UsageError(`batchNorm: input must have rank >= 2, got ${x.rank}`);
  const eps = o.eps ?? 1e-5;
  const momentum = o.momentum ?? 0.1;
  const axes = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2)];
  const perChannel = (v: Value): Value => (x.rank > 2 ? unsqueeze(v, Array.from({ length: x.rank - 2 }, (_, i) => i + 1)) : v);
  const affine = (normed: Value): Value => add(mul(normed, perChannel(scale)), perChannel(bias));
  if (!o.training) {
    return { y: affine(div(sub(x, perChannel(runningMean)), sqrt(add(perChannel(runningVar), eps)))) };
  }
  const mean = reduceMean(x, axes, true);
  const centred = sub(x, mean);
  const variance = reduceMean(mul(centred, centred), axes, true);
  const y = affine(div(centred, sqrt(add(variance, eps))));
  const count = cast(div(size(x), size(mean)), x.dtype);
  const unbiased = div(mul(stopGradient(squeeze(variance, axes)), count), sub(count, 1));
  return {
    y,
    runningMean: add(mul(runningMean, 1 - momentum), mul(stopGradient(squeeze(mean, axes)), momentum)),
    runningVar: add(mul(runningVar, 1 - momentum), mul(unbiased, momentum)),
  };
}

defineComposite('batchNorm');
