/**
 * The concepts a caption sampler can be prompted with, as the paper prompts its LLM with a class or attribute, and
 * scenes that contain them: the offline caption backend describes `sceneForConcept(concept)` in place of asking a
 * language model about the concept.
 */
import { UsageError } from '../common/errors.js';
import type { Rng } from '../common/random.js';
import { COUNT_NOUNS, COUNT_WORDS } from './captions.js';
import { constrainedScene, type SceneConstraints } from './sample.js';
import { COLORS, RELATIONS, SHAPES, SIZES, type Scene, isHeldout } from './world.js';

const COUNT_CONCEPTS = COUNT_WORDS.map((w, i) => `${w} ${COUNT_NOUNS[0][i === 0 ? 0 : 1]}`);

/** Every colour, shape and size, every "<colour> <shape>" pair (held-out ones included), the relations, and the counts ("two objects"). */
export const CONCEPTS: readonly string[] = [
  ...COLORS,
  ...SHAPES,
  ...SIZES,
  ...COLORS.flatMap((c) => SHAPES.map((s) => `${c} ${s}`)),
  ...RELATIONS,
  ...COUNT_CONCEPTS,
];

function constraintsFor(concept: string): SceneConstraints | null {
  const has = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);
  if (has(COLORS, concept)) return { object: { color: concept } };
  if (has(SHAPES, concept)) return { object: { shape: concept } };
  if (has(SIZES, concept)) return { object: { size: concept } };
  if (has(RELATIONS, concept)) return { relation: concept };
  const count = COUNT_CONCEPTS.indexOf(concept);
  if (count >= 0) return { count: count + 1 };
  const [color, shape, extra] = concept.split(' ');
  if (extra === undefined && has(COLORS, color) && has(SHAPES, shape)) return { object: { color, shape } };
  return null;
}

/**
 * A random scene that contains `concept` (one of CONCEPTS): an object of that colour, shape, size or pair, two
 * objects in that relation, or that many objects; the rest drawn as sampleScene draws it. Held-out pairs appear only
 * with `allowHeldout` (an LLM knows concepts absent from the human data); asking for one without it is an error.
 */
export function sceneForConcept(concept: string, rng: Rng, o: { allowHeldout?: boolean } = {}): Scene {
  const constraints = constraintsFor(concept);
  if (!constraints) throw new UsageError(`unknown concept '${concept}': concepts are colours, shapes, sizes, '<colour> <shape>', relations and counts like 'two objects' (docs/scenes.md)`);
  const { color, shape } = constraints.object ?? {};
  if (color && shape && isHeldout(color, shape) && !o.allowHeldout) {
    throw new UsageError(`concept '${concept}' is a held-out combination; it is only drawn when held-out pairs are allowed`);
  }
  return constrainedScene(rng, { ...constraints, allowHeldout: o.allowHeldout });
}
