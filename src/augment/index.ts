/** Image augmentation for self-supervised training (ReLIC, ReLICv2, SemPPL, SimCLR); see docs/augment.md. */
export type { ImageShape } from '../io/images.js';
export { augmentBatch } from './batch.js';
export { type AugmentPolicy, type PolicyOptions, type ViewPolicy, defaultPolicy } from './policy.js';
export { maskBackground, saliencyMask } from './saliency.js';
export { augmentView } from './view.js';
