import { rngFor } from '../common/random.js';
import { referenceCaptions } from './captions.js';
import { renderScene } from './render.js';
import { sampleScene } from './sample.js';
import type { Scene } from './world.js';

/** train and test never hold a held-out (colour, shape) pair; every heldout scene holds at least one. */
export const SPLITS = ['train', 'test', 'heldout'] as const;
export type SplitName = (typeof SPLITS)[number];
/** Reference captions per scene, as COCO has five per image. */
export const REFERENCES = 5;

/** One row of the scene table. */
export interface SceneRow {
  readonly id: string;
  readonly split: SplitName;
  readonly scene: Scene;
  readonly image: Float32Array;
  readonly captions: readonly string[];
}

/**
 * Scene `index` of `split`: drawn from its own stream rngFor(seed, 'split:index'), so it does not depend on batching
 * and no two splits share a stream. Scene, image and captions each take a child stream, so changing how one is
 * drawn leaves the others as they were.
 */
export function sceneAt(split: SplitName, seed: number, index: number): SceneRow {
  const rng = rngFor(seed, `${split}:${index}`);
  const scene = sampleScene(rng.fork(), { requireHeldout: split === 'heldout' });
  const image = renderScene(scene, rng.fork());
  const captions = referenceCaptions(scene, rng.fork(), REFERENCES);
  return { id: `${split}-${String(index).padStart(6, '0')}`, split, scene, image, captions };
}
