import { DataError } from '../common/errors.js';
import { Rng } from '../common/random.js';
import type { ArrowInput } from '../io/arrow-input.js';
import { type CausePair, checkPairsSchema, pairsOf, swapped } from '../io/pairs-table.js';
import { type ClassifierRule, type ComputeSettings, DEFAULT_FEATURES, DEFAULT_MODEL, trainRule } from '../kcdc/index.js';

export interface FitRuleOptions {
  readonly seed: number;
  readonly compute: ComputeSettings;
  onPair(n: number): void;
}

/**
 * Fits KCDC's learned rule on a pairs table with truth (typically `causal make-pairs` output): every pair is turned
 * to x -> y first, and the trainer uses it in both orientations. The features and model are the shipped rule's.
 */
export async function fitRuleOnTable(input: ArrowInput, options: FitRuleOptions): Promise<ClassifierRule> {
  checkPairsSchema(input.name, input.schema);
  const pairs: CausePair[] = [];
  for await (const batch of input.batches) {
    for (const p of pairsOf(input.name, batch)) {
      if (p.truth === null) throw new DataError(`${input.name}: pair '${p.id}' has no truth; a rule is fitted on labelled pairs`);
      pairs.push(p.truth === 'x->y' ? p : swapped(p));
      options.onPair(pairs.length);
    }
  }
  if (pairs.length < 10) throw new DataError(`${input.name}: ${pairs.length} labelled pairs; fitting a rule needs at least 10`);
  try {
    return trainRule(pairs, { features: DEFAULT_FEATURES, model: DEFAULT_MODEL, compute: options.compute, training: { source: input.name, seed: options.seed } }, new Rng(options.seed));
  } catch (err) {
    if (err instanceof DataError) throw new DataError(`${input.name}: ${err.message}`);
    throw err;
  }
}
