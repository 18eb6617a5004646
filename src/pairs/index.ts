export { CAUSE_NAMES, type CauseName } from './causes.js';
export { NOISE_NAMES, type NoiseName } from './noises.js';
export { FUNCTION_NAMES, type FunctionName } from './functions.js';
export {
  MECHANISM_NAMES,
  DEFAULT_NOISE_SCALE,
  makePairs,
  type MechanismName,
  type ConcreteMechanism,
  type PairSpec,
  type SyntheticPair,
} from './make-pairs.js';
export { makeRealisticPairs, REALISTIC_DEFAULTS, REALISTIC_TRAITS, type RealisticPair, type RealisticSpec, type RealisticTrait } from './realistic.js';
