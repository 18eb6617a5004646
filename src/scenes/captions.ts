/**
 * The caption grammar (docs/scenes.md). A caption names every object ("a [size] colour shape"), in a list ("A and
 * B", "A B and C") or around the scene's relation ("A left of B [and C]", or its inverse "B right of A [and C]"),
 * behind one of several openings ("there is", "an image of", "two objects", "there are three shapes", "a single").
 * Sizes are mentioned at random and dropped where a caption would exceed 14 tokens. Lowercase, single spaces, no
 * punctuation. src/scenes/parse.ts reads the same grammar back.
 */
import type { Rng } from '../common/random.js';
import { pick } from './sample.js';
import { COLORS, RELATIONS, SHAPES, SIZES, type Scene, inverseRelation } from './world.js';

export const COUNT_WORDS = ['one', 'two', 'three'] as const;
/** Nouns after a count word: singular and plural. */
export const COUNT_NOUNS = [
  ['object', 'objects'],
  ['shape', 'shapes'],
] as const;
export const MIN_TOKENS = 3;
export const MAX_TOKENS = 14;
const SIZE_MENTION = 0.5;
/** Share of captions of a scene with a relation that state it. */
const RELATION_MENTION = 0.6;

/** Every word a caption may use. */
export const VOCABULARY: readonly string[] = [
  ...new Set([
    'a', 'single', 'there', 'is', 'are', 'an', 'image', 'of', 'and',
    ...COUNT_WORDS, ...COUNT_NOUNS.flat(), ...SIZES, ...COLORS, ...SHAPES, ...RELATIONS.flatMap((r) => r.split(' ')),
  ]),
];

/**
 * One caption of the scene, its phrasing drawn from `rng`. With `mention` (one of CONCEPTS) the caption contains
 * that concept word for word: the relation stated as it is, the size of an object that has it, the count as
 * "<count> objects"; it is an error when the scene lacks the concept.
 */
export function describeScene(scene: Scene, rng: Rng, o: { mention?: string } = {}): string {
  const n = scene.objects.length;
  const np = (i: number, sized: readonly boolean[]): string[] => {
    const x = scene.objects[i];
    return sized[i] ? ['a', x.size, x.color, x.shape] : ['a', x.color, x.shape];
  };
  let body: (sized: readonly boolean[]) => string[];
  const stateRelation = o.mention !== undefined && o.mention === scene.relation;
  if (scene.relation && (stateRelation || rng.uniform() < RELATION_MENTION)) {
    const swap = !stateRelation && rng.uniform() < 0.5;
    const [first, second] = swap ? [1, 0] : [0, 1];
    const relation = (swap ? inverseRelation(scene.relation) : scene.relation).split(' ');
    body = (s) => [...np(first, s), ...relation, ...np(second, s), ...(n === 3 ? ['and', ...np(2, s)] : [])];
  } else {
    const order = rng.shuffle(scene.objects.map((_, i) => i));
    body = (s) => order.flatMap((i, k) => [...(k === n - 1 && n > 1 ? ['and'] : []), ...np(i, s)]);
  }
  const pinned = scene.objects.findIndex((x) => x.size === o.mention);
  const sized = scene.objects.map((_, i) => rng.uniform() < SIZE_MENTION || i === pinned);
  const count = COUNT_WORDS[n - 1];
  const countConcept = `${count} ${COUNT_NOUNS[0][n === 1 ? 0 : 1]}`;
  const noun = o.mention === countConcept ? COUNT_NOUNS[0][n === 1 ? 0 : 1] : pick(rng, COUNT_NOUNS)[n === 1 ? 0 : 1];
  // "a single" takes the place of the first article
  const openings: string[][] = [[], ['there', 'is'], ['an', 'image', 'of'], [count, noun], n === 1 ? ['single'] : ['there', 'are', count, noun]];
  const shortest = body(sized.map((_, i) => i === pinned)).length;
  const fits = openings.filter((p) => p.length + shortest <= MAX_TOKENS && (o.mention !== countConcept || p.includes(count)));
  const opening = pick(rng, fits);
  const compose = (): string[] => {
    const b = body(sized);
    return opening[0] === 'single' ? ['a', 'single', ...b.slice(1)] : [...opening, ...b];
  };
  let tokens = compose();
  for (let i = n - 1; tokens.length > MAX_TOKENS && i >= 0; i--) {
    if (i === pinned) continue;
    sized[i] = false;
    tokens = compose();
  }
  const caption = tokens.join(' ');
  if (o.mention !== undefined && !` ${caption} `.includes(` ${o.mention} `)) throw new Error(`describeScene: the scene has no '${o.mention}' to mention`);
  return caption;
}

/**
 * `k` distinct captions of the scene, like the several human references per COCO image. Every scene has at least
 * twelve phrasings, so five distinct ones always exist; the draw stops after 50 k tries regardless.
 */
export function referenceCaptions(scene: Scene, rng: Rng, k = 5): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < k && tries < 50 * k; tries++) out.add(describeScene(scene, rng));
  if (out.size < k) throw new Error(`referenceCaptions: only ${out.size} distinct captions of this scene, ${k} asked`);
  return [...out];
}
