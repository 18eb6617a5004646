import { Rng } from '../common/random.js';
import { classifierDecision } from './classifier-rule.js';
import { Decision } from './decision.js';
import { directDecision } from './direct-rule.js';
import { KcdcOptions } from './options.js';
import { pairDeviances } from './pair-deviances.js';
import { voteDecision } from './vote-rule.js';

/**
 * Decides the direction of one pair with the chosen rule. Throws DataError for unusable input (fewer than 10
 * points, a constant or non-finite variable); the rng drives the subsampling of large pairs.
 */
export function discover(x: ArrayLike<number>, y: ArrayLike<number>, options: KcdcOptions, rng: Rng): Decision {
  switch (options.rule) {
    case 'direct':
      return directDecision(options.direct, pairDeviances(x, y, [options.direct], options.compute, rng));
    case 'vote':
      return voteDecision(options.vote, pairDeviances(x, y, options.vote, options.compute, rng));
    case 'classifier': {
      const rule = options.classifier;
      return classifierDecision(rule, pairDeviances(x, y, rule.features, rule.compute, rng));
    }
  }
}
